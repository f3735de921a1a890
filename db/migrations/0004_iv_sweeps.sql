-- 0004: I–V characterization: sessions (one recipe run or one import), their cycles, their raw
-- points and reads. Points and reads are raw measurements: append-only (triggers). Documented
-- column by column in db/README.md.

CREATE TABLE iv_sweeps (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  recipe        TEXT    NOT NULL CHECK (recipe IN ('forming', 'dc-sweep', 'cycling', 'pulsed', 'ic-sweep', 'vstop-sweep', 'import')),
  params_json   TEXT    NOT NULL CHECK (json_valid(params_json)),
  seed          INTEGER,
  backend       TEXT    NOT NULL,
  device_preset TEXT,
  cell_row      INTEGER CHECK (cell_row >= 0),
  cell_col      INTEGER CHECK (cell_col >= 0),
  v_read_v      REAL    NOT NULL CHECK (v_read_v > 0),
  status        TEXT    NOT NULL CHECK (status IN ('running', 'done', 'stopped', 'failed', 'interrupted')),
  source_file   TEXT,
  app_version   TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  finished_at   TEXT,
  error         TEXT
) STRICT;
CREATE INDEX iv_sweeps_by_created ON iv_sweeps (created_at);

-- The settings each cycle ran with (a DC sweep cycle, or one SET/RESET pair of cycling).
CREATE TABLE iv_cycles (
  sweep_id       INTEGER NOT NULL REFERENCES iv_sweeps (id),
  cycle          INTEGER NOT NULL CHECK (cycle >= 0),
  step           INTEGER NOT NULL CHECK (step >= 0),
  i_compliance_a REAL    CHECK (i_compliance_a > 0),
  v_stop_v       REAL    CHECK (v_stop_v < 0),
  PRIMARY KEY (sweep_id, cycle)
) STRICT, WITHOUT ROWID;

-- Raw points in blocks of consecutive points (one block per stored transaction), each column a
-- little-endian typed array: 1,000 cycles of 1,000 points are a few hundred rows, read back in
-- milliseconds. Point k of a block is point first_idx + k of the session.
CREATE TABLE iv_point_blocks (
  sweep_id   INTEGER NOT NULL REFERENCES iv_sweeps (id),
  first_idx  INTEGER NOT NULL CHECK (first_idx >= 0),
  n          INTEGER NOT NULL CHECK (n BETWEEN 1 AND 1048576),
  cycle_u32  BLOB    NOT NULL CHECK (length(cycle_u32) = 4 * n),
  branch_u8  BLOB    NOT NULL CHECK (length(branch_u8) = n),
  v_v_f64    BLOB    NOT NULL CHECK (length(v_v_f64) = 8 * n),
  i_a_f64    BLOB    NOT NULL CHECK (length(i_a_f64) = 8 * n),
  compliance_u8 BLOB NOT NULL CHECK (length(compliance_u8) = n),
  t_s_f64    BLOB    NOT NULL CHECK (length(t_s_f64) = 8 * n),
  PRIMARY KEY (sweep_id, first_idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE iv_reads (
  sweep_id   INTEGER NOT NULL REFERENCES iv_sweeps (id),
  idx        INTEGER NOT NULL CHECK (idx >= 0),
  cycle      INTEGER NOT NULL CHECK (cycle >= 0),
  after      TEXT    NOT NULL CHECK (after IN ('form', 'set', 'reset')),
  pulses     INTEGER NOT NULL CHECK (pulses >= 1),
  v_read_v   REAL    NOT NULL CHECK (v_read_v > 0),
  i_read_a   REAL    NOT NULL,
  PRIMARY KEY (sweep_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER iv_point_blocks_no_update BEFORE UPDATE ON iv_point_blocks
BEGIN
  SELECT RAISE(ABORT, 'I–V points are append-only: rows cannot be updated');
END;
CREATE TRIGGER iv_point_blocks_no_delete BEFORE DELETE ON iv_point_blocks
BEGIN
  SELECT RAISE(ABORT, 'I–V points are append-only: rows cannot be deleted');
END;
CREATE TRIGGER iv_reads_no_update BEFORE UPDATE ON iv_reads
BEGIN
  SELECT RAISE(ABORT, 'I–V reads are append-only: rows cannot be updated');
END;
CREATE TRIGGER iv_reads_no_delete BEFORE DELETE ON iv_reads
BEGIN
  SELECT RAISE(ABORT, 'I–V reads are append-only: rows cannot be deleted');
END;
CREATE TRIGGER iv_cycles_no_update BEFORE UPDATE ON iv_cycles
BEGIN
  SELECT RAISE(ABORT, 'I–V cycle settings are append-only: rows cannot be updated');
END;
CREATE TRIGGER iv_cycles_no_delete BEFORE DELETE ON iv_cycles
BEGIN
  SELECT RAISE(ABORT, 'I–V cycle settings are append-only: rows cannot be deleted');
END;
-- A finished session's raw identity (recipe, parameters, seed, back end) never changes.
CREATE TRIGGER iv_sweeps_identity_fixed BEFORE UPDATE OF recipe, params_json, seed, backend, created_at ON iv_sweeps
BEGIN
  SELECT RAISE(ABORT, 'an I–V session''s recipe, parameters, seed and back end cannot change');
END;
