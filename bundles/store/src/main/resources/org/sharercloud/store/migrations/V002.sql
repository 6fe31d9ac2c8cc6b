-- members: contributor machines with their credential hashes, and join tokens (hashes only)
CREATE TABLE member (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  machine_id VARCHAR(128) NOT NULL,
  name VARCHAR(100) NOT NULL,
  credential_hash VARCHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  cordoned BOOLEAN NOT NULL,
  joined_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  hostname VARCHAR(255) NOT NULL,
  os VARCHAR(100) NOT NULL,
  arch VARCHAR(32) NOT NULL,
  cores INTEGER NOT NULL,
  memory_mb BIGINT NOT NULL,
  disk_mb BIGINT NOT NULL,
  docker_available BOOLEAN NOT NULL,
  labels ${TEXT},
  max_cpu_share DOUBLE PRECISION NOT NULL,
  max_memory_mb BIGINT NOT NULL,
  sharing_hours VARCHAR(100) NOT NULL,
  pause_when_owner_active BOOLEAN NOT NULL,
  owner_active_threshold DOUBLE PRECISION NOT NULL,
  has_metrics BOOLEAN NOT NULL,
  cpu_load DOUBLE PRECISION NOT NULL,
  owner_load DOUBLE PRECISION NOT NULL,
  memory_used_mb BIGINT NOT NULL,
  memory_total_mb BIGINT NOT NULL,
  disk_free_mb BIGINT NOT NULL,
  uptime_seconds BIGINT NOT NULL
);
CREATE UNIQUE INDEX member_machine ON member (machine_id);
CREATE TABLE join_token (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  token_hash VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  uses INTEGER NOT NULL,
  uses_left INTEGER NOT NULL
);
CREATE UNIQUE INDEX join_token_hash ON join_token (token_hash);
