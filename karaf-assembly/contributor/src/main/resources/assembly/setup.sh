#!/bin/sh
# Sharer Cloud contributor: installs this unpacked distribution as a system service.
#
#   sudo ./setup.sh --coordinator https://coordinator.example:8181 --join-token TOKEN [options]
#
# Options:
#   --coordinator URL        the coordinator's base URL (http or https)              (required)
#   --join-token TOKEN       a join token from the coordinator's admin               (required)
#   --pin FINGERPRINT        https only: the coordinator certificate's SHA-256 fingerprint, from its
#                            admin (bin/sharer-tls fingerprint); only that certificate is accepted
#   --name NAME              name shown in the cluster (default: the host name)
#   --max-cpu-share F        fraction of the cores workloads may use, 0 < F <= 1     (default 0.5)
#   --max-memory-mb N        memory workloads may use; 0 = half the machine          (default 0)
#   --sharing-hours H        local hours when sharing is allowed, FROM-TO            (default 0-24)
#   --labels L               extra placement labels, k=v,k2=v2
#   --user NAME              system user the service runs as                         (default sharer)
#   --root DIR               install into DIR instead of / (for packaging and tests): nothing
#                            outside DIR is touched, no user is created, nothing is started
#   --no-start               install and enable nothing; just write the files
#
# Installs under /opt/sharer-contributor (an existing installation is upgraded: its data/, which holds
# the member identity, is kept), writes etc/org.sharercloud.contributor.cfg (mode 0600), creates the
# system user if it can, and installs /etc/systemd/system/sharer-contributor.service.
set -eu

PREFIX=/opt/sharer-contributor
UNIT=sharer-contributor.service
ROOT=/
COORDINATOR=
TOKEN=
PIN=
NAME=
CPU_SHARE=0.5
MEMORY_MB=0
HOURS=0-24
LABELS=
RUN_USER=sharer
START=yes

die() {
  echo "setup.sh: error: $*" >&2
  exit 2
}

matches() { # value, extended regex
  printf '%s\n' "$1" | grep -Eq "^($2)\$" && [ "$(printf '%s' "$1" | wc -l)" -eq 0 ]
}

while [ $# -gt 0 ]; do
  opt=$1
  case $opt in
    --*=*) val=${opt#*=}; opt=${opt%%=*}; shift; set -- "$opt" "$val" "$@" ;;
  esac
  case $1 in
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --no-start) START=no; shift; continue ;;
    --coordinator|--join-token|--pin|--name|--max-cpu-share|--max-memory-mb|--sharing-hours|--labels|--user|--root)
      [ $# -ge 2 ] || die "$1 needs a value"
      case $1 in
        --coordinator) COORDINATOR=$2 ;;
        --join-token) TOKEN=$2 ;;
        --pin) PIN=$2 ;;
        --name) NAME=$2 ;;
        --max-cpu-share) CPU_SHARE=$2 ;;
        --max-memory-mb) MEMORY_MB=$2 ;;
        --sharing-hours) HOURS=$2 ;;
        --labels) LABELS=$2 ;;
        --user) RUN_USER=$2 ;;
        --root) ROOT=$2 ;;
      esac
      shift 2 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[ -n "$COORDINATOR" ] || die "--coordinator URL is required"
matches "$COORDINATOR" 'https?://[A-Za-z0-9._-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?|https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?' \
  || die "--coordinator must be http(s)://host[:port][/path], got '$COORDINATOR'"
if [ -n "$PIN" ]; then
  matches "$PIN" '([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}' || die "--pin must be a SHA-256 fingerprint (64 hex digits, colons allowed), got '$PIN'"
  case $COORDINATOR in https://*) ;; *) die "--pin needs an https:// --coordinator (a pin cannot protect plain http)" ;; esac
fi
case $COORDINATOR in
  http://localhost|http://localhost[:/]*|http://127.*|http://\[::1\]*) ;;
  http://*) echo "setup.sh: SECURITY WARNING: --coordinator $COORDINATOR is plain http to another machine: the join token and" \
    "this member's credential will cross the network in clear text. Ask the coordinator's admin for its https:// address" \
    "and certificate fingerprint (--pin)." >&2 ;;
esac
[ -n "$TOKEN" ] || die "--join-token TOKEN is required (ask the coordinator's admin: sharer:join-token)"
matches "$TOKEN" '[A-Za-z0-9._~+/=-]{1,512}' || die "--join-token may hold only letters, digits and . _ ~ + / = -"
[ -z "$NAME" ] || matches "$NAME" '[A-Za-z0-9][A-Za-z0-9._-]{0,62}' \
  || die "--name must be 1-63 letters, digits, . _ - (starting with a letter or digit)"
matches "$CPU_SHARE" '0?\.[0-9]+|1(\.0*)?' && awk -v v="$CPU_SHARE" 'BEGIN { exit !(v > 0 && v <= 1) }' \
  || die "--max-cpu-share must be a number above 0 and at most 1, got '$CPU_SHARE'"
matches "$MEMORY_MB" '[0-9]{1,9}' || die "--max-memory-mb must be a whole number of MB, got '$MEMORY_MB'"
matches "$HOURS" '(1?[0-9]|2[0-4])-(1?[0-9]|2[0-4])' || die "--sharing-hours must be FROM-TO with hours 0..24, got '$HOURS'"
[ -z "$LABELS" ] || matches "$LABELS" '[A-Za-z0-9][A-Za-z0-9._/-]{0,62}(=[A-Za-z0-9._:/-]{0,63})?(,[A-Za-z0-9][A-Za-z0-9._/-]{0,62}(=[A-Za-z0-9._:/-]{0,63})?)*' \
  || die "--labels must be key=value pairs separated by commas, got '$LABELS'"
