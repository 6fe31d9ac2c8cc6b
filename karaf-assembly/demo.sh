#!/usr/bin/env bash
# Sharer Cloud demo: runs the built coordinator (embedded Derby, portal on :8181), a local contributor
# (this machine) joined to it, then submits a sample workload, follows it and prints its output.
# Build first: mvn -B -ntp install -DskipTests
#
# The sample runs in a Docker container when the contributor can reach a Docker engine (image
# sharer/busybox:test, built offline from busybox-static when it is missing). Otherwise the demo enables
# the contributor's process runtime (processes in a bubblewrap sandbox; without bwrap, plain processes
# with no isolation: fine for your own machine and your own job) and runs the sample that way.
#
#   SHARER_HTTP_PORT   coordinator HTTP port (default 8181)
#   SHARER_SSH_PORT    coordinator console SSH port (default 8101)
#   SHARER_DEMO_IMAGE  image of the sample when Docker works (default sharer/busybox:test)
#   SHARER_DEMO_POLITE set (to anything) for a contributor that shares only what the owner leaves idle
#   DOCKER_HOST        where the Docker engine listens (as for the docker command)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
demo="$root/target/demo"
coord_tgz="$root/karaf-assembly/coordinator/target/sharer-coordinator-$version.tar.gz"
contrib_tgz="$root/karaf-assembly/contributor/target/sharer-contributor-$version.tar.gz"
port="${SHARER_HTTP_PORT:-8181}"
ssh_port="${SHARER_SSH_PORT:-8101}"
default_image=sharer/busybox:test
image="${SHARER_DEMO_IMAGE:-$default_image}"
api="http://127.0.0.1:$port/api/v1"

for f in "$coord_tgz" "$contrib_tgz"; do
  [ -f "$f" ] || { echo "Error: $f is missing; build first: mvn -B -ntp install -DskipTests" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "Error: the demo needs curl (apt-get install curl)" >&2; exit 1; }
if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/temurin-17*; do
    [ -x "$jdk/bin/java" ] && { export JAVA_HOME="$jdk"; break; }
  done
fi

unpack() { # tgz dir
  if [ ! -d "$2" ]; then
    mkdir -p "$2" && tar -xzf "$1" -C "$2" --strip-components=1 && touch "$2/.unpacked"
  fi
}

set_cfg() { # file key value: replaces the key's line, or appends it (a file already saying so is left alone)
  if grep -q "^$2[[:space:]]*=[[:space:]]*$3[[:space:]]*\$" "$1"; then
    return 0
  elif grep -q "^$2[[:space:]]*=" "$1"; then
    sed -i "s|^$2[[:space:]]*=.*|$2 = $3|" "$1"
  else
    printf '%s = %s\n' "$2" "$3" >>"$1"
  fi
}

running() { # distribution dir
  [ -x "$1/bin/status" ] && "$1/bin/status" >/dev/null 2>&1
}

json_str() { # key: the first "key":"value" of the JSON on stdin (empty when absent)
  { grep -o "\"$1\":\"[^\"]*\"" || true; } | head -1 | sed "s/^\"$1\":\"//; s/\"\$//"
}

runtime_available() { # runtime: true/false as the member JSON on stdin reports it (empty when absent)
  { grep -o "\"$1\":{\"available\":[a-z]*" || true; } | head -1 | sed 's/.*://'
}

# A build newer than the last demo's distributions: start afresh, so the demo never runs stale bundles.
if { [ -d "$demo/coordinator" ] && [ "$coord_tgz" -nt "$demo/coordinator/.unpacked" ]; } \
  || { [ -d "$demo/contributor" ] && [ "$contrib_tgz" -nt "$demo/contributor/.unpacked" ]; }; then
  if running "$demo/coordinator" || running "$demo/contributor"; then
    echo "Note: the demo running in $demo is from an older build. To run the new one, stop it" \
      "($demo/contributor/bin/stop; $demo/coordinator/bin/stop) and run this again."
  else
    echo "The build is newer than the last demo's: starting afresh (the last demo's files are in $demo.previous)."
    rm -rf "$demo.previous" && mv "$demo" "$demo.previous"
  fi
fi
mkdir -p "$demo"
unpack "$coord_tgz" "$demo/coordinator"
cd "$demo/coordinator"
set_cfg etc/org.ops4j.pax.web.cfg org.osgi.service.http.port "$port"
set_cfg etc/org.apache.karaf.shell.cfg sshPort "$ssh_port"
if running "$demo/coordinator"; then
  echo "The coordinator in $demo/coordinator is already running."
else
  echo "Starting the coordinator in $demo/coordinator …"
  bin/start
fi
code=000
for i in $(seq 1 240); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$api/health" || true)
  [ "$code" = 200 ] && break
  [ $((i % 10)) = 0 ] && echo "  waiting for $api/health ($((i / 2)) s) …"
  sleep 0.5
