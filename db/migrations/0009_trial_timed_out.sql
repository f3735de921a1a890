-- 0009: whether a trial passed its hardware-time cut-off (spec hardwareTime.cutoffUs) before the goal. The agent
-- goes on to the goal after a time-out, so reached_goal = 0 alone did not say whether it got there at all.
-- NULL: a trial stored before this column existed.
ALTER TABLE trials ADD COLUMN timed_out INTEGER CHECK (timed_out IN (0, 1));
