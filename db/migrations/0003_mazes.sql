-- 0003: the maze library (Maze design panel). Documented column by column in db/README.md.
-- The `mazes` table of 0001 holds layouts (a versioned JSON maze) and schedules (a versioned JSON
-- schedule that names stored layouts by id). This migration adds where a row came from, notes,
-- the layouts a schedule uses (so a layout in use cannot be deleted), and shape checks.

ALTER TABLE mazes ADD COLUMN source TEXT NOT NULL DEFAULT 'drawn' CHECK (length(source) BETWEEN 1 AND 200);
ALTER TABLE mazes ADD COLUMN notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 100000);

-- Which stored layouts a schedule uses. Deleting a schedule drops its rows; deleting a layout that
-- a schedule still uses is refused by the foreign key.
CREATE TABLE maze_schedule_layouts (
  schedule_id INTEGER NOT NULL REFERENCES mazes (id) ON DELETE CASCADE,
  layout_id   INTEGER NOT NULL REFERENCES mazes (id),
  PRIMARY KEY (schedule_id, layout_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX maze_schedule_layouts_by_layout ON maze_schedule_layouts (layout_id);

-- A layout always has its size; a schedule never does (its layouts do).
CREATE TRIGGER mazes_shape_insert BEFORE INSERT ON mazes
WHEN (NEW.kind = 'layout' AND (NEW.width IS NULL OR NEW.height IS NULL OR NEW.width < 1 OR NEW.height < 1))
  OR (NEW.kind = 'schedule' AND (NEW.width IS NOT NULL OR NEW.height IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'a layout needs width and height ≥ 1 cell; a schedule has neither');
END;

CREATE TRIGGER mazes_shape_update BEFORE UPDATE ON mazes
WHEN (NEW.kind <> OLD.kind)
  OR (NEW.kind = 'layout' AND (NEW.width IS NULL OR NEW.height IS NULL OR NEW.width < 1 OR NEW.height < 1))
  OR (NEW.kind = 'schedule' AND (NEW.width IS NOT NULL OR NEW.height IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'a maze cannot change kind; a layout needs width and height ≥ 1 cell; a schedule has neither');
END;

-- Only schedules use layouts, and only layouts are used.
CREATE TRIGGER maze_schedule_layouts_kinds BEFORE INSERT ON maze_schedule_layouts
WHEN (SELECT kind FROM mazes WHERE id = NEW.schedule_id) IS NOT 'schedule'
  OR (SELECT kind FROM mazes WHERE id = NEW.layout_id) IS NOT 'layout'
BEGIN
  SELECT RAISE(ABORT, 'maze_schedule_layouts links a schedule to a layout');
END;
