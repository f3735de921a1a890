-- 0002: runs & comparison (snapshots of learned state, saved comparison views).
-- Reserved; filled in by that panel's change. An empty migration only advances user_version.
SELECT 1;
