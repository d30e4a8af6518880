#!/usr/bin/env bash
# Warm benchmark: sftp-sync as a service runs it, against `rclone sync` on the same two OpenSSH servers in the same
# run. One continuous-mode process (./sftp-sync, -Xmx512m, every service of the standalone on, scans on request only)
# syncs each dataset once to warm up, then WARM_RUNS times (default 3) into an emptied sink, each timed from the scan
# request (POST /api/scans?subtree=bench-<dataset>) to the last of its results (the transfer services' counter
# sync_transfer_files_total on /actuator/prometheus, read every 20 ms: no polling of the sink's files); rclone
# syncs the same dataset into an emptied sink WARM_RUNS times with no sftp-sync process alive. Prints the medians,
# MB/s, files/s and the ratio sftp-sync / rclone (above 1: sftp-sync faster).
#
#   bench/warm.sh [small] [medium] [large] [mixed] ...   (default: all four)
#
# Datasets (generated once under .bench/, shared with bench/run.sh): small = 5,000 files of 1-64 KiB; medium =
# 4 x 120 MiB; large = one 2 GiB file; mixed = 2,000 files of 1-256 KiB, 8 x 150 MiB and one 1.2 GiB file;
# small500 = 500 files of 1-64 KiB in 40 directories (for the latency profile).
# Credentials reach sftp-sync through environment variables, never its command line.
#
# Latency profile: WARM_DELAY_MS=20 puts a TCP delay proxy (bench's DelayProxy: every byte 20 ms later in each
# direction, 40 ms round trip, no bandwidth limit) in front of each server, and both tools connect through it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
work="$here/.bench"
datasets=("$@"); [ ${#datasets[@]} -gt 0 ] || datasets=(small medium large mixed)
runs=${WARM_RUNS:-3}
mkdir -p "$work"
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null; }

scripts/sftp-servers.sh start --dir "$work/sftp" --source-port "${BENCH_SOURCE_PORT:-2422}" --sink-port "${BENCH_SINK_PORT:-2423}" >/dev/null
set -a; . "$work/sftp/env"; set +a
. bench/lib.sh
pid= proxy=
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  [ -z "$proxy" ] || kill "$proxy" 2>/dev/null || true
  scripts/sftp-servers.sh stop --dir "$work/sftp" >/dev/null 2>&1 || true
}
trap cleanup EXIT

for ds in "${datasets[@]}"; do
  [ -d "$SOURCE_ROOT/bench-$ds" ] || generate "$ds" "$SOURCE_ROOT/bench-$ds"
done

free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
if [ "${WARM_DELAY_MS:-0}" -gt 0 ]; then
  echo "building the delay proxy ..." >&2
  bin/mvn -B -q -pl bench -am -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile="$work/proxy-classpath.txt" >&2
  src_proxy=$(free_port) sink_proxy=$(free_port)
  "$(bin/java-home)/bin/java" -cp "bench/target/classes:$(cat "$work/proxy-classpath.txt")" io.sftpsync.bench.DelayProxy \
    "$src_proxy" "$SOURCE_PORT" "$WARM_DELAY_MS" "$sink_proxy" "$SINK_PORT" "$WARM_DELAY_MS" >"$work/proxy.log" 2>&1 &
  proxy=$!
  # The proxies present the servers' host keys under their own ports.
  sed -e "s/^\[127.0.0.1\]:$SOURCE_PORT /[127.0.0.1]:$src_proxy /" -e "s/^\[127.0.0.1\]:$SINK_PORT /[127.0.0.1]:$sink_proxy /" \
    "$KNOWN_HOSTS" >"$work/known_hosts-delayed"
  KNOWN_HOSTS="$work/known_hosts-delayed" SOURCE_PORT=$src_proxy SINK_PORT=$sink_proxy
  for _ in $(seq 150); do
    n=$(grep -c listening "$work/proxy.log" 2>/dev/null) || n=0
    [ "$n" -ge 2 ] && break
    sleep 0.2
  done
  echo "latency profile: +$WARM_DELAY_MS ms each way through ports $src_proxy and $sink_proxy" >&2
fi

port=$(free_port)
api_password=$(python3 -c "import secrets; print(secrets.token_hex(16))")
log="$work/warm-sftp-sync.log"
rm -rf "$work/data-warm"
# A user for the API, and the servers' passwords, by environment only.
SFTP_SYNC_JAVA_OPTS=-Xmx512m \
SYNC_SECURITY_USERS_0_USERNAME=bench SYNC_SECURITY_USERS_0_PASSWORD="{noop}$api_password" \
SYNC_SECURITY_USERS_0_ROLES=operator \
SYNC_SOURCE_PASSWORD="$SOURCE_PASSWORD" SYNC_SINK_PASSWORD="$SINK_PASSWORD" \
  ./sftp-sync --sync.mode=continuous --server.port="$port" --sync.scan.cron=- --sync.scan.min-age=0s \
    --sync.data-dir="$work/data-warm" --sync.known-hosts="$KNOWN_HOSTS" \
    --sync.source.host=127.0.0.1 --sync.source.port="$SOURCE_PORT" --sync.source.username="$SOURCE_USER" \
    --sync.source.base-path=/upload \
    --sync.sink.host=127.0.0.1 --sync.sink.port="$SINK_PORT" --sync.sink.username="$SINK_USER" \
    --sync.sink.base-path=/upload >"$log" 2>&1 &
