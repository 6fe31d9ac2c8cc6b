-- workloads: autoscaling policy and last decision of service workloads (one row per autoscaled service)
CREATE TABLE wl_autoscale (
  workload_id VARCHAR(36) NOT NULL PRIMARY KEY,
  min_replicas INTEGER NOT NULL,
  max_replicas INTEGER NOT NULL,
  target_cpu_percent INTEGER NOT NULL,
  predictive BOOLEAN NOT NULL,
  last_decision VARCHAR(1000),
  decided_at BIGINT
);
