-- write-behind: 100 heartbeats a coordinator received in the last second, stamped in one statement
\set first random(1, :members - 100)
UPDATE bench_member m SET last_seen = CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT), cpu = v.cpu, mem_mb = 512
  FROM (SELECT g AS id, random() AS cpu FROM generate_series(:first, :first + 99) g) v WHERE m.id = v.id;