matches "$RUN_USER" '[a-z_][a-z0-9_-]{0,31}' || die "--user must be a valid user name, got '$RUN_USER'"
case $ROOT in /*) ;; *) die "--root must be an absolute path, got '$ROOT'" ;; esac

SRC=$(cd "$(dirname "$0")" && pwd -P)
[ -x "$SRC/bin/karaf" ] && [ -d "$SRC/system" ] || die "run setup.sh from the unpacked sharer-contributor distribution ($SRC has no bin/karaf)"

ROOT=${ROOT%/}
if [ -z "$ROOT" ]; then
  [ "$(id -u)" -eq 0 ] || die "installing under $PREFIX needs root: run it with sudo (or use --root DIR)"
else
  mkdir -p "$ROOT" || die "cannot create --root $ROOT"
  ROOT=$(cd "$ROOT" && pwd -P)
  [ "$ROOT" != / ] || ROOT=
fi
DEST=$ROOT$PREFIX
[ "$SRC" != "$DEST" ] || die "this is the installed copy; run setup.sh from the unpacked distribution instead"

umask 022
if [ -d "$DEST" ]; then
  echo "Upgrading $DEST (keeping data/, which holds this machine's member identity)"
  find "$DEST" -mindepth 1 -maxdepth 1 ! -name data -exec rm -rf {} +
  rm -rf "$DEST/data/cache" "$DEST/data/tmp" "$DEST/data/kar" "$DEST/data/port" "$DEST/data/pid"
else
  echo "Installing into $DEST"
fi
mkdir -p "$DEST"
(cd "$SRC" && tar -cf - --exclude=./data --exclude=./instances --exclude=./lock .) | (cd "$DEST" && tar -xf -)

CFG=$DEST/etc/org.sharercloud.contributor.cfg
mkdir -p "$DEST/etc"
(
  umask 077
  cat >"$CFG" <<CFG
# Sharer Cloud contributor agent (PID org.sharercloud.contributor), written by setup.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ).
# Environment variables SHARER_COORDINATOR_URL and SHARER_JOIN_TOKEN override the first two.
# The agent restarts when this file changes.
coordinator.url = $COORDINATOR
# https only: SHA-256 fingerprints of the coordinator's certificate (or its public key) to accept; empty:
# the certificate must chain to the JDK's trust store (or coordinator.truststore, a PKCS12 or PEM file).
coordinator.pin = $PIN
coordinator.truststore =
coordinator.truststore.password =
join.token = $TOKEN
# Name shown in the cluster; empty means the host name.
name = $NAME
# Sharing policy: what the owner of this machine agrees to share.
max.cpu.share = $CPU_SHARE
# Memory workloads may use, in MB (0 means half the machine's memory).
max.memory.mb = $MEMORY_MB
sharing.hours = $HOURS
pause.when.owner.active = true
owner.active.threshold = 0.6
# Pause only after the owner load stayed above the threshold this long; resume only after it stayed at
# or below (threshold - margin) this long.
owner.active.seconds = 15
owner.idle.seconds = 30
owner.idle.margin = 0.1
# Processes whose CPU is ours, not the owner's: pids, pid files (absolute paths), cgroup:PATH, command-line texts.
exclude.processes =
labels = $LABELS
docker.socket = /var/run/docker.sock
retry.max.seconds = 60
CFG
)
chmod 600 "$CFG"

SERVICE_USER=$RUN_USER
if [ -z "$ROOT" ]; then
  if ! id "$RUN_USER" >/dev/null 2>&1; then
    if command -v useradd >/dev/null 2>&1; then
      nologin=$(command -v nologin || echo /usr/sbin/nologin)
      useradd --system --home-dir "$PREFIX" --no-create-home --shell "$nologin" --user-group "$RUN_USER" \
        && echo "Created system user $RUN_USER"
    else
      echo "setup.sh: warning: useradd not found; the service will run as root" >&2
      SERVICE_USER=root
    fi
  fi
  if [ "$SERVICE_USER" != root ] && getent group docker >/dev/null 2>&1; then
    usermod -aG docker "$SERVICE_USER" && echo "Added $SERVICE_USER to group docker (needed to run workloads)"
  fi
  chown -R "$SERVICE_USER:" "$DEST"
else
  echo "Not creating user $RUN_USER inside --root $ROOT: create it on the target machine (useradd --system $RUN_USER)"
fi

mkdir -p "$ROOT/etc/systemd/system"
cat >"$ROOT/etc/systemd/system/$UNIT" <<UNIT
[Unit]
Description=Sharer Cloud contributor agent
Documentation=file:$PREFIX/CONTRIBUTOR.md
After=network-online.target docker.service
Wants=network-online.target

[Service]
Type=simple
User=$SERVICE_USER
WorkingDirectory=$PREFIX
ExecStart=$PREFIX/bin/karaf server
Restart=on-failure
RestartSec=10s
SuccessExitStatus=143
TimeoutStopSec=30s
Nice=10
NoNewPrivileges=true
PrivateTmp=true
ProtectSystem=full
ProtectHome=true

[Install]
WantedBy=multi-user.target
UNIT
chmod 644 "$ROOT/etc/systemd/system/$UNIT"
echo "Wrote $CFG and $ROOT/etc/systemd/system/$UNIT"

if [ -z "$ROOT" ] && [ "$START" = yes ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
  systemctl enable --now "$UNIT"
  echo "Started $UNIT: follow it with 'journalctl -u $UNIT' and $PREFIX/data/log/karaf.log"
else
  echo "To start it: systemctl daemon-reload && systemctl enable --now $UNIT"
fi
