-- one heartbeat as soft state: the same UPDATE, committed without waiting for the WAL flush (a crash loses at most
-- the last few hundred ms of stamps, which the next heartbeats rewrite)
\set id random(1, :members)
BEGIN;
SET LOCAL synchronous_commit = off;
UPDATE bench_member SET last_seen = CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT), cpu = random(), mem_mb = 512 WHERE id = :id;
COMMIT;
