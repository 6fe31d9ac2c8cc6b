#!/bin/sh
# Makes a local Docker engine and the offline test image sharer/busybox:test available.
# Idempotent; run as root. No registry is reachable here: the image is built from busybox-static.
#   DOCKER_WAIT_SECONDS  how long to wait for the engine (default 60)
#   DOCKERD_LOG          where the engine logs (default /var/log/sharer-dockerd.log)
set -eu

IMAGE=sharer/busybox:test
WAIT=${DOCKER_WAIT_SECONDS:-60}
LOG=${DOCKERD_LOG:-/var/log/sharer-dockerd.log}

if [ "$(id -u)" != 0 ]; then
  echo "docker.sh: must run as root" >&2
  exit 1
fi

# One run at a time, so that two concurrent callers never start two engines.
exec 9>/var/lock/sharer-docker.lock
flock -w "$WAIT" 9 || { echo "docker.sh: another run holds /var/lock/sharer-docker.lock" >&2; exit 1; }

if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
  echo "docker.sh: installing docker.io and busybox-static"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io busybox-static
fi

if ! docker info >/dev/null 2>&1; then
  if pgrep -x dockerd >/dev/null 2>&1; then
    echo "docker.sh: dockerd is already running, waiting for it"
  else
    echo "docker.sh: starting dockerd (log: $LOG)"
    nohup setsid dockerd --bridge=none --iptables=false --ip-forward=false >>"$LOG" 2>&1 </dev/null 9>&- &
  fi
  i=0
  until docker info >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt "$WAIT" ]; then
      echo "docker.sh: the engine did not answer within ${WAIT}s; last log lines:" >&2
      tail -n 20 "$LOG" >&2 || true
      exit 1
    fi
    sleep 1
  done
fi
echo "docker.sh: engine $(docker version --format '{{.Server.Version}}') answers"

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/input" "$dir/output" "$dir/proc" "$dir/sys" "$dir/dev"
  chmod 1777 "$dir/tmp"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $("$dir/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  echo "docker.sh: imported $IMAGE"
fi
docker image inspect --format 'docker.sh: image {{index .RepoTags 0}} {{.Size}} bytes' "$IMAGE"
