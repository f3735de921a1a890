-- 0006: run snapshots may hold the `kinds` layer (the persistent state of each position's threshold:
-- 0 rest, 1 rewarded, 2 penalised, 3 relaxed; unit `kind`), so a new run can start from a stored
-- run's device state (transfer learning). SQLite cannot change a CHECK in place: the table is
-- rebuilt with the same columns, rows and triggers. Documented in db/README.md.

CREATE TABLE run_snapshots_0006 (
  run_id    INTEGER NOT NULL REFERENCES runs (id),
  trial     INTEGER NOT NULL CHECK (trial >= 0),
  layer     TEXT    NOT NULL CHECK (layer IN ('thresholds', 'synapses', 'visits', 'path', 'kinds')),
  unit      TEXT    NOT NULL CHECK (unit IN ('S', 'A', 'count', 'cell', 'theta0', 'q', 'kind')),
  width     INTEGER NOT NULL CHECK (width >= 1),
  height    INTEGER NOT NULL CHECK (height >= 1),
  planes    INTEGER NOT NULL CHECK (planes >= 1),
  data      BLOB    NOT NULL,
  PRIMARY KEY (run_id, trial, layer),
  -- float32 grids hold width × height × planes values; a path holds `planes` int32 cell indices.
  CHECK ((layer = 'path' AND length(data) = 4 * planes) OR (layer <> 'path' AND length(data) = 4 * width * height * planes))
) STRICT, WITHOUT ROWID;

INSERT INTO run_snapshots_0006 (run_id, trial, layer, unit, width, height, planes, data)
  SELECT run_id, trial, layer, unit, width, height, planes, data FROM run_snapshots;

-- Dropping a table drops its triggers first, so the append-only rule does not fire here.
DROP TABLE run_snapshots;
ALTER TABLE run_snapshots_0006 RENAME TO run_snapshots;

CREATE TRIGGER run_snapshots_no_update BEFORE UPDATE ON run_snapshots
BEGIN
  SELECT RAISE(ABORT, 'run snapshots are append-only: rows cannot be updated');
END;

CREATE TRIGGER run_snapshots_no_delete BEFORE DELETE ON run_snapshots
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'run snapshots are append-only: delete the run through the store');
END;
