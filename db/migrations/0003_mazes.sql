-- 0003: maze design (library of mazes and schedules).
-- Reserved; filled in by that panel's change. An empty migration only advances user_version.
SELECT 1;
