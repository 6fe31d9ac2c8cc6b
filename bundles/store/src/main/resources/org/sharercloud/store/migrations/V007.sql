-- members: each member's state and cordon changes with their reason, and the owner-load hysteresis of sharing policies
CREATE TABLE member_transition (
  id BIGINT NOT NULL PRIMARY KEY,
  member_id VARCHAR(36) NOT NULL,
  changed_at BIGINT NOT NULL,
  from_state VARCHAR(16) NOT NULL,
  to_state VARCHAR(16) NOT NULL,
  cordoned BOOLEAN NOT NULL,
  reason VARCHAR(500) NOT NULL
);
CREATE INDEX member_transition_member ON member_transition (member_id, id);
CREATE INDEX member_transition_time ON member_transition (changed_at);
ALTER TABLE member ADD COLUMN owner_active_seconds INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE member ADD COLUMN owner_idle_seconds INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE member ADD COLUMN owner_idle_margin DOUBLE PRECISION DEFAULT 0 NOT NULL;
