#!/usr/bin/env bash
# Side-by-side start-up of two builds of one distribution (docs/benchmarks.md, issue 13): runs A and B in turn,
# A B A B …, each from a fresh unpack, so the machine's other load falls on both alike; prints each run and the medians.
#   coordinator: bin/start -> first 200 from GET /api/v1/health; RSS 5 s later
#   contributor: bin/start -> "Coordinator reports member" in its log (its first heartbeat accepted by a coordinator
#                this script starts from COORDINATOR_TGZ, default B's sibling coordinator tarball); RSS 5 s later
# Usage: benchmarks/startup-ab.sh coordinator|contributor A.tar.gz B.tar.gz [pairs]
#   (boots Karaf on ports 18381/18301 (+ 18391/18311): run under flock /tmp/sharer-heavy.lock)
#   EXTRA_JAVA_OPTS_A / EXTRA_JAVA_OPTS_B: JVM options added to one side only (to try a flag on the same build);
#   ENV_A / ENV_B: environment settings (NAME=value …) for one side only
set -euo pipefail
kind=$1 a=$2 b=$3 pairs=${4:-3}
work=$(mktemp -d /tmp/sharer-startup-ab.XXXXXX)
port=18381 cport=18391
now() { date +%s.%N; }
pid_of() { pgrep -f "karaf.base=$1( |$)" | head -1; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$(pid_of "$1")/status"; }
cpu_s() { # CPU seconds (user + system) the JVM has used so far
  awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$(pid_of "$1")/stat"; }
stop_dist() {
  "$1/bin/stop" >/dev/null 2>&1 || true
  for _ in $(seq 1 150); do pid_of "$1" >/dev/null || return 0; sleep 0.2; done
  kill -9 "$(pid_of "$1")" 2>/dev/null || true
}
unpack() { # tgz dir http-port ssh-port
  rm -rf "$2"; mkdir -p "$2"
  tar -xzf "$1" -C "$2" --strip-components=1
  if [ -f "$2/etc/org.ops4j.pax.web.cfg" ]; then
    sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $3/" "$2/etc/org.ops4j.pax.web.cfg"
  fi
  sed -i "s/^sshPort.*/sshPort = $4/" "$2/etc/org.apache.karaf.shell.cfg"
}
coord=""
cleanup() {
  for d in "$work"/*/; do [ -x "$d/bin/stop" ] && stop_dist "${d%/}"; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p'), $(free -g | awk '/Mem/ {print $2}') GiB; java: $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A = $a ${EXTRA_JAVA_OPTS_A:+(+ $EXTRA_JAVA_OPTS_A)} ${ENV_A:-}"
echo "B = $b ${EXTRA_JAVA_OPTS_B:+(+ $EXTRA_JAVA_OPTS_B)} ${ENV_B:-}"

if [ "$kind" = contributor ]; then
  coord="$work/coordinator"
  unpack "${COORDINATOR_TGZ:-$(dirname "$b")/$(basename "$b" | sed 's/contributor/coordinator/')}" "$coord" $cport 18311
  "$coord/bin/start"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$cport/api/v1/health")" = 200 ]; do sleep 0.2; done
  join=$(curl -s -X POST -H "Authorization: Bearer $(cat "$coord/data/sharer/admin.token")" -H 'Content-Type: application/json' \
    -d '{"ttl":"PT1H","uses":100}' "http://127.0.0.1:$cport/api/v1/join-tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  sleep 5
fi

results="$work/results"
run_one() { # side tgz n
  local side=$1 tgz=$2 n=$3 d="$work/$1$3" t0 t1 rc=0 opts envs
  if [ "$side" = A ]; then opts=${EXTRA_JAVA_OPTS_A:-} envs=${ENV_A:-}; else opts=${EXTRA_JAVA_OPTS_B:-} envs=${ENV_B:-}; fi
  unpack "$tgz" "$d" $port 18301
  sync
  if [ "$kind" = coordinator ]; then
    t0=$(now); env $envs EXTRA_JAVA_OPTS="$opts" "$d/bin/start"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health")" = 200 ]; do
      sleep 0.05
      if [ "$(echo "$(now) - $t0 > 120" | bc)" = 1 ]; then rc=1; break; fi
    done
  else
    t0=$(now)
    env $envs EXTRA_JAVA_OPTS="$opts" SHARER_COORDINATOR_URL="http://127.0.0.1:$cport" SHARER_JOIN_TOKEN="$join" "$d/bin/start"
    until grep -q "Coordinator reports member" "$d/data/log/karaf.log" 2>/dev/null; do
      sleep 0.05
      if [ "$(echo "$(now) - $t0 > 120" | bc)" = 1 ]; then rc=1; break; fi
    done
  fi
  t1=$(now)
  local cpu; cpu=$(cpu_s "$d")
  sleep 5
  local rss; rss=$(rss_mb "$d")
  [ $rc = 0 ] || echo "run $side$n never got ready (see $d/data/log/karaf.log)" >&2
  printf '%s %d %.2f %s %d\n' "$side" "$n" "$(echo "$t1 - $t0" | bc)" "$cpu" "$rss" | tee -a "$results"
  stop_dist "$d"
  [ $rc = 0 ] && rm -rf "$d"
  return 0
}
echo "side run seconds_to_ready cpu_seconds_at_ready rss_mb_5s_later"
for i in $(seq 1 "$pairs"); do
  run_one A "$a" "$i"
  run_one B "$b" "$i"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{v[NR] = $1} END {printf "%s (min %s, max %s)", v[int((NR + 1) / 2)], v[1], v[NR]}'; }
for side in A B; do
  echo "$side: median of $(grep -c "^$side " "$results") runs: ready $(awk -v s=$side '$1 == s {print $3}' "$results" | median) s," \
    "CPU $(awk -v s=$side '$1 == s {print $4}' "$results" | median) s, RSS $(awk -v s=$side '$1 == s {print $5}' "$results" | median) MB"
done
