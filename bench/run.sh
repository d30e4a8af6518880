#!/usr/bin/env bash
# Benchmark: sftp-sync (standalone, once mode, -Xmx256m) against `rclone sync` on the same two OpenSSH
# servers in the same run: a copy into an empty sink, then a no-op re-run, for each dataset.
#
#   bench/run.sh [small] [medium] ...      (default: small medium)
#
# Datasets (incompressible, generated once under .bench/): small = 5,000 files of 1-64 KiB in nested
# directories; medium = 4 x 120 MiB. Prints MB/s, files/s and the ratio sftp-sync / rclone, for the sync
# phase (scan start to last result) and for the whole process (JVM and broker start-up included).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
work="$here/.bench"
datasets=("$@"); [ ${#datasets[@]} -gt 0 ] || datasets=(small medium)
mkdir -p "$work"
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null; }
command -v python3 >/dev/null || { echo "bench needs python3 to generate datasets" >&2; exit 1; }

scripts/sftp-servers.sh start --dir "$work/sftp" --source-port "${BENCH_SOURCE_PORT:-2422}" --sink-port "${BENCH_SINK_PORT:-2423}" >/dev/null
trap 'scripts/sftp-servers.sh stop --dir "$work/sftp" >/dev/null 2>&1 || true' EXIT
set -a; . "$work/sftp/env"; set +a

[ -f sync-standalone/target/sftp-sync.jar ] || bin/mvn -B -q -DskipTests install
JAVA=$(bin/java-home)/bin/java

generate() { # dataset dir
  python3 - "$1" "$2" <<'PY'
import os, sys, random
name, root = sys.argv[1], sys.argv[2]
rnd = random.Random(20261124)
yesterday = 1764000000 - 86400
def write(path, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 1 << 20)
            f.write(os.urandom(n))
            left -= n
    os.utime(path, (yesterday, yesterday))
if name == "small":
    for i in range(5000):
        write(f"{root}/d{i % 50:02d}/s{i % 7}/f{i:05d}.bin", rnd.randint(1024, 64 * 1024))
elif name == "medium":
    for i in range(4):
        write(f"{root}/m{i}.bin", 120 << 20)
elif name == "large":
    write(f"{root}/l0.bin", 2 << 30)
else:
    sys.exit(f"unknown dataset {name}")
PY
}

rclone_remote() { # side base
  local host port user pass
  if [ "$1" = source ]; then port=$SOURCE_PORT user=$SOURCE_USER pass=$SOURCE_PASSWORD
  else port=$SINK_PORT user=$SINK_USER pass=$SINK_PASSWORD; fi
  echo ":sftp,host=127.0.0.1,port=$port,user=$user,pass=$(rclone obscure "$pass"),shell_type=none,known_hosts_file=$KNOWN_HOSTS:$2"
}

seconds() { python3 -c "import time; print(f'{time.time():.3f}')"; }

run_sftp_sync() { # base -> prints "wall phase"
  local out start end
  start=$(seconds)
  out=$("$JAVA" -Xmx256m -jar sync-standalone/target/sftp-sync.jar --sync.mode=once --server.port=0 \
    --sync.data-dir="$work/data" --sync.known-hosts="$KNOWN_HOSTS" \
    --sync.source.host=127.0.0.1 --sync.source.port="$SOURCE_PORT" --sync.source.username="$SOURCE_USER" \
    --sync.source.password="$SOURCE_PASSWORD" --sync.source.base-path="$1" \
    --sync.sink.host=127.0.0.1 --sync.sink.port="$SINK_PORT" --sync.sink.username="$SINK_USER" \
    --sync.sink.password="$SINK_PASSWORD" --sync.sink.base-path="$1" ${SFTP_SYNC_BENCH_ARGS:-} 2>&1) || {
      echo "sftp-sync failed:" >&2; echo "$out" | tail -40 >&2; exit 1; }
  end=$(seconds)
  echo "$out" > "$work/last-sftp-sync.log"
  echo "$(python3 -c "print(f'{$end-$start:.2f}')") $(echo "$out" | sed -n 's/^sync phase: \([0-9.]*\) s$/\1/p')"
}

run_rclone() { # base -> prints wall
  local start end
  start=$(seconds)
  rclone sync $RCLONE_ARGS "$(rclone_remote source "$1")" "$(rclone_remote sink "$1")" >"$work/last-rclone.log" 2>&1 \
    || { echo "rclone failed:" >&2; tail -20 "$work/last-rclone.log" >&2; exit 1; }
  end=$(seconds)
  python3 -c "print(f'{$end-$start:.2f}')"
}
RCLONE_ARGS=${RCLONE_ARGS:-}

printf '%-8s %-22s %9s %10s %10s\n' dataset run seconds MB/s files/s
for ds in "${datasets[@]}"; do
  src="$SOURCE_ROOT/bench-$ds"
  [ -d "$src" ] || generate "$ds" "$src"
  bytes=$(du -sb --apparent-size "$src" | cut -f1)
  files=$(find "$src" -type f | wc -l)
  rm -rf "${SINK_ROOT:?}/bench-$ds"
  read -r ss_wall ss_phase < <(run_sftp_sync "/upload/bench-$ds")
  read -r ss_noop_wall ss_noop_phase < <(run_sftp_sync "/upload/bench-$ds")
  rm -rf "${SINK_ROOT:?}/bench-$ds"
  rc_wall=$(run_rclone "/upload/bench-$ds")
  rc_noop=$(run_rclone "/upload/bench-$ds")
  diff -r "$src" "$SINK_ROOT/bench-$ds" >/dev/null || { echo "sink differs from source after rclone" >&2; exit 1; }
  python3 - "$ds" "$bytes" "$files" "$ss_phase" "$ss_wall" "$rc_wall" "$ss_noop_phase" "$ss_noop_wall" "$rc_noop" <<'PY'
import sys
ds, b, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ssp, ssw, rc, nop, now, rcn = map(float, sys.argv[4:10])
row = lambda run, s: print(f"{ds:<8} {run:<22} {s:9.2f} {b/1e6/s:10.1f} {n/s:10.1f}")
row("sftp-sync sync phase", ssp)
row("sftp-sync whole run", ssw)
row("rclone sync", rc)
print(f"{ds:<8} {'ratio (phase / rclone)':<22} {rc/ssp:9.2f}x")
print(f"{ds:<8} {'ratio (whole / rclone)':<22} {rc/ssw:9.2f}x")
print(f"{ds:<8} {'no-op: sftp-sync phase':<22} {nop:9.2f}")
print(f"{ds:<8} {'no-op: sftp-sync whole':<22} {now:9.2f}")
print(f"{ds:<8} {'no-op: rclone':<22} {rcn:9.2f}")
PY
done
