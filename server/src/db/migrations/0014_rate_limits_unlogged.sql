-- Rate-limit counters are written without the write-ahead log. A counter is one row per key, and
-- every hit on a key updates that row (ON CONFLICT DO UPDATE), holding its lock until the
-- statement has committed: with the log, until the commit has reached the disk. Many hits share a
-- key (everyone reporting from a venue's network shares its address), so a commit that waited on
-- a slow disk for 100 ms made every hit behind it wait as long: a submission's slowest 1% were
-- those queues (docs/PERFORMANCE.md, twelfth round). A transaction that wrote no log does not
-- wait for the disk at commit. What this gives up: after a crash of the database server (not a
-- clean restart) the counters start again from zero, as they do with the Redis store, and a
-- standby does not have them.
ALTER TABLE "rate_limits" SET UNLOGGED;
