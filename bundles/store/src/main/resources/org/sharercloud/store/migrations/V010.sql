-- members: shared liveness across coordinators: when each member row last changed (database clock, epoch ms; indexed for every coordinator's refresh) and the ids of removed members
ALTER TABLE member ADD COLUMN changed_at BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX member_changed ON member (changed_at);
CREATE TABLE member_removed (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  removed_at BIGINT NOT NULL
);
CREATE INDEX member_removed_at ON member_removed (removed_at);
