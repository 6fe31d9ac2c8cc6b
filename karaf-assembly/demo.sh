#!/usr/bin/env bash
# Sharer Cloud demo: runs the built coordinator (embedded Derby, portal on :8181) and, once it
# answers, a local contributor joined to it. Build first: mvn -B -ntp install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
demo="$root/target/demo"
coord_tgz="$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz"
contrib_tgz="$root/karaf-assembly/contributor/target/sharer-contributor-$version.tar.gz"
port="${SHARER_HTTP_PORT:-8181}"

for f in "$coord_tgz" "$contrib_tgz"; do
  [ -f "$f" ] || { echo "Error: $f is missing; build first: mvn -B -ntp install -DskipTests" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/temurin-17*; do
    [ -x "$jdk/bin/java" ] && { export JAVA_HOME="$jdk"; break; }
  done
fi

unpack() { # tgz dir
  if [ ! -d "$2" ]; then
    mkdir -p "$2" && tar -xzf "$1" -C "$2" --strip-components=1
  fi
}

mkdir -p "$demo"
unpack "$coord_tgz" "$demo/coordinator"
cd "$demo/coordinator"
if [ "$port" != 8181 ]; then
  sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $port/" etc/org.ops4j.pax.web.cfg
fi
echo "Starting the coordinator in $demo/coordinator …"
bin/start
for i in $(seq 1 240); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" || true)
  [ "$code" = 200 ] && break
  [ $((i % 10)) = 0 ] && echo "  waiting for http://127.0.0.1:$port/api/v1/health ($((i / 2)) s) …"
  sleep 0.5
done
[ "$code" = 200 ] || { echo "Error: the coordinator did not become healthy; see $demo/coordinator/data/log/karaf.log" >&2; exit 1; }
token=$(cat data/sharer/admin.token)
echo "Coordinator UP: http://127.0.0.1:$port/  (health: curl http://127.0.0.1:$port/api/v1/health)"
echo "  admin token:      $demo/coordinator/data/sharer/admin.token"
echo "  console password: $demo/coordinator/data/sharer/console.password"
echo "  console:          echo 'sharer:status' | $demo/coordinator/bin/client -b -u admin -p \"\$(cat $demo/coordinator/data/sharer/console.password)\""

# A local contributor, joined with a fresh join token (when the members module offers join tokens).
join=$(curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"ttl":"PT1H","uses":1}' "http://127.0.0.1:$port/api/v1/join-tokens" || true)
jt=$(printf '%s' "$join" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
if [ -n "$jt" ]; then
  unpack "$contrib_tgz" "$demo/contributor"
  cd "$demo/contributor"
  # the coordinator next door is ours, not the machine owner's load: its CPU must not pause sharing
  sed -i "s|^exclude.processes *=.*|exclude.processes = $demo/coordinator/karaf.pid|" etc/org.sharercloud.contributor.cfg
  SHARER_COORDINATOR_URL="http://127.0.0.1:$port" SHARER_JOIN_TOKEN="$jt" bin/start
  echo "Contributor started in $demo/contributor (joined with a one-use join token); see it with:"
  echo "  curl -s -H \"Authorization: Bearer \$(cat $demo/coordinator/data/sharer/admin.token)\" http://127.0.0.1:$port/api/v1/members"
else
  echo "(no local contributor: this coordinator does not offer join tokens yet)"
fi
echo "Stop: $demo/contributor/bin/stop; $demo/coordinator/bin/stop"