pid=$!

export WARM_URL="http://127.0.0.1:$port" WARM_PASSWORD="$api_password"
python3 - <<'PY' || { echo "sftp-sync did not become ready (log: $log)" >&2; tail -30 "$log" >&2; exit 1; }
import os, time, urllib.request
deadline = time.time() + 300
while time.time() < deadline:
    try:
        with urllib.request.urlopen(os.environ["WARM_URL"] + "/actuator/health/readiness", timeout=2) as r:
            if r.status == 200:
                raise SystemExit(0)
    except (OSError, ValueError):
        pass
    time.sleep(0.5)
raise SystemExit(1)
PY

timed_sync() { # dataset -> prints seconds from the scan request to its last result
  python3 - "bench-$1" <<'PY'
import base64, json, os, re, sys, time, urllib.request
url, subtree = os.environ["WARM_URL"], sys.argv[1]
auth = "Basic " + base64.b64encode(("bench:" + os.environ["WARM_PASSWORD"]).encode()).decode()
def finished():
    with urllib.request.urlopen(url + "/actuator/prometheus", timeout=10) as r:
        text = r.read().decode()
    return sum(float(v) for v in re.findall(r"^sync_transfer_files_total\{[^}]*\} ([0-9.eE+]+)$", text, re.M))
before = finished()
start = time.time()
request = urllib.request.Request(url + "/api/scans?subtree=" + subtree, method="POST",
                                 headers={"Authorization": auth, "X-Requested-By": "bench"})
with urllib.request.urlopen(request, timeout=3600) as r:
    report = json.load(r)
summary = report["summary"]
if summary["errors"]:
    sys.exit(f"the scan reported errors: {summary['errors'][:3]}")
expected = sum(n for c, n in summary["filesQueued"].items() if c != "OVERSIZED")
while finished() < before + expected:
    if time.time() - start > 3600:
        sys.exit(f"results did not arrive within an hour ({finished() - before} of {expected})")
    time.sleep(0.02)
print(f"{time.time() - start:.2f} {expected}")
PY
}

rclone_sync() { # dataset -> prints seconds
  local start end
  start=$(seconds)
  rclone sync ${RCLONE_ARGS:-} "$(rclone_remote source "/upload/bench-$1")" "$(rclone_remote sink "/upload/bench-$1")" \
    >"$work/warm-rclone.log" 2>&1 || { echo "rclone failed:" >&2; tail -20 "$work/warm-rclone.log" >&2; exit 1; }
  end=$(seconds)
  python3 -c "print(f'{$end-$start:.2f}')"
}

declare -A ss rc files bytes
for ds in "${datasets[@]}"; do
  src="$SOURCE_ROOT/bench-$ds" dst="$SINK_ROOT/bench-$ds"
  bytes[$ds]=$(du -sb --apparent-size "$src" | cut -f1)
  files[$ds]=$(find "$src" -type f | wc -l)
  rm -rf "$dst"
  out=$(timed_sync "$ds")   # warm-up: compiles the copy paths with this dataset's shapes
  read -r _ n <<<"$out"
  [ "$n" -eq "${files[$ds]}" ] || { echo "$ds: the warm-up queued $n of ${files[$ds]} files" >&2; exit 1; }
  ss[$ds]=
  for _ in $(seq "$runs"); do
    rm -rf "$dst"
    out=$(timed_sync "$ds")
    read -r t n <<<"$out"
    ss[$ds]+="$t "
  done
  diff -r "$src" "$dst" >/dev/null || { echo "$ds: sink differs from source after sftp-sync" >&2; exit 1; }
done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
for ds in "${datasets[@]}"; do
  src="$SOURCE_ROOT/bench-$ds" dst="$SINK_ROOT/bench-$ds"
  rc[$ds]=
  for _ in $(seq "$runs"); do
    rm -rf "$dst"
    rc[$ds]+="$(rclone_sync "$ds") "
  done
  diff -r "$src" "$dst" >/dev/null || { echo "$ds: sink differs from source after rclone" >&2; exit 1; }
done

printf '%-8s %-26s %9s %10s %10s %8s\n' dataset run seconds MB/s files/s ratio
for ds in "${datasets[@]}"; do
  python3 - "$ds" "${bytes[$ds]}" "${files[$ds]}" "${ss[$ds]}" "${rc[$ds]}" <<'PY'
import statistics, sys
ds, b, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ss, rc = [float(x) for x in sys.argv[4].split()], [float(x) for x in sys.argv[5].split()]
s, r = statistics.median(ss), statistics.median(rc)
print(f"{ds:<8} {'sftp-sync warm (median)':<26} {s:9.2f} {b/1e6/s:10.1f} {n/s:10.1f} {r/s:7.2f}x   runs: {' '.join(f'{x:.2f}' for x in ss)}")
print(f"{ds:<8} {'rclone sync (median)':<26} {r:9.2f} {b/1e6/r:10.1f} {n/r:10.1f}          runs: {' '.join(f'{x:.2f}' for x in rc)}")
PY
done
