#!/usr/bin/env bash
# Runs two throw-away OpenSSH sshd instances ("source" and "sink") on 127.0.0.1
# for end-to-end tests and benchmarks. SFTP only (internal-sftp, chrooted).
# Never touches the system sshd or /etc/ssh. See scripts/README.md.
set -euo pipefail

SSHD=/usr/sbin/sshd
PROG=$(basename "$0")
HOST=127.0.0.1
NAMES=(source sink)

usage() {
  cat <<EOF
Usage:
  $PROG start   [--dir DIR] [--source-port P] [--sink-port P] [--clean]
                [--max-sessions N] [--max-startups SPEC]
  $PROG stop    [--dir DIR] [source|sink|both]
  $PROG restart [--dir DIR] [source|sink|both]
  $PROG status  [--dir DIR] [source|sink|both]

  DIR defaults to \$SFTP_SERVERS_DIR, else \$PWD/target/sftp-servers.
  Ports default to \$SOURCE_PORT/\$SINK_PORT, else 2222/2223.
  --clean    wipe DIR (keys, data, logs) before starting.
  --max-sessions, --max-startups   sshd's MaxSessions (default 64) and MaxStartups (default 100:30:200)
             for both servers, e.g. 2 and 2 to see how a client copes with a strict server.
  Passwords: \$SOURCE_PASSWORD (default srcpass), \$SINK_PASSWORD (default snkpass).
  'stop' also kills the established SFTP sessions of that server (like a crash);
  'restart' reuses the same host keys, port and data.
  After 'start', source DIR/env (set -a; . DIR/env; set +a) for connection details.
EOF
}

die() { echo "$PROG: error: $*" >&2; exit 1; }
log() { echo "$PROG: $*" >&2; }

# ---------------------------------------------------------------- arguments
CMD=${1:-}
[ $# -gt 0 ] && shift
DIR=${SFTP_SERVERS_DIR:-$PWD/target/sftp-servers}
SOURCE_PORT=${SOURCE_PORT:-2222}
SINK_PORT=${SINK_PORT:-2223}
SOURCE_USER=sftpsrc
SINK_USER=sftpsnk
SOURCE_PASSWORD=${SOURCE_PASSWORD:-srcpass}
SINK_PASSWORD=${SINK_PASSWORD:-snkpass}
CLEAN=0
TARGET=both
MAX_SESSIONS=64
MAX_STARTUPS=100:30:200

while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#*=}; shift ;;
    --source-port) [ $# -ge 2 ] || die "--source-port needs a value"; SOURCE_PORT=$2; shift 2 ;;
    --source-port=*) SOURCE_PORT=${1#*=}; shift ;;
    --sink-port) [ $# -ge 2 ] || die "--sink-port needs a value"; SINK_PORT=$2; shift 2 ;;
    --sink-port=*) SINK_PORT=${1#*=}; shift ;;
    --clean) CLEAN=1; shift ;;
    --max-sessions) [ $# -ge 2 ] || die "--max-sessions needs a value"; MAX_SESSIONS=$2; shift 2 ;;
    --max-startups) [ $# -ge 2 ] || die "--max-startups needs a value"; MAX_STARTUPS=$2; shift 2 ;;
    source|sink|both) TARGET=$1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

case $CMD in
  start|stop|restart|status) ;;
  -h|--help|help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
  *) usage >&2; die "unknown command: $CMD" ;;
esac

DIR=$(realpath -m -- "$DIR")
[[ $MAX_SESSIONS =~ ^[0-9]+$ ]] || die "--max-sessions must be a number, was '$MAX_SESSIONS'"
[[ $MAX_STARTUPS =~ ^[0-9]+(:[0-9]+:[0-9]+)?$ ]] || die "--max-startups must be N or N:R:F, was '$MAX_STARTUPS'"
case $DIR in *[[:space:]\"]*) die "DIR must not contain whitespace or quotes: '$DIR'" ;; esac

if [ "$TARGET" = both ]; then TARGETS=("${NAMES[@]}"); else TARGETS=("$TARGET"); fi

user_of()     { if [ "$1" = source ]; then echo "$SOURCE_USER"; else echo "$SINK_USER"; fi; }
password_of() { if [ "$1" = source ]; then echo "$SOURCE_PASSWORD"; else echo "$SINK_PASSWORD"; fi; }
port_arg_of() { if [ "$1" = source ]; then echo "$SOURCE_PORT"; else echo "$SINK_PORT"; fi; }
sdir()        { echo "$DIR/$1"; }
config_of()   { echo "$DIR/$1/sshd_config"; }
pidfile_of()  { echo "$DIR/$1/sshd.pid"; }
logfile_of()  { echo "$DIR/$1/sshd.log"; }
# port recorded in an existing config (used by stop/restart/status)
port_of() {
  local cfg; cfg=$(config_of "$1")
  [ -f "$cfg" ] || return 1
  awk '$1 == "Port" { print $2; exit }' "$cfg"
}

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (creates users, chroots, runs sshd)"
}

