-- 0004: I–V characterization (sweeps and their points).
-- Reserved; filled in by that panel's change. An empty migration only advances user_version.
SELECT 1;
