-- 0002: runs & comparison: what a run is (agent, environment, planned trials) for lists and filters,
-- snapshots of learned state, saved comparison views. Documented column by column in db/README.md.

-- Derived from the run's spec at launch, so lists and filters need not parse spec_json.
ALTER TABLE runs ADD COLUMN agent_kind TEXT;
ALTER TABLE runs ADD COLUMN environment_name TEXT;
ALTER TABLE runs ADD COLUMN trials_planned INTEGER CHECK (trials_planned IS NULL OR trials_planned >= 0);
CREATE INDEX runs_by_agent ON runs (agent_kind);

-- Energy of the SET/RESET pulses of a trial, J (src-core/experiment/energy.ts), beside the paper's three parts.
ALTER TABLE trials ADD COLUMN energy_programming_j REAL NOT NULL DEFAULT 0 CHECK (energy_programming_j >= 0);

-- One map of a run's learned state after a trial: a row-major grid of float32 values, `planes`
-- stacked grids (synapses: 8 planes, one per direction N, NE, E, SE, S, SW, W, NW).
CREATE TABLE run_snapshots (
  run_id    INTEGER NOT NULL REFERENCES runs (id),
  trial     INTEGER NOT NULL CHECK (trial >= 0),
  layer     TEXT    NOT NULL CHECK (layer IN ('thresholds', 'synapses', 'visits', 'path')),
  unit      TEXT    NOT NULL CHECK (unit IN ('S', 'A', 'count', 'cell', 'theta0', 'q')),
  width     INTEGER NOT NULL CHECK (width >= 1),
  height    INTEGER NOT NULL CHECK (height >= 1),
  planes    INTEGER NOT NULL CHECK (planes >= 1),
  data      BLOB    NOT NULL,
  PRIMARY KEY (run_id, trial, layer),
  -- float32 grids hold width × height × planes values; a path holds `planes` int32 cell indices.
  CHECK ((layer = 'path' AND length(data) = 4 * planes) OR (layer <> 'path' AND length(data) = 4 * width * height * planes))
) STRICT, WITHOUT ROWID;

CREATE TRIGGER run_snapshots_no_update BEFORE UPDATE ON run_snapshots
BEGIN
  SELECT RAISE(ABORT, 'run snapshots are append-only: rows cannot be updated');
END;

CREATE TRIGGER run_snapshots_no_delete BEFORE DELETE ON run_snapshots
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'run snapshots are append-only: delete the run through the store');
END;

-- A parameter sweep: its spec (base × grid × seeds); its runs (kind 'sweep') carry
-- group_id = '<sweep id>#<cell index>'.
CREATE TABLE sweeps (
  id         TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  spec_json  TEXT    NOT NULL CHECK (json_valid(spec_json)),
  cells      INTEGER NOT NULL CHECK (cells >= 1),
  seeds      INTEGER NOT NULL CHECK (seeds >= 1),
  created_at TEXT    NOT NULL
) STRICT;

-- A saved comparison: the selected runs, grouping, smoothing and axes, as the Runs panel stores them.
CREATE TABLE comparison_views (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  view_json  TEXT    NOT NULL CHECK (json_valid(view_json)),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
) STRICT;
