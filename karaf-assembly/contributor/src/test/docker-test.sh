#!/bin/sh
# Builds the contributor's Docker image from the packaged distribution and runs it against a fake
# coordinator on 127.0.0.1: the container must join, heartbeat with dockerAvailable=true (host socket
# mounted), run a docker workload the fake hands out (two input files in, an output file back whose content and
# SHA-256 the fake checks, its log back, no container or volume of it left), stop on "docker stop", and a new
# container on the same data volume must resume the member without joining again. Nothing is pulled: the base image is made offline first when it is missing
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
# It hands the first member that polls one docker workload with two input files (attempt $ATTEMPT) and checks the
# RESULT: outputs whose SHA-256 matches, a tar holding out.txt with the input upper-cased; it prints one
# {"path": "result-check", ...} line saying what arrived.
ATTEMPT=docker-test-attempt-$$
cat >"$WORK/fake.py" <<'PY'
import base64, hashlib, io, json, os, tarfile, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
members, creds, lock = {}, {}, threading.Lock()
ATTEMPT = os.environ['ATTEMPT']
INPUTS = {"in.txt": b"hello from the requestor\n", "sub/more.txt": b"second input\n"}
START = {"attemptId": ATTEMPT, "workloadId": "w-docker-test", "replica": 0, "fencingToken": 1,
         "image": "sharer/busybox:test", "runtime": "docker", "cpuMillis": 200, "memoryMb": 64, "timeoutSeconds": 60,
         "env": {}, "maxOutputBytes": 65536,
         "command": ["sh", "-c", "tr a-z A-Z < /input/in.txt > /output/out.txt && cat /input/sub/more.txt"],
         "inputs": {k: base64.b64encode(v).decode() for k, v in INPUTS.items()}}
state = {"acked": False, "final": False}
def out(self, code, body, obj):
    print(json.dumps({"path": self.path, "code": code, "auth": self.headers.get('Authorization'), "body": body}), flush=True)
    data = json.dumps(obj).encode()
    self.send_response(code); self.send_header('Content-Type', 'application/json')
    self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
def check(result):
    problems = []
    if result.get('outcome') != 'SUCCEEDED' or result.get('exitCode') != 0:
        problems.append("outcome %s exit %s reason %s" % (result.get('outcome'), result.get('exitCode'), result.get('reason')))
    raw = base64.b64decode(result.get('outputs') or '')
    if hashlib.sha256(raw).hexdigest() != result.get('outputsSha256'):
        problems.append("outputsSha256 does not match the outputs")
    files = {}
    if raw:
        with tarfile.open(fileobj=io.BytesIO(raw)) as t:
            files = {m.name: t.extractfile(m).read().decode() for m in t.getmembers() if m.isfile()}
    if files != {"out.txt": "HELLO FROM THE REQUESTOR\n"}:
        problems.append("outputs are %r" % files)
    return {"path": "result-check", "ok": not problems, "problems": problems, "files": files}
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        cred = (self.headers.get('Authorization') or '')[7:]
        if cred not in creds:
            return out(self, 401, None, {"status": 401, "error": "unknown member"})
        if self.path.startswith('/api/v1/agent/assignments'):
            with lock:
                hand = not state["acked"] and not state["final"]
            if not hand:
                time.sleep(2)
            return out(self, 200, None, {"start": [START] if hand else [], "stop": [], "reserve": [], "release": [], "exec": []})
        out(self, 404, None, {"status": 404, "error": "no such resource"})
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get('Content-Length', 0))) or b'{}')
        if self.path == '/api/v1/agent/join':
            if body.get('joinToken') != 'docker-test-token':
                return out(self, 401, body, {"status": 401, "error": "unknown join token"})
            mid = members.setdefault(body['host']['machineId'], 'm-' + uuid.uuid4().hex[:8])
            cred = uuid.uuid4().hex; creds[cred] = mid
            return out(self, 201, body, {"memberId": mid, "credential": cred, "heartbeatSeconds": 2})
        cred = (self.headers.get('Authorization') or '')[7:]
        if cred not in creds:
            return out(self, 401, body, {"status": 401, "error": "unknown member"})
        if self.path == '/api/v1/agent/heartbeat':
            return out(self, 200, body, {"memberId": creds[cred], "state": "ONLINE", "heartbeatSeconds": 2})
        if self.path == '/api/v1/agent/resync':
            return out(self, 200, body, {"lost": 0, "redelivered": 0, "drop": []})
        if self.path == '/api/v1/agent/attempts/%s/events' % ATTEMPT:
            with lock:
                if state["final"] or body.get('fencingToken') != 1:
                    return out(self, 409, body, {"status": 409, "error": "attempt is final"})
                state["acked"] = True
                if body.get('type') == 'RESULT':
                    state["final"] = True
                    print(json.dumps(check(body)), flush=True)
            shown = dict(body, outputs='<%d base64 chars>' % len(body.get('outputs') or '')) if body.get('outputs') else body
            return out(self, 200, shown, {"attemptId": ATTEMPT, "attemptState": "SUCCEEDED" if state["final"] else "RUNNING"})
        out(self, 404, body, {"status": 404, "error": "no such resource"})
    def log_message(self, *a): pass
server = ThreadingHTTPServer(('127.0.0.1', 0), H)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
PY
ATTEMPT="$ATTEMPT" python3 "$WORK/fake.py" >"$WORK/requests.log" 2>"$WORK/fake.err" &
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

# The workload: its inputs must reach the sandbox although the agent's folders are inside its own container (the
# host's engine cannot see them), and its output must come back to the coordinator.
i=0
until grep -q '"path": "result-check"' "$WORK/requests.log"; do
  i=$((i + 1)); [ $i -le "$WAIT" ] || { docker logs "$NAME" 2>&1 | tail -30 >&2; fail "no RESULT for attempt $ATTEMPT within ${WAIT}s"; }
  sleep 1
done
grep '"path": "result-check"' "$WORK/requests.log" | grep -q '"ok": true' \
  || { grep '"path": "result-check"' "$WORK/requests.log" >&2; docker logs "$NAME" 2>&1 | tail -30 >&2; fail "the workload's result is wrong"; }
grep "/api/v1/agent/attempts/$ATTEMPT/events" "$WORK/requests.log" | grep -q 'second input' \
  || fail "the workload's log (the second input file, cat to stdout) did not arrive"
[ -z "$(docker ps -aq --filter "label=org.sharercloud.attempt=$ATTEMPT")" ] || fail "containers of the attempt are left"
[ -z "$(docker volume ls -q --filter "label=org.sharercloud.attempt=$ATTEMPT")" ] || fail "volumes of the attempt are left"
echo "docker-test: the containerised contributor ran a workload: 2 input files in, out.txt back with the right content and hash, nothing left"

docker stop -t 30 "$NAME" >/dev/null
docker rm "$NAME" >/dev/null
before=$(count '"/api/v1/agent/heartbeat", "code": 200')
run_container
await_heartbeats $((before + 1))
[ "$(count '/api/v1/agent/join')" -eq 1 ] || fail "the second container joined again instead of resuming its identity"
docker logs "$NAME" 2>&1 | grep -q "Resuming as member" || fail "docker logs do not show the resumed identity"
[ "$(grep -c '"path": "result-check"' "$WORK/requests.log")" -eq 1 ] || fail "the workload ran more than once"
echo "docker-test: PASS (image $IMAGE on $BASE_IMAGE; a workload with inputs and outputs ran; second container resumed the member from the data volume)"
