-- one heartbeat: the member's row stamped with the database clock (one autocommit UPDATE, a HOT update)
\set id random(1, :members)
UPDATE bench_member SET last_seen = CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT), cpu = random(), mem_mb = 512 WHERE id = :id;
