#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL on 127.0.0.1:5432 with a test database, and
# prints the environment the store tests read. Idempotent; run as root.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" main start >&2
fi
for i in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='sharer'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role sharer login password 'sharer'\"" >&2
# The test databases start empty on every run: a schema left by an older build (other migration numbers) would
# make the tests depend on what ran on this machine before.
for db in sharer_test sharer_scaleout; do
  su postgres -c "dropdb --if-exists --force $db" >&2
  su postgres -c "createdb -O sharer $db" >&2
done
echo "export SHARER_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/sharer_test"
echo "export SHARER_TEST_PG_SCALEOUT_URL=jdbc:postgresql://127.0.0.1:5432/sharer_scaleout"
echo "export SHARER_TEST_PG_USER=sharer"
echo "export SHARER_TEST_PG_PASSWORD=sharer"
