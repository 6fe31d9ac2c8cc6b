#!/usr/bin/env bash
# Scale-out with work, as recorded in docs/benchmarks.md ("Two coordinators: failover with work, cross-instance
# wake-ups") and docs/scale.md §5: ScaleOutIT with N jobs (default 500) through two coordinator distributions on
# PostgreSQL behind haproxy, two contributor distributions (process runtime), kill -9 of the follower (restarted) and
# then of the leader (not restarted), and P probe placements (default 200) whose long-poll waits on the follower while
# the leader places. Prints one SCALEOUT-FIGURES line and fails unless every job completed and was credited exactly once.
# Usage: benchmarks/scale/failover.sh [jobs] [probes] [job-seconds]   (build first: mvn -B -ntp install -DskipTests)
#   PostgreSQL: SHARER_TEST_PG_SCALEOUT_URL (+ SHARER_TEST_PG_USER/PASSWORD), default a database sharer_failover on
#   127.0.0.1 owned by role sharer (created if missing; its schema is dropped and recreated by the test).
#   Extra Maven arguments come from MVN_ARGS (e.g. -Dmaven.repo.local=…). Boots Karaf: run it under
#   flock /tmp/sharer-heavy.lock on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jobs="${1:-500}"
probes="${2:-200}"
job_seconds="${3:-8}"
if [ -z "${SHARER_TEST_PG_SCALEOUT_URL:-}" ]; then
  su postgres -c "psql -qAtc \"select 1 from pg_database where datname='sharer_failover'\"" | grep -q 1 ||
    su postgres -c "createdb -O sharer sharer_failover"
  export SHARER_TEST_PG_SCALEOUT_URL=jdbc:postgresql://127.0.0.1:5432/sharer_failover
  export SHARER_TEST_PG_USER=sharer SHARER_TEST_PG_PASSWORD=sharer
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$root"
# shellcheck disable=SC2086
mvn -B -ntp ${MVN_ARGS:-} -pl itests verify -Dit.test=ScaleOutIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dsharer.scaleout.jobs="$jobs" -Dsharer.scaleout.probes="$probes" -Dsharer.scaleout.job.seconds="$job_seconds" \
  >/tmp/sharer-failover.log 2>&1 || status=$?
grep -h "SCALEOUT-FIGURES" itests/target/failsafe-reports/*ScaleOutIT-output.txt 2>/dev/null || true
if [ "${status:-0}" != 0 ]; then
  echo "Error: ScaleOutIT failed (exit ${status}); see /tmp/sharer-failover.log and itests/target/failsafe-reports" >&2
  exit "$status"
fi
