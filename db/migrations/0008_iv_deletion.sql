-- 0008: an I–V session can be deleted, explicitly and audited, by IvRepo.delete: it grants a permit
-- for the duration of its transaction. Raw points, reads and cycle settings stay append-only
-- otherwise: the no-delete triggers of 0004 are replaced by permit-aware ones.

CREATE TABLE iv_deletion_permits (
  sweep_id INTEGER PRIMARY KEY
) STRICT;

DROP TRIGGER iv_point_blocks_no_delete;
DROP TRIGGER iv_reads_no_delete;
DROP TRIGGER iv_cycles_no_delete;

CREATE TRIGGER iv_point_blocks_no_delete BEFORE DELETE ON iv_point_blocks
WHEN NOT EXISTS (SELECT 1 FROM iv_deletion_permits WHERE sweep_id = OLD.sweep_id)
BEGIN
  SELECT RAISE(ABORT, 'I–V points are append-only: delete the session through the store');
END;
CREATE TRIGGER iv_reads_no_delete BEFORE DELETE ON iv_reads
WHEN NOT EXISTS (SELECT 1 FROM iv_deletion_permits WHERE sweep_id = OLD.sweep_id)
BEGIN
  SELECT RAISE(ABORT, 'I–V reads are append-only: delete the session through the store');
END;
CREATE TRIGGER iv_cycles_no_delete BEFORE DELETE ON iv_cycles
WHEN NOT EXISTS (SELECT 1 FROM iv_deletion_permits WHERE sweep_id = OLD.sweep_id)
BEGIN
  SELECT RAISE(ABORT, 'I–V cycle settings are append-only: delete the session through the store');
END;
