-- cluster: the coordinator registry (one row per running coordinator, beats stamped with the database clock, epoch ms)
CREATE TABLE coordinator (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  address VARCHAR(200) NOT NULL,
  started_at BIGINT NOT NULL,
  last_beat BIGINT NOT NULL,
  leader BOOLEAN NOT NULL,
  process_cpu DOUBLE PRECISION NOT NULL,
  system_load DOUBLE PRECISION NOT NULL,
  heap_used_mb BIGINT NOT NULL,
  heap_max_mb BIGINT NOT NULL,
  pool_active INTEGER NOT NULL
);
