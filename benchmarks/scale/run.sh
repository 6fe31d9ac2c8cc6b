#!/usr/bin/env bash
# The database's side of scale-out, measured with pgbench (docs/scale.md, "Cost model"): per heartbeat (one
# UPDATE, the same without waiting for the WAL flush, or 100 in a write-behind batch) and per placement (SKIP LOCKED claim + capacity booking + pg_notify).
# Usage: benchmarks/scale/run.sh [seconds] [clients]  (as root: uses Debian's PostgreSQL through .ci/postgres.sh)
# Prints transactions/s and the PostgreSQL server processes' CPU per transaction.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-20}; clients=${2:-4}; members=100000; jobs=2000000
eval "$(bash ../../.ci/postgres.sh)"
db=sharer_bench
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='$db'\"" | grep -q 1 || su postgres -c "createdb -O sharer $db"
export PGHOST=127.0.0.1 PGUSER=sharer PGPASSWORD=sharer
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
psql -q -v ON_ERROR_STOP=1 -v members=$members -v jobs=$jobs -f setup.sql $db
# CPU ticks of the PostgreSQL server: the postmaster with its reaped children (backends that ended, e.g. pgbench's)
# plus every live child. Other sessions' queries on the same server count too: the figures are upper bounds.
pg_ticks() {
  local pm; pm=$(head -1 /var/run/postgresql/*.pid 2>/dev/null | grep -E '^[0-9]+$' | head -1)
  [ -z "$pm" ] && pm=$(pgrep -u postgres -x postgres -o)
  local t; t=$(awk '{print $14 + $15 + $16 + $17}' /proc/$pm/stat)
  for p in $(pgrep -P "$pm"); do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo $t
}
hz=$(getconf CLK_TCK)
for script in heartbeat heartbeat-async heartbeat-batch place; do
  before=$(pg_ticks)
  out=$("$pgbench" -n -M prepared -c "$clients" -j 2 -T "$secs" -D members=$members -f $script.sql $db 2>&1)
  after=$(pg_ticks)
  tps=$(echo "$out" | awk '/^tps = / {print $3; exit}')
  lat=$(echo "$out" | awk '/latency average/ {print $4; exit}')
  txs=$(echo "$out" | awk -F': ' '/number of transactions actually processed/ {split($2, a, "/"); print a[1]; exit}')
  cpu_s=$(awk -v a=$after -v b=$before -v hz=$hz 'BEGIN {printf "%.2f", (a - b) / hz}')
  per=$(awk -v c=$cpu_s -v n=$txs 'BEGIN {printf "%.0f", (n > 0 ? c * 1e6 / n : 0)}')
  echo "$script: $txs tx in ${secs}s, $tps tx/s, latency avg $lat ms, PostgreSQL CPU ${cpu_s}s = ${per} us/tx (clients $clients, load $(cut -d' ' -f1-3 /proc/loadavg))"
done
