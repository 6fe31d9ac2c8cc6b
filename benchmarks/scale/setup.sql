-- Sharer Cloud scale-out microbenchmarks (docs/scale.md): the two statements the database would run per
-- heartbeat and per placement once both are shared through PostgreSQL. Tables of their own (bench_*), in a
-- database of their own; run.sh creates them.
DROP TABLE IF EXISTS bench_member;
DROP TABLE IF EXISTS bench_job;
CREATE TABLE bench_member (id INTEGER PRIMARY KEY, last_seen BIGINT NOT NULL, cpu DOUBLE PRECISION NOT NULL,
  mem_mb INTEGER NOT NULL, cpu_alloc INTEGER NOT NULL, cpu_total INTEGER NOT NULL) WITH (fillfactor = 70);
INSERT INTO bench_member SELECT g, 0, 0, 0, 0, 64000 FROM generate_series(1, :members) g;
CREATE TABLE bench_job (id BIGINT PRIMARY KEY, state VARCHAR(16) NOT NULL, member_id INTEGER, cpu INTEGER NOT NULL);
INSERT INTO bench_job SELECT g, 'PENDING', NULL, 100 FROM generate_series(1, :jobs) g;
CREATE INDEX bench_job_pending ON bench_job (id) WHERE state = 'PENDING';
VACUUM ANALYZE bench_member;
VACUUM ANALYZE bench_job;
