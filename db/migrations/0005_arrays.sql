-- 0005: array programming (arrays, maps and programming operations).
-- Reserved; filled in by that panel's change. An empty migration only advances user_version.
SELECT 1;
