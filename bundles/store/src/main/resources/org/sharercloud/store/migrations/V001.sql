-- foundation: API tokens for admins and requestors (hashes only)
CREATE TABLE api_token (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  role VARCHAR(16) NOT NULL,
  token_hash VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX api_token_hash ON api_token (token_hash);
