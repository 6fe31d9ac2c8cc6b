#!/usr/bin/env bash
# Heartbeats while log followers are attached, as recorded in docs/benchmarks.md ("Heartbeats while followers are
# attached"): one coordinator distribution on this machine; HeartbeatLoad joins MEMBERS simulated members and sends
# their heartbeats at MEMBERS / INTERVAL per second; FollowLoad attaches FOLLOWERS log followers (GET
# /workloads/{id}/logs?follow=true on PENDING workloads, 8 per requestor token) and holds them; HeartbeatLoad then
# measures SECONDS of heartbeats with the followers attached, and the members are counted by state at the end.
# Usage: benchmarks/long-requests.sh [coordinator.tar.gz]   (default: this checkout's build)
#   FOLLOWERS (500), MEMBERS (1000), INTERVAL (5), SECONDS (60), HTTP_PORT / SSH_PORT (8181 / 8101)
#   Wrap it in: flock /tmp/sharer-heavy.lock benchmarks/long-requests.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
coord_tgz="${1:-$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz}"
followers="${FOLLOWERS:-500}"; members="${MEMBERS:-1000}"; interval="${INTERVAL:-5}"; seconds="${SECONDS_MEASURED:-60}"
http="${HTTP_PORT:-8181}"; ssh="${SSH_PORT:-8101}"
jar="$root/benchmarks/target/sharer-benchmarks.jar"
work=$(mktemp -d /tmp/sharer-longreq.XXXXXX)
c="$work/coordinator"; mkdir -p "$c"
tar -xzf "$coord_tgz" -C "$c" --strip-components=1
fpid=""
stop() {
  [ -n "$fpid" ] && kill "$fpid" 2>/dev/null || true
  "$c/bin/stop" 2>/dev/null || true
  for _ in $(seq 1 100); do pgrep -f "karaf.base=$c" >/dev/null || break; sleep 0.2; done
  rm -rf "$work"
}
trap stop EXIT
sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $http/" "$c/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort.*/sshPort = $ssh/" "$c/etc/org.apache.karaf.shell.cfg"
# the simulated members all join from 127.0.0.1: lift the per-address join limit for the run (a build without the
# setting ignores it)
printf '\njoins.burst = 100000\njoins.per.minute = 100000\n' >> "$c/etc/org.sharercloud.portal.cfg"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$c/bin/start"
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/api/v1/health")" = 200 ]; do sleep 0.5; done
pid=$(cat "$c/karaf.pid")
creds="$work/creds.txt"
echo "== join $members members and warm up (no followers)"
java -cp "$jar" org.sharercloud.benchmarks.load.HeartbeatLoad --url "http://127.0.0.1:$http" --token-file "$c/data/sharer/admin.token" \
  --members "$members" --interval "$interval" --seconds 20 --warmup 5 --pid "$pid" --credentials-file "$creds" --connections 16
echo "== $followers followers attach"
java -cp "$jar" org.sharercloud.benchmarks.load.FollowLoad --url "http://127.0.0.1:$http" --token-file "$c/data/sharer/admin.token" \
  --followers "$followers" --hold $((seconds + 60)) &
fpid=$!
sleep 25
echo "== heartbeats with the followers attached (load: $(cut -d' ' -f1-3 /proc/loadavg))"
java -cp "$jar" org.sharercloud.benchmarks.load.HeartbeatLoad --url "http://127.0.0.1:$http" --token-file "$c/data/sharer/admin.token" \
  --members "$members" --interval "$interval" --seconds "$seconds" --warmup 5 --pid "$pid" --credentials-file "$creds" --connections 16
token=$(cat "$c/data/sharer/admin.token")
echo "== members by state: $(curl -s --max-time 30 -H "Authorization: Bearer $token" "http://127.0.0.1:$http/api/v1/members?limit=1000" \
  | grep -o '"state":"[A-Z]*"' | sort | uniq -c | tr '\n' ' ')"
echo "== Jetty threads: $(ls /proc/$pid/task | wc -l) JVM threads in all"
wait "$fpid" || true; fpid=""
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