# ------------------------------------------------------------ installation
apt_retry() {
  # Runs apt-get "$@", waiting while another process holds the apt/dpkg lock.
  local i out
  for i in $(seq 1 120); do
    if out=$(apt-get -o DPkg::Lock::Timeout=30 "$@" 2>&1); then
      return 0
    fi
    if grep -qiE 'lock|dpkg was interrupted' <<<"$out"; then
      if grep -qi 'dpkg was interrupted' <<<"$out"; then
        log "dpkg reported an interrupted run; waiting (another install may be in progress)"
      else
        log "apt/dpkg lock busy, waiting ... (attempt $i)"
      fi
      sleep 5
      continue
    fi
    echo "$out" >&2
    return 1
  done
  echo "$out" >&2
  return 1
}

ensure_privsep_dir() {
  # sshd (even 'sshd -t') requires its privilege separation directory
  mkdir -p /run/sshd && chmod 755 /run/sshd
}

ensure_openssh() {
  ensure_privsep_dir
  if [ -x "$SSHD" ] && command -v ssh-keygen >/dev/null && command -v ssh-keyscan >/dev/null; then
    return 0
  fi
  log "openssh-server not installed; installing it"
  apt_retry update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt_retry install -y -qq openssh-server \
    || die "apt-get install openssh-server failed"
  [ -x "$SSHD" ] || die "$SSHD still missing after installing openssh-server"
  ensure_privsep_dir
}

