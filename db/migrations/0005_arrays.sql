-- 0005: array programming. Documented column by column in db/README.md ("Arrays").
-- An array is a configured die (simulated, from a preset and a seed) or a board attached over
-- serial. Each programming job is a run of kind 'array' (table runs) with one array_programs row,
-- its append-only operation log in array_op_chunks and its final maps in array_maps.

CREATE TABLE arrays (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  backend       TEXT    NOT NULL CHECK (backend IN ('simulated', 'serial')),
  serial_path   TEXT    CHECK ((backend = 'serial') = (serial_path IS NOT NULL)),
  rows          INTEGER NOT NULL CHECK (rows BETWEEN 1 AND 1024),
  cols          INTEGER NOT NULL CHECK (cols BETWEEN 1 AND 1024),
  device_preset TEXT    NOT NULL,
  seed          INTEGER NOT NULL,
  initial_state TEXT    NOT NULL CHECK (initial_state IN ('pristine', 'hrs', 'lrs', 'board')),
  d2d_sigma     REAL    CHECK (d2d_sigma IS NULL OR d2d_sigma >= 0),
  created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE array_programs (
  run_id        INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  array_id      INTEGER NOT NULL REFERENCES arrays (id),
  algorithm     TEXT    NOT NULL CHECK (algorithm IN ('binary', 'gate-ramp', 'voltage-ramp')),
  target_kind   TEXT    NOT NULL,
  levels_json   TEXT    NOT NULL CHECK (json_valid(levels_json) AND json_type(levels_json) = 'array'),
  tolerance_rel REAL    NOT NULL CHECK (tolerance_rel > 0 AND tolerance_rel < 1),
  cells         INTEGER NOT NULL CHECK (cells >= 0),
  converged     INTEGER NOT NULL CHECK (converged >= 0 AND converged <= cells),
  pulses        INTEGER NOT NULL CHECK (pulses >= 0),
  reads         INTEGER NOT NULL CHECK (reads >= 0),
  energy_j      REAL    NOT NULL CHECK (energy_j >= 0),
  time_s        REAL    NOT NULL CHECK (time_s >= 0)
) STRICT;
CREATE INDEX array_programs_by_array ON array_programs (array_id);

CREATE TABLE array_op_chunks (
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL CHECK (seq >= 0),
  cell_first INTEGER NOT NULL CHECK (cell_first >= 0),
  cell_last  INTEGER NOT NULL CHECK (cell_last >= cell_first),
  entries    INTEGER NOT NULL CHECK (entries >= 0),
  data       BLOB    NOT NULL CHECK (length(data) = entries * 17),
  PRIMARY KEY (run_id, seq)
) STRICT;

CREATE TABLE array_maps (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind   TEXT    NOT NULL CHECK (kind IN ('target_s', 'g_final_s', 'error_rel', 'pulses', 'failed')),
  rows   INTEGER NOT NULL CHECK (rows BETWEEN 1 AND 1024),
  cols   INTEGER NOT NULL CHECK (cols BETWEEN 1 AND 1024),
  dtype  TEXT    NOT NULL CHECK (dtype IN ('f64', 'u32', 'u8')),
  data   BLOB    NOT NULL CHECK (length(data) = rows * cols * (CASE dtype WHEN 'f64' THEN 8 WHEN 'u32' THEN 4 ELSE 1 END)),
  PRIMARY KEY (run_id, kind)
) STRICT;

-- Raw programming data is append-only: rows are never updated, and deleted only with their run
-- (RunsRepo.delete grants a deletion permit for the run inside its transaction; the rows go by cascade).
CREATE TRIGGER array_programs_no_update BEFORE UPDATE ON array_programs
BEGIN
  SELECT RAISE(ABORT, 'array programs are append-only: rows cannot be updated');
END;
CREATE TRIGGER array_programs_no_delete BEFORE DELETE ON array_programs
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'array programs are append-only: delete the run through the store');
END;
CREATE TRIGGER array_op_chunks_no_update BEFORE UPDATE ON array_op_chunks
BEGIN
  SELECT RAISE(ABORT, 'the programming operation log is append-only: rows cannot be updated');
END;
CREATE TRIGGER array_op_chunks_no_delete BEFORE DELETE ON array_op_chunks
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'the programming operation log is append-only: delete the run through the store');
END;
CREATE TRIGGER array_maps_no_update BEFORE UPDATE ON array_maps
BEGIN
  SELECT RAISE(ABORT, 'array maps are append-only: rows cannot be updated');
END;
CREATE TRIGGER array_maps_no_delete BEFORE DELETE ON array_maps
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'array maps are append-only: delete the run through the store');
END;
