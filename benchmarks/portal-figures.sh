#!/usr/bin/env bash
# The portal's figures in docs/benchmarks.md: first load, the members view with 10,000 members, and the
# live events per second it sustains, in headless Chromium (Debian's chromium + chromium-driver).
# Usage (after mvn -B -ntp install -DskipTests, and with the heavy lock held on shared machines):
#   benchmarks/portal-figures.sh [port]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${1:-23000}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
work=$(mktemp -d /tmp/sharer-portal-figures.XXXXXX)
m2=()
[ -n "${MAVEN_REPO:-}" ] && m2=(-Dmaven.repo.local="$MAVEN_REPO")
(cd "$root" && mvn -B -ntp -q "${m2[@]}" -pl itests test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
cp="$(cat "$work/cp.txt"):$root/itests/target/test-classes"
bench="$root/benchmarks/target/sharer-benchmarks.jar"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; $(chromium --version 2>/dev/null | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
d="$work/coordinator"; mkdir -p "$d"
tar -xzf "$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz" -C "$d" --strip-components=1
echo "org.osgi.service.http.port = $port" >> "$d/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort.*/sshPort = $((port + 100))/" "$d/etc/org.apache.karaf.shell.cfg"
"$d/bin/start"
trap '"$d/bin/stop" || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health")" = 200 ]; do sleep 0.5; done
pid=$(ps -eo pid,args | grep "karaf.base=$d" | grep -v grep | awk '{print $1}' | head -1)
figures() { java -cp "$cp" org.sharercloud.itests.PortalFigures --url "http://127.0.0.1:$port" --token-file "$d/data/sharer/admin.token" "$@"; }

if [ -z "${SKIP_FIRST_LOAD:-}" ]; then
  echo "== first load (empty cache; no member yet)"
  figures --phase first-load
fi
echo "== 10,000 members joined by HeartbeatLoad"
java -cp "$bench" org.sharercloud.benchmarks.load.HeartbeatLoad --url "http://127.0.0.1:$port" --token-file "$d/data/sharer/admin.token" \
  --members 10000 --interval 5 --seconds 5 --warmup 1 --pid "$pid" --credentials-file "$work/creds.txt" | tail -3
java -cp "$bench" org.sharercloud.benchmarks.load.HeartbeatLoad --url "http://127.0.0.1:$port" --token-file "$d/data/sharer/admin.token" \
  --members 10000 --interval 5 --seconds 40 --warmup 1 --pid "$pid" --credentials-file "$work/creds.txt" >/dev/null &
load=$!
figures --phase members
wait $load
for interval in 10 5 2; do
  echo "== live events while 10,000 members heartbeat every $interval s ($((10000 / interval))/s sent)"
  java -cp "$bench" org.sharercloud.benchmarks.load.HeartbeatLoad --url "http://127.0.0.1:$port" --token-file "$d/data/sharer/admin.token" \
    --members 10000 --interval "$interval" --seconds 50 --warmup 2 --pid "$pid" --credentials-file "$work/creds.txt" > "$work/load-$interval.txt" &
  load=$!
  sleep 8
  figures --phase events --seconds 30
  wait $load
  grep -iE "heartbeats/s|throughput|p99" "$work/load-$interval.txt" | head -3 || true
done