# ------------------------------------------------------------------ checks
# sshd refuses a ChrootDirectory unless every path component is root-owned and
# not writable by group/others.
check_chroot_path() {
  local path=$1 cur="" comp owner mode
  local IFS=/
  for comp in $path; do
    [ -n "$comp" ] || continue
    cur="$cur/$comp"
    [ -e "$cur" ] || break
    owner=$(stat -L -c %u "$cur")
    mode=$(stat -L -c %a "$cur")
    if [ "$owner" != 0 ] || (( 8#$mode & 8#022 )); then
      die "chroot path component '$cur' is owned by uid $owner with mode $mode; sshd requires every directory up to the chroot to be root-owned and not group/world-writable. Use --dir somewhere else (e.g. under a root-owned target/ directory; not under /tmp)."
    fi
  done
}

port_busy() {
  local port=$1
  if command -v ss >/dev/null; then
    [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null
  fi
}

valid_port() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

# pid from the PidFile, only if it is alive and really our sshd for this config
running_pid() {
  local name=$1 pf pid cfg
  pf=$(pidfile_of "$name"); cfg=$(config_of "$name")
  [ -f "$pf" ] || return 1
  pid=$(cat "$pf" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$cfg" || return 1
  echo "$pid"
}

# alive = exists and is not a zombie (an exited daemon may stay a zombie until
# init reaps it; its sockets are already closed by then)
is_alive() {
  local st
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

descendants() {
  local p
  for p in $(pgrep -P "$1" 2>/dev/null || true); do
    echo "$p"
    descendants "$p"
  done
}

# ---------------------------------------------------------------- stop
stop_one() {
  local name=$1 pid pids p i
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pidfile_of "$name")"
    return 0
  fi
  # Per-connection sshd processes are children of the listener and survive its
  # death; collect them first so that stop also drops established sessions.
  pids=("$pid")
  while read -r p; do [ -n "$p" ] && pids+=("$p"); done < <(descendants "$pid")
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for i in $(seq 1 100); do
    local alive=0
    for p in "${pids[@]}"; do is_alive "$p" && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do is_alive "$p" && kill -KILL "$p" 2>/dev/null || true; done
  rm -f "$(pidfile_of "$name")"
  log "stopped $name (pid $pid, ${#pids[@]} process(es))"
}

# ---------------------------------------------------------------- setup
ensure_user() {
  local user=$1 password=$2
  if ! getent passwd "$user" >/dev/null; then
    useradd --system --no-create-home --user-group --home-dir /upload \
      --shell /usr/sbin/nologin --comment "sftp test server ($user)" "$user"
  else
    usermod --home /upload --shell /usr/sbin/nologin "$user" >/dev/null 2>&1 || true
  fi
  # also unlocks the account: with UsePAM no, sshd refuses locked accounts even for pubkey auth
  echo "$user:$password" | chpasswd
}

ensure_hostkeys() {
  local d=$1 name=$2 t
  for t in ed25519 ecdsa rsa; do
    if [ ! -f "$d/ssh_host_${t}_key" ]; then
      case $t in
        rsa) ssh-keygen -q -t rsa -b 3072 -N '' -C "sftp-servers-$name" -f "$d/ssh_host_${t}_key" ;;
        ecdsa) ssh-keygen -q -t ecdsa -b 256 -N '' -C "sftp-servers-$name" -f "$d/ssh_host_${t}_key" ;;
        *) ssh-keygen -q -t "$t" -N '' -C "sftp-servers-$name" -f "$d/ssh_host_${t}_key" ;;
      esac
    fi
    chmod 600 "$d/ssh_host_${t}_key"
  done
}

write_config() {
  local name=$1 port=$2 user=$3 d cfg
  d=$(sdir "$name"); cfg=$(config_of "$name")
  cat >"$cfg.tmp" <<EOF
# Generated by scripts/sftp-servers.sh -- test server "$name". Do not edit.
ListenAddress $HOST
Port $port
AddressFamily inet
PidFile $d/sshd.pid
HostKey $d/ssh_host_ed25519_key
HostKey $d/ssh_host_ecdsa_key
HostKey $d/ssh_host_rsa_key
LogLevel INFO
UsePAM no
PermitRootLogin no
AllowUsers $user
PasswordAuthentication yes
PermitEmptyPasswords no
PubkeyAuthentication yes
KbdInteractiveAuthentication no
AuthorizedKeysFile $d/authorized_keys
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
PermitUserEnvironment no
AllowTcpForwarding no
AllowStreamLocalForwarding no
AllowAgentForwarding no
GatewayPorts no
PermitTunnel no
X11Forwarding no
MaxStartups $MAX_STARTUPS
MaxSessions $MAX_SESSIONS
Subsystem sftp internal-sftp

Match User $user
    ChrootDirectory $d/chroot
    ForceCommand internal-sftp -d /upload
EOF
  # OpenSSH >= 9.8 penalises sources that fail auth or drop connections, which
  # would throttle tests hammering 127.0.0.1. Disable it when supported.
  if "$SSHD" -t -f "$cfg.tmp" -o PerSourcePenalties=no >/dev/null 2>&1; then
    sed -i 's/^Subsystem sftp internal-sftp$/PerSourcePenalties no\n&/' "$cfg.tmp"
  fi
  mv "$cfg.tmp" "$cfg"
  chmod 644 "$cfg"
}

setup_one() {
  local name=$1 port=$2 user=$3 password=$4 d
  d=$(sdir "$name")
  ensure_user "$user" "$password"
  install -d -o root -g root -m 755 "$d" "$d/chroot"
  chown root:root "$d/chroot"; chmod 755 "$d" "$d/chroot"
  install -d -m 755 "$d/chroot/upload"
  chown "$user:$user" "$d/chroot/upload"
  ensure_hostkeys "$d" "$name"
  install -m 644 "$DIR/client_ed25519.pub" "$d/authorized_keys"
  write_config "$name" "$port" "$user"
  "$SSHD" -t -f "$(config_of "$name")" || die "sshd rejected $(config_of "$name")"
}

launch_one() {
  local name=$1 port cfg logf pid i
  port=$(port_of "$name") || die "$name is not set up in $DIR; run '$PROG start' first"
  cfg=$(config_of "$name"); logf=$(logfile_of "$name")
  [ -x "$SSHD" ] || die "$SSHD missing; run '$PROG start' (installs openssh-server)"
  check_chroot_path "$(sdir "$name")/chroot"
  if port_busy "$port"; then
    die "port $port ($name) on $HOST is already in use; choose another with --$name-port"
  fi
  ensure_privsep_dir
  if ! "$SSHD" -f "$cfg" -E "$logf"; then
    tail -n 5 "$logf" >&2 || true
    die "failed to start sshd for $name (see $logf)"
  fi
  # wait for the PidFile and for the server to answer an SSH handshake (~10s)
  for i in $(seq 1 100); do
    if pid=$(running_pid "$name") && ssh-keyscan -T 2 -t ed25519 -p "$port" "$HOST" >/dev/null 2>&1; then
      log "$name: sshd pid $pid listening on $HOST:$port"
      return 0
    fi
    sleep 0.1
  done
  tail -n 5 "$logf" >&2 || true
  die "$name sshd did not accept connections on $HOST:$port within 10s (see $logf)"
}

known_hosts_line_prefix() {
  if [ "$2" = 22 ]; then echo "$1"; else echo "[$1]:$2"; fi
}

write_known_hosts_and_env() {
  local kh="$DIR/known_hosts" name port t
  : >"$kh.tmp"
  for name in "${NAMES[@]}"; do
    port=$(port_of "$name")
    for t in ed25519 ecdsa rsa; do
      read -r ktype key _ <"$(sdir "$name")/ssh_host_${t}_key.pub"
      echo "$(known_hosts_line_prefix "$HOST" "$port") $ktype $key" >>"$kh.tmp"
    done
  done
  mv "$kh.tmp" "$kh"; chmod 644 "$kh"

  {
    echo "# Generated by scripts/sftp-servers.sh; load with: set -a; . $DIR/env; set +a"
    printf 'SFTP_SERVERS_DIR=%q\n' "$DIR"
    printf 'SOURCE_HOST=%q\n' "$HOST"
    printf 'SOURCE_PORT=%q\n' "$(port_of source)"
    printf 'SOURCE_USER=%q\n' "$SOURCE_USER"
    printf 'SOURCE_PASSWORD=%q\n' "$SOURCE_PASSWORD"
    printf 'SOURCE_ROOT=%q\n' "$DIR/source/chroot/upload"
    printf 'SOURCE_BASE=%q\n' /upload
    printf 'SINK_HOST=%q\n' "$HOST"
    printf 'SINK_PORT=%q\n' "$(port_of sink)"
    printf 'SINK_USER=%q\n' "$SINK_USER"
    printf 'SINK_PASSWORD=%q\n' "$SINK_PASSWORD"
    printf 'SINK_ROOT=%q\n' "$DIR/sink/chroot/upload"
    printf 'SINK_BASE=%q\n' /upload
    printf 'KNOWN_HOSTS=%q\n' "$kh"
    printf 'CLIENT_KEY=%q\n' "$DIR/client_ed25519"
  } >"$DIR/env.tmp"
  mv "$DIR/env.tmp" "$DIR/env"; chmod 644 "$DIR/env"
}

# ---------------------------------------------------------------- commands
cmd_start() {
  require_root
  valid_port "$SOURCE_PORT" || die "invalid source port: $SOURCE_PORT"
  valid_port "$SINK_PORT" || die "invalid sink port: $SINK_PORT"
  [ "$SOURCE_PORT" != "$SINK_PORT" ] || die "source and sink ports must differ"
  [ "$TARGET" = both ] || die "'start' always starts both servers; use 'restart $TARGET' for one"
  ensure_openssh

  # already running? stop first (idempotent start = clean restart)
  stop_one source; stop_one sink

  if [ "$CLEAN" = 1 ] && [ -d "$DIR" ]; then
    log "wiping $DIR"
    rm -rf -- "$DIR"
  fi
  # DIR and the per-server dirs are ours: make them chroot-safe; parents are only checked
  umask 022
  check_chroot_path "$(dirname "$DIR")"
  mkdir -p "$DIR"
  chown root:root "$DIR"; chmod 755 "$DIR"
  check_chroot_path "$DIR"

  for p in "$SOURCE_PORT" "$SINK_PORT"; do
    port_busy "$p" && die "port $p on $HOST is already in use; pass another with --source-port/--sink-port"
  done

  if [ ! -f "$DIR/client_ed25519" ] || [ ! -f "$DIR/client_ed25519.pub" ]; then
    rm -f "$DIR/client_ed25519" "$DIR/client_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C "sftp-servers-client" -f "$DIR/client_ed25519"
  fi
  chmod 600 "$DIR/client_ed25519"

  setup_one source "$SOURCE_PORT" "$SOURCE_USER" "$SOURCE_PASSWORD"
  setup_one sink "$SINK_PORT" "$SINK_USER" "$SINK_PASSWORD"
  write_known_hosts_and_env
  launch_one source
  launch_one sink
  log "ready; connection details in $DIR/env"
}

cmd_stop() {
  local name
  for name in "${TARGETS[@]}"; do stop_one "$name"; done
}

cmd_restart() {
  require_root
  local name
  for name in "${TARGETS[@]}"; do
    port_of "$name" >/dev/null || die "$name is not set up in $DIR; run '$PROG start' first"
  done
  for name in "${TARGETS[@]}"; do
    stop_one "$name"
    launch_one "$name"
  done
}

cmd_status() {
  local name pid port rc=0
  for name in "${TARGETS[@]}"; do
    if ! port=$(port_of "$name"); then
      echo "$name: not set up in $DIR"; rc=3; continue
    fi
    if pid=$(running_pid "$name"); then
      if ssh-keyscan -T 2 -t ed25519 -p "$port" "$HOST" >/dev/null 2>&1; then
        echo "$name: running (pid $pid) on $HOST:$port"
      else
        echo "$name: process $pid alive but not answering on $HOST:$port"; rc=3
      fi
    else
      echo "$name: stopped (port $port)"; rc=3
    fi
  done
  return $rc
}

"cmd_$CMD"
