-- 0010: the newest result of each of the paper's figures (`reproduce`, the Paper view), one row a figure, replaced by
-- each newer result: the Paper view shows them again when the notebook is opened again, and a notebook reproduced
-- from the CLI opens in the app with its figures. The runs behind a figure are stored as any run; status_json names
-- them.
CREATE TABLE figure_results (
  figure          TEXT NOT NULL PRIMARY KEY CHECK (figure IN ('table1', 'fig4b', 'fig4c', 'fig4f', 'fig4g', 'fig5d', 'fig5g')),
  status_json     TEXT NOT NULL CHECK (json_valid(status_json)),
  reproduction_id TEXT NOT NULL,
  finished_at     TEXT NOT NULL
) STRICT;
