#!/usr/bin/env bash
# Cold start and resident memory of both distributions, as recorded in docs/benchmarks.md.
#   coordinator: bin/start -> first 200 from GET /api/v1/health (fresh unpack: first boot, then a restart)
#   contributor: bin/start -> "first heartbeat accepted" in its log when a coordinator URL/token is
#                given (SHARER_COORDINATOR_URL, SHARER_JOIN_TOKEN), else -> agent bundle started
# Usage: benchmarks/startup.sh [runs]   (build first: mvn -B -ntp install -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
work=$(mktemp -d /tmp/sharer-startup.XXXXXX)
port=18381
now() { date +%s.%N; }
rss_of() { local pid; pid=$(pgrep -f "karaf.base=$1" | head -1); grep VmRSS "/proc/$pid/status" | awk '{print $2}'; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "${COORDINATOR_RUNS:-$runs}"); do
  d="$work/coord$i"; mkdir -p "$d"
  tar -xzf "$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz" -C "$d" --strip-components=1
  sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $port/" "$d/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort.*/sshPort = 18301/" "$d/etc/org.apache.karaf.shell.cfg"
  for phase in first-boot restart; do
    t0=$(now); "$d/bin/start"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health")" = 200 ]; do sleep 0.1; done
    t1=$(now); sleep 5
    printf 'coordinator run %d %-10s start->health 200: %6.2f s   RSS 5 s later: %d MB\n' "$i" "$phase" "$(echo "$t1 - $t0" | bc)" $(( $(rss_of "$d") / 1024 ))
    "$d/bin/stop"; while pgrep -f "karaf.base=$d" >/dev/null; do sleep 0.2; done
  done
done
for i in $(seq 1 "${CONTRIBUTOR_RUNS:-$runs}"); do
  d="$work/contrib$i"; mkdir -p "$d"
  tar -xzf "$root/karaf-assembly/contributor/target/sharer-contributor-$version.tar.gz" -C "$d" --strip-components=1
  t0=$(now); "$d/bin/start"
  pattern="${CONTRIBUTOR_READY_PATTERN:-Contributor agent}"
  until grep -q "$pattern" "$d/data/log/karaf.log" 2>/dev/null; do
    sleep 0.1
    if [ "$(echo "$(now) - $t0 > 120" | bc)" = 1 ]; then echo "contributor never logged '$pattern'" >&2; break; fi
  done
  t1=$(now); sleep 5
  printf 'contributor run %d start->"%s": %6.2f s   RSS 5 s later: %d MB\n' "$i" "$pattern" "$(echo "$t1 - $t0" | bc)" $(( $(rss_of "$d") / 1024 ))
  "$d/bin/stop"; while pgrep -f "karaf.base=$d" >/dev/null; do sleep 0.2; done
done
rm -rf "$work"
