#!/usr/bin/env bash
# What an agent's report gets while a coordinator boots (docs/reliability.md, "What was wrong before"): starts the
# coordinator distribution and POSTs an attempt event every 0.2 s until the API itself answers (401 for the fake
# credential), printing each answer; before the API is there, Jetty and then CXF answer 404 with an HTML body.
# Usage: benchmarks/boot-window.sh [coordinator.tar.gz]   (boots Karaf on port 18681: run under flock /tmp/sharer-heavy.lock)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
tgz="${1:-$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz}"
work=$(mktemp -d /tmp/sharer-bootwindow.XXXXXX)
c="$work/coordinator"; mkdir -p "$c"
tar -xzf "$tgz" -C "$c" --strip-components=1
sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = 18681/" "$c/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort.*/sshPort = 18601/" "$c/etc/org.apache.karaf.shell.cfg"
stop() {
  "$c/bin/stop" 2>/dev/null || true
  for _ in $(seq 1 100); do pgrep -f "karaf.base=$c" >/dev/null || break; sleep 0.5; done
  rm -rf "$work"
}
trap stop EXIT
"$c/bin/start"
end=$((SECONDS + 300))
while [ $SECONDS -lt $end ]; do
  code=$(curl -s -m 2 -o "$work/body" -w '%{http_code}' -X POST -H 'Authorization: Bearer m.x.y' -H 'Content-Type: application/json' \
    -d '{"fencingToken":1,"type":"RESULT","outcome":"SUCCEEDED","exitCode":0}' http://127.0.0.1:18681/api/v1/agent/attempts/a/events || true)
  [ "$code" = 000 ] || echo "$(date +%T.%N | cut -c1-12) $code $(head -c 80 "$work/body" 2>/dev/null | tr '\n' ' ')"
  [ "$code" = 401 ] && break
  sleep 0.2
done
