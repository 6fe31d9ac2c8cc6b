-- monitoring: member metric history (raw, 1-minute and 15-minute averages) and hourly availability
CREATE TABLE metric_point (
  member_id VARCHAR(36) NOT NULL,
  res_seconds INTEGER NOT NULL,
  ts BIGINT NOT NULL,
  cpu_load DOUBLE PRECISION NOT NULL,
  owner_load DOUBLE PRECISION NOT NULL,
  memory_used_mb BIGINT NOT NULL,
  samples INTEGER NOT NULL
);
CREATE INDEX metric_point_member ON metric_point (member_id, ts);
CREATE INDEX metric_point_res ON metric_point (res_seconds, ts);
CREATE TABLE member_availability (
  member_id VARCHAR(36) NOT NULL,
  hour_start BIGINT NOT NULL,
  online_ms BIGINT NOT NULL,
  PRIMARY KEY (member_id, hour_start)
);
