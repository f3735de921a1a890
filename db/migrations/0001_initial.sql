-- 0001: the lab notebook's first schema. Documented column by column in db/README.md.

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('maze', 'sweep', 'iv', 'array')),
  name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  spec_json     TEXT    NOT NULL CHECK (json_valid(spec_json)),
  seed          INTEGER NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled', 'interrupted')),
  app_version   TEXT    NOT NULL,
  backend       TEXT    NOT NULL,
  device_preset TEXT,
  group_id      TEXT,
  created_at    TEXT    NOT NULL,
  finished_at   TEXT,
  tags_json     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags_json) AND json_type(tags_json) = 'array'),
  notes         TEXT    NOT NULL DEFAULT '',
  error         TEXT
) STRICT;
CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_group ON runs (group_id);

CREATE TABLE trials (
  run_id               INTEGER NOT NULL REFERENCES runs (id),
  trial                INTEGER NOT NULL CHECK (trial >= 1),
  steps                INTEGER NOT NULL CHECK (steps >= 0),
  time_us              REAL    NOT NULL CHECK (time_us >= 0),
  reached_goal         INTEGER NOT NULL CHECK (reached_goal IN (0, 1)),
  path_length          INTEGER,
  shortest_path        INTEGER,
  spikes               INTEGER,
  reads                INTEGER NOT NULL DEFAULT 0,
  sets                 INTEGER NOT NULL DEFAULT 0,
  resets               INTEGER NOT NULL DEFAULT 0,
  energy_fire_j        REAL    NOT NULL DEFAULT 0,
  energy_integration_j REAL    NOT NULL DEFAULT 0,
  energy_controller_j  REAL    NOT NULL DEFAULT 0,
  layout_id            TEXT,
  PRIMARY KEY (run_id, trial)
) STRICT, WITHOUT ROWID;

-- A run is deleted only by the store's deleteRun, which records the deletion in the audit log and
-- grants a permit for the duration of its transaction. Raw rows are otherwise append-only.
CREATE TABLE deletion_permits (
  run_id INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER trials_no_update BEFORE UPDATE ON trials
BEGIN
  SELECT RAISE(ABORT, 'trials are append-only: rows cannot be updated');
END;

CREATE TRIGGER trials_no_delete BEFORE DELETE ON trials
WHEN NOT EXISTS (SELECT 1 FROM deletion_permits WHERE run_id = OLD.run_id)
BEGIN
  SELECT RAISE(ABORT, 'trials are append-only: delete the run through the store');
END;

CREATE TABLE mazes (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  kind        TEXT    NOT NULL CHECK (kind IN ('layout', 'schedule')),
  json        TEXT    NOT NULL CHECK (json_valid(json)),
  width       INTEGER,
  height      INTEGER,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE device_presets (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  json        TEXT    NOT NULL CHECK (json_valid(json)),
  source      TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT    NOT NULL,
  actor        TEXT    NOT NULL,
  action       TEXT    NOT NULL,
  entity       TEXT    NOT NULL,
  entity_id    TEXT,
  details_json TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details_json))
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
