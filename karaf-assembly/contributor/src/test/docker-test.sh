#!/bin/sh
# Builds the contributor's Docker image from the packaged distribution and runs it against a fake
# coordinator on 127.0.0.1: the container must join, heartbeat with dockerAvailable=true (host socket
# mounted), stop on "docker stop", and a new container on the same data volume must resume the member
# without joining again. Nothing is pulled: the base image is made offline first when it is missing
# (debootstrap of Debian bookworm with openjdk-17-jre-headless, imported under BASE_IMAGE).
#
#   sudo karaf-assembly/contributor/src/test/docker-test.sh [path/to/sharer-contributor-*.tar.gz]
#
# Env: BASE_IMAGE (default sharer/jre17:bookworm), DEBIAN_MIRROR (default: the one apt uses),
#      WAIT_SECONDS (default 120). The engine is dockerd with --bridge=none here, so containers use
#      --network host and the fake coordinator listens on 127.0.0.1 only.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TARBALL=${1:-$(ls "$HERE"/../../target/sharer-contributor-*.tar.gz 2>/dev/null | head -1)}
BASE_IMAGE=${BASE_IMAGE:-sharer/jre17:bookworm}
WAIT=${WAIT_SECONDS:-120}
IMAGE=sharer-contributor:test
NAME=sharer-contributor-test-$$
VOLUME=sharer-contributor-test-$$
WORK=$(mktemp -d /tmp/sharer-docker-test.XXXXXX)

fail() { echo "docker-test: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root"
[ -f "${TARBALL:-}" ] || fail "no distribution tar.gz (package karaf-assembly/contributor first)"

cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker volume rm "$VOLUME" >/dev/null 2>&1 || true
  [ -z "${FAKE_PID:-}" ] || kill "$FAKE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
  DOCKER_SH="$HERE/../../../../.ci/docker.sh"
  [ -f "$DOCKER_SH" ] || fail "no Docker engine answers and $DOCKER_SH is absent"
  sh "$DOCKER_SH"
fi

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  echo "docker-test: making base image $BASE_IMAGE offline with debootstrap"
  command -v debootstrap >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; }
  MIRROR=${DEBIAN_MIRROR:-$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources; grep -h '^deb ' /etc/apt/sources.list) 2>/dev/null \
    | grep -o 'https\?://[^ ]*/debian/\?\( \|$\)' | head -1 | tr -d ' ')}
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$WORK/rootfs" "${MIRROR:-http://deb.debian.org/debian}" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; fail "debootstrap failed"; }
  tar -C "$WORK/rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$WORK/rootfs"
fi

mkdir "$WORK/dist"
tar -xzf "$TARBALL" -C "$WORK/dist" --strip-components=1
[ -f "$WORK/dist/Dockerfile" ] || fail "the distribution has no Dockerfile"
docker build -q --network none --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" "$WORK/dist" >/dev/null || fail "docker build failed"

# The fake coordinator: join token "docker-test-token", one member per machine id, records every request.
cat >"$WORK/fake.py" <<'PY'
import json, sys, uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
members, creds = {}, {}
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get('Content-Length', 0))) or b'{}')
        if self.path == '/api/v1/agent/join':
            if body.get('joinToken') != 'docker-test-token':
                code, out = 401, {"status": 401, "error": "unknown join token"}
            else:
                mid = members.setdefault(body['host']['machineId'], 'm-' + uuid.uuid4().hex[:8])
                cred = uuid.uuid4().hex; creds[cred] = mid
                code, out = 201, {"memberId": mid, "credential": cred, "heartbeatSeconds": 2}
        else:
            cred = (self.headers.get('Authorization') or '')[7:]
            code, out = (200, {"memberId": creds[cred], "state": "ONLINE", "heartbeatSeconds": 2}) if cred in creds \
                else (401, {"status": 401, "error": "unknown member"})
        print(json.dumps({"path": self.path, "code": code, "auth": self.headers.get('Authorization'), "body": body}), flush=True)
        data = json.dumps(out).encode()
        self.send_response(code); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
    def log_message(self, *a): pass
server = HTTPServer(('127.0.0.1', 0), H)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$WORK/fake.py" >"$WORK/requests.log" 2>"$WORK/fake.err" &
FAKE_PID=$!
i=0; until [ -s "$WORK/requests.log" ]; do i=$((i + 1)); [ $i -lt 50 ] || fail "fake coordinator did not start"; sleep 0.1; done
PORT=$(head -1 "$WORK/requests.log")

run_container() {
  docker run -d --name "$NAME" --network host \
    -e SHARER_COORDINATOR_URL="http://127.0.0.1:$PORT" -e SHARER_JOIN_TOKEN=docker-test-token \
    -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
    -v "$VOLUME:/opt/sharer-contributor/data" "$IMAGE" >/dev/null
}
count() { grep -c "$1" "$WORK/requests.log" || true; }
await_heartbeats() { # at least N heartbeats in total
  i=0
  until [ "$(count '"/api/v1/agent/heartbeat", "code": 200')" -ge "$1" ]; do
    i=$((i + 1)); [ $i -le "$WAIT" ] || { docker logs "$NAME" 2>&1 | tail -30 >&2; fail "no heartbeat $1 within ${WAIT}s"; }
    sleep 1
  done
}

started=$(date +%s)
run_container
await_heartbeats 2
echo "docker-test: first container joined and sent heartbeats in $(( $(date +%s) - started )) s"
[ "$(count '/api/v1/agent/join')" -eq 1 ] || fail "expected one join"
grep '"/api/v1/agent/heartbeat"' "$WORK/requests.log" | head -1 | grep -q '"dockerAvailable": true' \
  || fail "the first heartbeat does not report the host's Docker engine as available"
docker logs "$NAME" 2>&1 | grep -q "Joined http://127.0.0.1:$PORT as member" || fail "docker logs do not show the join"

docker stop -t 30 "$NAME" >/dev/null
docker rm "$NAME" >/dev/null
before=$(count '"/api/v1/agent/heartbeat", "code": 200')
run_container
await_heartbeats $((before + 1))
[ "$(count '/api/v1/agent/join')" -eq 1 ] || fail "the second container joined again instead of resuming its identity"
docker logs "$NAME" 2>&1 | grep -q "Resuming as member" || fail "docker logs do not show the resumed identity"
echo "docker-test: PASS (image $IMAGE on $BASE_IMAGE; second container resumed the member from the data volume)"
