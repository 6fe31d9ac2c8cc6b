#!/usr/bin/env bash
# JobLatency end to end, as recorded in docs/benchmarks.md: a coordinator and one contributor on this
# machine (contributor defaults: max.cpu.share 0.5, pause while the owner is busy), the real Docker
# engine, N trivial jobs one at a time; the member watch prints every state change of the member.
# Usage: benchmarks/job-latency.sh [jobs] [coordinator.tar.gz contributor.tar.gz]
#   build first: mvn -B -ntp install -DskipTests; Docker and image sharer/busybox:test (.ci/docker.sh)
#   HTTP_PORT / SSH_PORT choose the coordinator's ports (default 8181 / 8101); a job not done within
#   WAIT_SECONDS (30) is reported, cancelled and left out of the percentiles.
#   The contributor gets exclude.processes = the coordinator's karaf.pid (the coordinator next door
#   is not the owner's load); an older contributor ignores the property.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${1:-100}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
coord_tgz="${2:-$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz}"
contrib_tgz="${3:-$root/karaf-assembly/contributor/target/sharer-contributor-$version.tar.gz}"
http="${HTTP_PORT:-8181}"
ssh="${SSH_PORT:-8101}"
work=$(mktemp -d /tmp/sharer-joblatency.XXXXXX)
c="$work/coordinator"; a="$work/contributor"
mkdir -p "$c" "$a"
tar -xzf "$coord_tgz" -C "$c" --strip-components=1
tar -xzf "$contrib_tgz" -C "$a" --strip-components=1
stop() {
  "$a/bin/stop" 2>/dev/null || true; "$c/bin/stop" 2>/dev/null || true
  for d in "$a" "$c"; do for _ in $(seq 1 100); do pgrep -f "karaf.base=$d" >/dev/null || break; sleep 0.2; done; done
  rm -rf "$work"
}
trap stop EXIT
sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $http/" "$c/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort.*/sshPort = $ssh/" "$c/etc/org.apache.karaf.shell.cfg"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$c/bin/start"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/api/v1/health")" = 200 ]; do sleep 0.5; done
token=$(cat "$c/data/sharer/admin.token")
jt=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"ttl":"PT1H","uses":1}' \
  "http://127.0.0.1:$http/api/v1/join-tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
if grep -q '^exclude.processes' "$a/etc/org.sharercloud.contributor.cfg"; then
  sed -i "s|^exclude.processes *=.*|exclude.processes = $c/karaf.pid|" "$a/etc/org.sharercloud.contributor.cfg"
else # a contributor that predates the setting ignores it
  echo "exclude.processes = $c/karaf.pid" >> "$a/etc/org.sharercloud.contributor.cfg"
fi
SHARER_COORDINATOR_URL="http://127.0.0.1:$http" SHARER_JOIN_TOKEN="$jt" "$a/bin/start"
for _ in $(seq 1 240); do
  curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$http/api/v1/members" | grep -q '"state":"ONLINE"' && break
  sleep 0.5
done
sleep "${SETTLE_SECONDS:-20}" # the coordinator's JIT and the agent's first samples settle
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$root/benchmarks/target/sharer-benchmarks.jar" org.sharercloud.benchmarks.load.JobLatency \
  --url "http://127.0.0.1:$http" --token-file "$c/data/sharer/admin.token" --jobs "$jobs" --image sharer/busybox:test \
  --wait-seconds "${WAIT_SECONDS:-30}"
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
