-- 0007: the used state of each simulated die, so that an array programmed yesterday is still
-- programmed after a restart. Documented column by column in db/README.md ("Arrays").
-- Unlike the raw data (runs, trials, operation logs, final maps: append-only), this is the die's
-- current state: one row per simulated array, replaced each time it is saved (after every
-- programming job and when the notebook closes). The cells' arrays are little-endian typed arrays.

CREATE TABLE array_states (
  array_id   INTEGER PRIMARY KEY REFERENCES arrays (id),
  saved_at   TEXT    NOT NULL,
  cells      INTEGER NOT NULL CHECK (cells >= 1),
  g_s        BLOB    NOT NULL CHECK (length(g_s) = cells * 8),
  formed     BLOB    NOT NULL CHECK (length(formed) = cells),
  reads      BLOB    NOT NULL CHECK (length(reads) = cells * 4),
  sets       BLOB    NOT NULL CHECK (length(sets) = cells * 4),
  resets     BLOB    NOT NULL CHECK (length(resets) = cells * 4),
  pulses     BLOB    NOT NULL CHECK (length(pulses) = cells * 4),
  energy_j   BLOB    NOT NULL CHECK (length(energy_j) = cells * 8),
  rng_state  TEXT    NOT NULL CHECK (json_valid(rng_state) AND json_type(rng_state) = 'array')
) STRICT;