done
[ "$code" = 200 ] || { echo "Error: the coordinator did not become healthy; see $demo/coordinator/data/log/karaf.log" >&2; exit 1; }
token=$(cat data/sharer/admin.token)
admin=(-H "Authorization: Bearer $token")
echo "Coordinator UP: http://127.0.0.1:$port/  (health: curl $api/health)"
echo "  admin token:      $demo/coordinator/data/sharer/admin.token"
echo "  console password: $demo/coordinator/data/sharer/console.password"
echo "  console:          echo 'sharer:status' | $demo/coordinator/bin/client -a $ssh_port -b -u admin -p \"\$(cat $demo/coordinator/data/sharer/console.password)\""

# A local contributor: this machine, joined with a one-use join token.
unpack "$contrib_tgz" "$demo/contributor"
if running "$demo/contributor"; then
  echo "The contributor in $demo/contributor is already running."
else
  jt=$(curl -s -X POST "${admin[@]}" -H 'Content-Type: application/json' -d '{"ttl":"PT1H","uses":1}' "$api/join-tokens" \
    | json_str token || true)
  [ -n "$jt" ] || { echo "Error: the coordinator gave no join token; see $demo/coordinator/data/log/karaf.log" >&2; exit 1; }
  cfg="$demo/contributor/etc/org.sharercloud.contributor.cfg"
  if [ -n "${SHARER_DEMO_POLITE:-}" ]; then
    # a volunteer's behaviour: share only what the owner leaves idle (the coordinator next door is ours, not theirs)
    set_cfg "$cfg" exclude.processes "$demo/coordinator/karaf.pid"
  else
    # the demo's machine and job are both yours: share even while you (or a build) keep the CPU busy
    set_cfg "$cfg" exclude.processes "cgroup:/"
    set_cfg "$cfg" pause.when.owner.active false
  fi
  (cd "$demo/contributor" && SHARER_COORDINATOR_URL="http://127.0.0.1:$port" SHARER_JOIN_TOKEN="$jt" bin/start)
  echo "Contributor started in $demo/contributor (this machine, joined with a one-use join token)"
  if [ -z "${SHARER_DEMO_POLITE:-}" ]; then
    echo "  it shares this machine even while you use it; a volunteer's contributor shares only what its owner"
    echo "  leaves idle (SHARER_DEMO_POLITE=1 karaf-assembly/demo.sh on a new demo shows that)"
  fi
fi
member() { # this contributor as a member (JSON), once it has joined
  local id
  id=$(sed -n 's/^member\.id=//p' "$demo/contributor/data/sharer/member.properties" 2>/dev/null || true)
  [ -n "$id" ] && curl -s "${admin[@]}" "$api/members/$id" || true
}
members=""
for i in $(seq 1 180); do
  members=$(member)
  [ -n "$(printf '%s' "$members" | runtime_available docker)" ] && break
  [ $((i % 10)) = 0 ] && echo "  waiting for the contributor to join and report its runtimes ($((i / 2)) s) …"
  sleep 0.5
done
docker_ok=$(printf '%s' "$members" | runtime_available docker)
[ -n "$docker_ok" ] || { echo "Error: the contributor did not join; see $demo/contributor/data/log/karaf.log" >&2; exit 1; }

# Where the sample runs: in a container when Docker works here and the image is there (or can be made).
engine() { # path [curl args…]: the Docker engine's API, where the contributor reaches it
  local path=$1 host=${DOCKER_HOST:-unix:///var/run/docker.sock}
  shift
  case "$host" in
    unix://*) curl -s --max-time 60 --unix-socket "${host#unix://}" "$@" "http://docker$path" ;;
    tcp://*) curl -s --max-time 60 "$@" "http://${host#tcp://}$path" ;;
    *) return 1 ;;
  esac
}
has_image() {
  [ "$(engine "/images/$1/json" -o /dev/null -w '%{http_code}' || true)" = 200 ]
}
build_image() { # the offline test image of .ci/docker.sh, from a statically linked /bin/busybox
  case "$image" in sharer/busybox:*) ;; *) return 1 ;; esac
  [ -x /bin/busybox ] || return 1
  local dir linked
  linked=$(LC_ALL=C ldd /bin/busybox 2>&1 || true)
  case "$linked" in *"not a dynamic executable"*) ;; *) return 1 ;; esac
  dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/input" "$dir/output"
  chmod 1777 "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $("$dir/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  tar -C "$dir" -c . | engine "/images/create?fromSrc=-&repo=${image%%:*}&tag=${image##*:}&changes=ENV%20PATH%3D%2Fbin" \
    -X POST -H 'Content-Type: application/x-tar' --data-binary @- >/dev/null || true
  rm -rf "$dir"
  has_image "$image"
}

runtime=docker
if [ "$docker_ok" != true ]; then
  why=$(printf '%s' "$members" | { grep -o '"docker":{"available":false,"detail":"[^"]*"' || true; } | head -1 \
    | sed 's/.*"detail":"//; s/"$//')
  echo "Docker does not work for the contributor here (${why:-no reachable Docker engine})."
  runtime=process
elif has_image "$image"; then
  echo "Docker works here: the sample runs in a sandboxed container (image $image)."
elif build_image; then
  echo "Docker works here: built the demo image $image offline from /bin/busybox (busybox-static); the sample runs in a container."
