#!/usr/bin/env bash
# Crash safety at scale, as recorded in docs/reliability.md ("## Crash safety"): CrashIT with N jobs in flight
# (default 500) across two contributor distributions (process runtime), kill -9 of the coordinator, restart; it
# prints one CRASH-FIGURES line (jobs, lost, duplicated, credited twice, recovery times) and fails unless every
# job completed exactly once.
# Usage: benchmarks/crash.sh [jobs] [kill-after-ms] [job-seconds]   (defaults 500, 8000, 90: each job outlasts the
#   submission of all of them on a busy machine, so all are in flight at the kill)   (build first: mvn -B -ntp install -DskipTests)
#   extra Maven arguments come from MVN_ARGS (e.g. -Dmaven.repo.local=…). Boots Karaf: run it under
#   flock /tmp/sharer-heavy.lock on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${1:-500}"
kill_after="${2:-8000}"
job_seconds="${3:-90}"
log="${TMPDIR:-/tmp}/sharer-crash-$$.log"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$root"
# shellcheck disable=SC2086
mvn -B -ntp ${MVN_ARGS:-} -pl itests verify -Dit.test="CrashIT#killingTheCoordinatorWithJobsInFlightLosesAndDuplicatesNothing" -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dsharer.crash.jobs="$jobs" -Dsharer.crash.kill.after.millis="$kill_after" -Dsharer.crash.job.seconds="$job_seconds" >"$log" 2>&1 || status=$?
grep -h "CRASH-FIGURES" itests/target/failsafe-reports/*CrashIT-output.txt 2>/dev/null || true
if [ "${status:-0}" != 0 ]; then
  echo "Error: CrashIT failed (exit ${status}); see $log and itests/target/failsafe-reports" >&2
  exit "$status"
fi
