-- workloads: the runtime a workload names (docker, process); members: the runtimes each agent reports working
ALTER TABLE wl_workload ADD COLUMN runtime_name VARCHAR(16) DEFAULT 'docker' NOT NULL;
ALTER TABLE member ADD COLUMN runtimes ${TEXT};