elif [ -n "${SHARER_DEMO_IMAGE:-}" ]; then
  echo "Docker works here: the sample runs in a container; image $image is not present, so the contributor pulls it."
else
  echo "Docker works here, but the demo image $image is missing and cannot be built offline (install busybox-static, or"
  echo "set SHARER_DEMO_IMAGE to an image you have or can pull)."
  runtime=process
fi
if [ "$runtime" = process ]; then
  echo "The demo therefore enables the contributor's PROCESS runtime: the sample runs as a process on this machine"
  if command -v bwrap >/dev/null 2>&1; then
    echo "in a bubblewrap sandbox (see $demo/contributor/etc/org.sharercloud.runtime.process.cfg and docs/security.md)."
  else
    echo "WITHOUT isolation, as bubblewrap (bwrap) is not installed: sandbox = none, fine for your own machine and your own"
    echo "job only (see $demo/contributor/etc/org.sharercloud.runtime.process.cfg and docs/security.md)."
    set_cfg "$demo/contributor/etc/org.sharercloud.runtime.process.cfg" sandbox none
  fi
  set_cfg "$demo/contributor/etc/org.sharercloud.runtime.process.cfg" enabled true
  for i in $(seq 1 120); do
    [ "$(member | runtime_available process)" = true ] && break
    [ $((i % 10)) = 0 ] && echo "  waiting for the contributor to report the process runtime ($((i / 2)) s) …"
    sleep 0.5
  done
fi

# A requestor token for the demo (kept for your own curl calls), then the sample workload.
if [ ! -s "$demo/requestor.token" ]; then
  (umask 077 && curl -s -X POST "${admin[@]}" -H 'Content-Type: application/json' -d '{"name":"demo","role":"REQUESTOR"}' \
    "$api/tokens" | json_str token >"$demo/requestor.token")
fi
req=$(cat "$demo/requestor.token")
[ -n "$req" ] || { echo "Error: could not mint a requestor token" >&2; exit 1; }
sample='echo "Hello from Sharer Cloud: replica running as user $(id -u) on $(uname -sm)"
n=0; i=2
while [ $i -le 500 ]; do
  j=2; p=1
  while [ $((j * j)) -le $i ]; do [ $((i % j)) -eq 0 ] && { p=0; break; }; j=$((j + 1)); done
  [ $p = 1 ] && n=$((n + 1)); i=$((i + 1))
done
echo "there are $n primes below 500"
echo $n > "${SHARER_OUTPUT:-/output}/primes.txt"'
sample_json=$(printf '%s' "$sample" | sed 's/\\/\\\\/g; s/"/\\"/g' | awk '{printf "%s\\n", $0}')
if [ "$runtime" = process ]; then
  spec="{\"name\":\"demo-sample\",\"runtime\":\"process\",\"command\":[\"sh\",\"-c\",\"$sample_json\"],\"timeoutSeconds\":120}"
else
  spec="{\"name\":\"demo-sample\",\"image\":\"$image\",\"command\":[\"sh\",\"-c\",\"$sample_json\"],\"timeoutSeconds\":120}"
fi
submitted=$(curl -s -X POST -H "Authorization: Bearer $req" -H 'Content-Type: application/json' -d "$spec" "$api/workloads")
id=$(printf '%s' "$submitted" | json_str id)
[ -n "$id" ] || { echo "Error: the sample was refused: $submitted" >&2; exit 1; }
echo "Submitted the sample workload $id ($runtime runtime); following it:"
state="" last="" why=""
for i in $(seq 1 360); do
  w=$(curl -s -H "Authorization: Bearer $req" "$api/workloads/$id" || true)
  state=$(printf '%s' "$w" | { grep -o '"state":"[A-Z_]*"' || true; } | head -1 | sed 's/.*:"//; s/"$//')
  if [ "$state" = PENDING ]; then
    why=$(printf '%s' "$w" | json_str summary)
  else
    why=""
  fi
  if [ "$state$why" != "$last" ]; then
    echo "  $(date +%T) $state${why:+: $why}"
    last="$state$why"
  fi
  case "$state" in SUCCEEDED | FAILED | TIMED_OUT | CANCELLED) break ;; esac
  sleep 0.5
done
echo "Output of the sample:"
curl -s -H "Authorization: Bearer $req" "$api/workloads/$id/logs" | sed 's/^/  | /'
echo "Watch it in the portal: http://127.0.0.1:$port/  (workload $id; JSON: curl -H \"Authorization: Bearer \$(cat $demo/requestor.token)\" $api/workloads/$id)"
echo "Stop: $demo/contributor/bin/stop; $demo/coordinator/bin/stop"
if [ "$state" != SUCCEEDED ]; then
  reason=$(printf '%s' "$w" | json_str reason)
  if [ "$state" = PENDING ]; then
    echo "Error: the sample is still PENDING after 3 minutes${why:+ ($why)}; it keeps waiting in the coordinator:" \
      "see why in the portal, and the contributor's log $demo/contributor/data/log/karaf.log" >&2
    exit 1
  fi
  echo "Error: the sample ended ${state:-in an unknown state}${reason:+: $reason}" >&2
  exit 1
fi
echo "The sample SUCCEEDED."
