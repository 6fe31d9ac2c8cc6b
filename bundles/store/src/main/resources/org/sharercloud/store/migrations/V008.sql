-- identity and access: a machine id no longer names one member (a join without the member's credential makes a new
-- member, so the same machine id may appear twice); token names are unique (the oldest of duplicates keeps the name,
-- later ones get their id appended); tokens may expire and carry the highest workload priority they may set
DROP INDEX member_machine;
CREATE INDEX member_machine ON member (machine_id);
UPDATE api_token SET name = SUBSTR(name, 1, 60) || '#' || id
  WHERE EXISTS (SELECT 1 FROM api_token o WHERE o.name = api_token.name
                AND (o.created_at < api_token.created_at OR (o.created_at = api_token.created_at AND o.id < api_token.id)));
CREATE UNIQUE INDEX api_token_name ON api_token (name);
ALTER TABLE api_token ADD COLUMN expires_at BIGINT;
ALTER TABLE api_token ADD COLUMN max_priority INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE api_token ADD COLUMN rotated_at BIGINT;
