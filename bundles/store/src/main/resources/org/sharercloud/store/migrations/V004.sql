-- workloads: workloads, replicas, attempts, logs, outputs, retry exclusions, credits ledger, reserved workers
CREATE TABLE wl_workload (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  owner VARCHAR(200) NOT NULL,
  name VARCHAR(100) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  image VARCHAR(512) NOT NULL,
  command ${TEXT} NOT NULL,
  env ${TEXT} NOT NULL,
  inputs ${TEXT} NOT NULL,
  constraints_ ${TEXT} NOT NULL,
  cpu_millis INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  timeout_seconds INTEGER NOT NULL,
  replicas INTEGER NOT NULL,
  max_retries INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(1000),
  submitted_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX wl_workload_owner ON wl_workload (owner, submitted_at);
CREATE INDEX wl_workload_state ON wl_workload (state);
CREATE TABLE wl_replica (
  workload_id VARCHAR(36) NOT NULL,
  replica INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  retries_used INTEGER NOT NULL,
  last_token BIGINT NOT NULL,
  pending_since BIGINT NOT NULL,
  PRIMARY KEY (workload_id, replica)
);
CREATE INDEX wl_replica_state ON wl_replica (state);
CREATE TABLE wl_attempt (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  workload_id VARCHAR(36) NOT NULL,
  replica INTEGER NOT NULL,
  member_id VARCHAR(100) NOT NULL,
  fencing_token BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  exit_code INTEGER,
  reason VARCHAR(1000),
  placement VARCHAR(1000),
  scheduled_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  cpu_seconds DOUBLE PRECISION NOT NULL,
  peak_memory_mb BIGINT NOT NULL,
  outputs_sha256 VARCHAR(64),
  stop_pending BOOLEAN NOT NULL,
  log_bytes BIGINT NOT NULL
);
CREATE UNIQUE INDEX wl_attempt_token ON wl_attempt (workload_id, replica, fencing_token);
CREATE INDEX wl_attempt_member ON wl_attempt (member_id, state);
CREATE INDEX wl_attempt_state ON wl_attempt (state);
CREATE TABLE wl_exclusion (
  workload_id VARCHAR(36) NOT NULL,
  replica INTEGER NOT NULL,
  member_id VARCHAR(100) NOT NULL,
  PRIMARY KEY (workload_id, replica, member_id)
);
CREATE TABLE wl_log (
  workload_id VARCHAR(36) NOT NULL,
  seq BIGINT NOT NULL,
  attempt_id VARCHAR(36) NOT NULL,
  replica INTEGER NOT NULL,
  stream VARCHAR(8) NOT NULL,
  chunk ${TEXT} NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (workload_id, seq)
);
CREATE TABLE wl_output (
  attempt_id VARCHAR(36) NOT NULL PRIMARY KEY,
  workload_id VARCHAR(36) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  archive ${BLOB} NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX wl_output_workload ON wl_output (workload_id, created_at);
CREATE TABLE wl_credit (
  attempt_id VARCHAR(36) NOT NULL PRIMARY KEY,
  member_id VARCHAR(100) NOT NULL,
  workload_id VARCHAR(36) NOT NULL,
  cpu_seconds DOUBLE PRECISION NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  credits DOUBLE PRECISION NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX wl_credit_member ON wl_credit (member_id, created_at);
CREATE TABLE wl_reservation (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  owner VARCHAR(200) NOT NULL,
  member_id VARCHAR(100) NOT NULL,
  image VARCHAR(512) NOT NULL,
  env ${TEXT} NOT NULL,
  cpu_millis INTEGER NOT NULL,
  memory_mb INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(1000),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX wl_reservation_owner ON wl_reservation (owner, created_at);
CREATE INDEX wl_reservation_member ON wl_reservation (member_id, state);
