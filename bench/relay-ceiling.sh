#!/usr/bin/env bash
# The bare relay through MINA's SFTP client, with none of sftp-sync's pipeline around it (no Kafka, no scan, no
# sink check or verification, no checkpoints), against `rclone sync` on the same OpenSSH pair: what the figures of
# bench/run.sh can be held against. Three rounds per case in one JVM (-Xmx256m): round 1 is a cold JVM, as a
# once-mode run is; rounds 2-3 run compiled code.
#
#   bench/relay-ceiling.sh [small] [medium] [large] [fsync] ...  (default: small medium large; datasets from bench/run.sh)
#
# small and medium: every file copied with FileCopier, 4 at a time (the transfer service's default concurrency).
# large: the 2 GiB file in 4 ranges over 4 channel pairs (the large-transfer service's default streams), once
# without and once with SHA-256 on the way. Prints each round, the CPU seconds the two sshd used per case, and
# rclone's time for the same dataset.
# fsync: the cost of fsync@openssh.com on small files: the small dataset copied without and with an fsync of each
# file before its rename, alternately, FSYNC_PAIRS pairs (default 2) of fresh JVMs, 3 rounds each.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
work="$here/.bench"
datasets=("$@"); [ ${#datasets[@]} -gt 0 ] || datasets=(small medium large)
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null; }

scripts/sftp-servers.sh start --dir "$work/sftp" --source-port "${BENCH_SOURCE_PORT:-2422}" --sink-port "${BENCH_SINK_PORT:-2423}" >/dev/null
set -a; . "$work/sftp/env"; set +a
. bench/lib.sh
trap 'scripts/sftp-servers.sh stop --dir "$work/sftp" >/dev/null 2>&1 || true' EXIT

echo "building the harness ..." >&2
bin/mvn -B -q -pl bench -am -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile="$work/relay-classpath.txt" >&2
cp="bench/target/classes:sync-core/target/classes:sync-testkit/target/classes:$(cat "$work/relay-classpath.txt")"
java="$(bin/java-home)/bin/java"

sshd_cpu() { # CPU seconds used by the finished sessions of both sshd (the listeners' reaped children)
  local total=0 pid
  for side in source sink; do
    pid=$(cat "$work/sftp/$side/sshd.pid")
    total=$((total + $(awk '{print $16 + $17}' "/proc/$pid/stat")))
  done
  echo "$total"
}

relay() { # dataset what parallel hash
  local before after
  rm -rf "${SINK_ROOT:?}/relay"
  before=$(sshd_cpu)
  "$java" -Xmx256m -cp "$cp" io.sftpsync.bench.RelayCeiling "/upload/bench-$1" /upload/relay "$2" "$3" 3 $4 \
    >"$work/relay.log" 2>&1 || { echo "relay harness failed (log: $work/relay.log)" >&2; tail -20 "$work/relay.log" >&2; exit 1; }
  grep -o 'round [0-9]*: .*' "$work/relay.log" | sed "s/^/$1  /"
  after=$(sshd_cpu)
  echo "$1  sshd CPU over the 3 rounds: $(python3 -c "print(f'{($after - $before) / $(getconf CLK_TCK):.2f}')") s"
  rm -rf "${SINK_ROOT:?}/relay"
}

rclone_sync() { # dataset
  local start end
  rm -rf "${SINK_ROOT:?}/relay"
  start=$(date +%s.%N)
  rclone sync "$(rclone_remote source "/upload/bench-$1")" "$(rclone_remote sink /upload/relay)" \
    >"$work/relay-rclone.log" 2>&1 || { echo "rclone failed (log: $work/relay-rclone.log)" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$1  rclone sync: $(python3 -c "print(f'{$end - $start:.2f}')") s"
  rm -rf "${SINK_ROOT:?}/relay"
}

for ds in "${datasets[@]}"; do
  if [ "$ds" = fsync ]; then
    [ -d "$SOURCE_ROOT/bench-small" ] || { echo "no dataset small: run bench/run.sh small first" >&2; exit 1; }
    for pair in $(seq "${FSYNC_PAIRS:-2}"); do
      relay small --tree 4 "false false" | sed "s/^/pair $pair  /"
      relay small --tree 4 "false true" | sed "s/^/pair $pair  /"
    done
    continue
  fi
  [ -d "$SOURCE_ROOT/bench-$ds" ] || { echo "no dataset $ds: run bench/run.sh $ds first" >&2; exit 1; }
  case $ds in
    small | medium) relay "$ds" --tree 4 false ;;
    large) relay "$ds" l0.bin 4 false; relay "$ds" l0.bin 4 true ;;
    *) echo "unknown dataset $ds" >&2; exit 1 ;;
  esac
  rclone_sync "$ds"
done
