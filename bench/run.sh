#!/usr/bin/env bash
# Benchmark: sftp-sync (./sftp-sync: standalone, once mode, -Xmx256m) against `rclone sync` on the same two OpenSSH
# servers in the same run: a copy into an empty sink, then a no-op re-run, for each dataset.
#
#   bench/run.sh [small] [medium] [large] [huge] [resume] [wide] [wide-sync] [anomaly-cost] [bwlimit] ...
#                                                                   (default: small medium)
#   bench/run.sh large huge resume                                  (the large-file benchmark, ~15-25 min)
#
# Datasets (incompressible, generated once under .bench/): small = 5,000 files of 1-64 KiB in nested
# directories; medium = 4 x 120 MiB; large = one 2 GiB file (l0.bin); huge = one 6 GiB file (h0.bin).
# large and huge are the large class (1 GiB <= size <= 10 GiB): the large-transfer service copies them.
# Prints MB/s, files/s and the ratio sftp-sync / rclone, for the sync phase (scan start to last result) and
# for the whole process (JVM and broker start-up included).
#
# resume is no dataset but a measurement on the large dataset's file: a copy into an empty sink with a fresh
# data dir, killed with SIGKILL once its sink temporary holds 50 % of the file (allocated bytes W), then a
# second once-mode run on the same data dir, which resumes from the checkpointed R bytes. Prints W, R and
# re-sent = W - R (MiB and 64 MiB chunks), the second run's time, and checks the sink's sha256.
#
# wide is one directory of 1,000,000 empty files, on the source and (same names and mtimes) on the sink: a
# once-mode dry run with -Xmx256m lists both sides in lock step (listings past sync.scan.listing-memory-entries
# spill to disk) and finds everything up to date. Prints its time, the peak heap before and after GC (from
# -Xlog:gc) and the spill directory's peak size, beside `rclone lsf` (one listing) and `rclone sync --dry-run`
# (both listings compared) on the same directory. Generating it takes a few minutes, once.
#
# wide-sync is one source directory of WIDE_SYNC_FILES files (default 1,000,000) of 1-4 KiB each, synced by a
# once-mode run with -Xmx256m into an empty sink (a sync, not a dry run: every file is queued, copied and
# reported on). Prints its time and files/s, the peak heap before and after GC (from -Xlog:gc) beside
# `rclone sync` of the same tree into another empty sink. WIDE_SYNC_HISTOGRAM=1 also takes a class histogram of
# the live heap (jcmd GC.class_histogram, a full GC) once a quarter and once three quarters of the files are at
# the sink, into .bench/wide-sync-histogram.txt.1 and .3, and prints how many bytes the live heap grew per file
# in between. Generating the tree takes a
# while for a million files (once per size).
#
# anomaly-cost is the anomaly service's price in the standalone: the small dataset synced by once-mode runs into an
# empty sink with a fresh data dir, ANOMALY_COST_RUNS (default 3) times each with the anomaly service on and off
# (sync.anomaly.enabled), alternating; once with the files' mtimes a day old (few anomalies), then 400 days old
# (one OLD_FILE per file: every file an anomaly to store and publish). Prints medians of the sync phase, the whole run, the JVM's CPU (user + sys)
# and the embedded PostgreSQL's CPU (its processes sampled every 0.2 s), and the difference per file.
#
# bwlimit is the bandwidth limit kept: the medium dataset synced into an empty sink by a once-mode run with
# --sync.sink.max-rate=$BWLIMIT (default 20MB, binary units as the setting reads them), then by rclone with
# --bwlimit at the same rate. Prints the rate each achieved over its copy (sftp-sync: its sync phase) and how far
# from the limit it is.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
work="$here/.bench"
datasets=("$@"); [ ${#datasets[@]} -gt 0 ] || datasets=(small medium)
mkdir -p "$work"
command -v rclone >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null; }
command -v python3 >/dev/null || { echo "bench needs python3 to generate datasets" >&2; exit 1; }

scripts/sftp-servers.sh start --dir "$work/sftp" --source-port "${BENCH_SOURCE_PORT:-2422}" --sink-port "${BENCH_SINK_PORT:-2423}" >/dev/null
set -a; . "$work/sftp/env"; set +a
. bench/lib.sh
bg_pid=
cleanup() {
  [ -z "$bg_pid" ] || kill -9 "$bg_pid" 2>/dev/null || true
  scripts/sftp-servers.sh stop --dir "$work/sftp" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# sftp-sync runs as users run it: ./sftp-sync (which builds the jar when needed), -Xmx256m. Its first run on a
# JDK >= 25 records the start-up cache; a demo run does that here, so no timed run pays for it.
export SFTP_SYNC_JAVA_OPTS=-Xmx256m
./sftp-sync --demo --sync.mode=once --server.port=0 --sync.data-dir="$work/data-warmup" >"$work/warmup.log" 2>&1 \
  || { echo "sftp-sync's warm-up demo run failed (log: $work/warmup.log)" >&2; exit 1; }


sftp_sync_args() { # source-base sink-base data-dir -> sets ss_args (the arguments of ./sftp-sync)
  local extra
  read -ra extra <<<"${SFTP_SYNC_BENCH_ARGS:-}"
  ss_args=(--sync.mode=once --server.port=0
    --sync.data-dir="$3" --sync.known-hosts="$KNOWN_HOSTS"
    --sync.source.host=127.0.0.1 --sync.source.port="$SOURCE_PORT" --sync.source.username="$SOURCE_USER"
    --sync.source.password="$SOURCE_PASSWORD" --sync.source.base-path="$1"
    --sync.sink.host=127.0.0.1 --sync.sink.port="$SINK_PORT" --sync.sink.username="$SINK_USER"
    --sync.sink.password="$SINK_PASSWORD" --sync.sink.base-path="$2" ${extra[@]+"${extra[@]}"})
}

run_sftp_sync() { # source-base [sink-base [data-dir [log]]] (empty: defaults) -> prints "wall phase"
  local out start end log=${4:-$work/last-sftp-sync.log}
  sftp_sync_args "$1" "${2:-$1}" "${3:-$work/data}"
  start=$(seconds)
  out=$(./sftp-sync "${ss_args[@]}" 2>&1) || {
      echo "$out" > "$log"; echo "sftp-sync failed (log: $log):" >&2; echo "$out" | tail -40 >&2; exit 1; }
  end=$(seconds)
  echo "$out" > "$log"
  echo "$(python3 -c "print(f'{$end-$start:.2f}')") $(echo "$out" | sed -n 's/^sync phase: \([0-9.]*\) s$/\1/p')"
}

allocated() { # file -> bytes allocated on disk (0 when missing); the sink temporary is sparse
  local b
  b=$(stat -c '%b*%B' "$1" 2>/dev/null) || { echo 0; return; }
  echo $((b))
}

run_resume() { # kill -9 a copy of the large file at 50 %, run again on the same data dir, measure what was re-sent
  local src="$SOURCE_ROOT/bench-large" sink="$SINK_ROOT/bench-resume" data="$work/data-resume"
  local log1="$work/resume-killed.log" log2="$work/resume-restart.log"
  local size half tmp= w r r_from wall phase res chunk=$((64 << 20)) deadline
  [ -d "$src" ] || generate large "$src"
  size=$(stat -c %s "$src/l0.bin"); half=$((size / 2))
  rm -rf "${sink:?}" "${data:?}"
  sftp_sync_args /upload/bench-large /upload/bench-resume "$data"
  ./sftp-sync "${ss_args[@]}" >"$log1" 2>&1 &
  bg_pid=$!   # the launcher, which execs java: by 50 % this pid is the JVM itself
  deadline=$((SECONDS + 900))
  while :; do
    kill -0 "$bg_pid" 2>/dev/null || { echo "resume: sftp-sync ended before 50 % (log: $log1):" >&2; tail -30 "$log1" >&2; exit 1; }
    [ -n "$tmp" ] || tmp=$(find "$sink" -maxdepth 1 -name '.l0.bin.sftp-sync-*.tmp' 2>/dev/null | head -1 || true)
    [ -z "$tmp" ] || [ "$(allocated "$tmp")" -lt "$half" ] || break
    [ "$SECONDS" -lt "$deadline" ] || { echo "resume: no 50 % within 900 s (log: $log1)" >&2; exit 1; }
    sleep 0.1
  done
  kill -9 "$bg_pid"; wait "$bg_pid" 2>/dev/null || true; bg_pid=
  sleep 1
  w=$(allocated "$tmp")
  res=$(run_sftp_sync /upload/bench-large /upload/bench-resume "$data" "$log2"); read -r wall phase <<<"$res"
  r=$(sed -n 's/^  SUCCEEDED .*resumed from \([0-9]*\) bytes.*/\1/p' "$log2" | head -1); r_from=summary
  if [ -z "$r" ]; then
    # The once mode's log is in its data directory, not on the console.
    r=$(sed -n 's/.*: resuming from \([0-9]*\) of [0-9]* bytes.*/\1/p' "$data/logs/sftp-sync.log" | head -1); r_from=log
  fi
  if [ -z "$r" ]; then
    echo "resume: the second run did not resume (log: $log2):" >&2
    grep -E 'started over|SUCCEEDED|SKIPPED|FAILED' "$log2" >&2 || true
    exit 1
  fi
  [ -f "$sink/l0.bin" ] || { echo "resume: no $sink/l0.bin after the second run (log: $log2)" >&2; exit 1; }
  [ "$(sha256sum <"$src/l0.bin")" = "$(sha256sum <"$sink/l0.bin")" ] \
    || { echo "resume: sink sha256 differs from the source's" >&2; exit 1; }
  python3 - "$size" "$w" "$r" "$r_from" "$chunk" "$phase" "$wall" <<'PY'
import sys
size, w, r = map(int, sys.argv[1:4]); src = sys.argv[4]; chunk = int(sys.argv[5])
phase, wall = map(float, sys.argv[6:8])
mib = lambda b: b / (1 << 20)
line = lambda what, b, note="": print(f"{'resume':<8} {what:<22} {mib(b):9.1f} MiB {b / chunk:6.2f} chunks ({b} bytes){note}")
line("file size", size)
line("written when killed W", w)
line("resumed from R", r, f", from the second run's {src}")
line("re-sent W - R", w - r)
print(f"{'resume':<8} {'second run sync phase':<22} {phase:9.2f} s, {(size - r) / 1e6 / phase:.1f} MB/s of the rest")
print(f"{'resume':<8} {'second run whole':<22} {wall:9.2f} s")
print(f"{'resume':<8} {'sink sha256':<22} equals the source's")
PY
}

run_wide() { # a dry run over one directory of 1,000,000 entries on both sides, with -Xmx256m
  local src="$SOURCE_ROOT/bench-wide" sink="$SINK_ROOT/bench-wide" data="$work/data-wide" log="$work/sftp-sync-wide.log"
  local gc="$work/wide-gc.log" start end wall status=0 spill_peak=0 size watcher
  [ -d "$src" ] || generate wide "$src"
  [ -d "$sink" ] || generate wide "$sink"
  rm -rf "${data:?}" "$gc"
  sftp_sync_args /upload/bench-wide /upload/bench-wide "$data"
  echo 0 >"$work/wide-spill-peak"
  ( while :; do   # the spill directory's size, every second
      size=$(du -sb "$data/listings" 2>/dev/null | cut -f1 || true)
      [ -z "$size" ] || [ "$size" -le "$spill_peak" ] || { spill_peak=$size; echo "$size" >"$work/wide-spill-peak"; }
      sleep 1
    done ) &
  watcher=$!
  start=$(seconds)
  SFTP_SYNC_AOT=off SFTP_SYNC_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$gc" \
    ./sftp-sync "${ss_args[@]}" --sync.scan.dry-run=true >"$log" 2>&1 || status=$?
  end=$(seconds)
  kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true
  wall=$(python3 -c "print(f'{$end-$start:.2f}')")
  [ "$status" -eq 0 ] || { echo "wide: sftp-sync exited $status (log: $log):" >&2; tail -20 "$log" >&2; exit 1; }
  [ -z "$(ls -A "$data/listings" 2>/dev/null)" ] || { echo "wide: spill files left in $data/listings" >&2; exit 1; }
  start=$(seconds)
  rclone lsf $RCLONE_ARGS "$(rclone_remote source /upload/bench-wide)" >"$work/rclone-wide-lsf.txt" 2>"$work/rclone-wide.log" \
    || { echo "rclone lsf failed:" >&2; tail -20 "$work/rclone-wide.log" >&2; exit 1; }
  end=$(seconds)
  local lsf; lsf=$(python3 -c "print(f'{$end-$start:.2f}')")
  start=$(seconds)
  rclone sync --dry-run $RCLONE_ARGS "$(rclone_remote source /upload/bench-wide)" \
    "$(rclone_remote sink /upload/bench-wide)" >"$work/rclone-wide.log" 2>&1 \
    || { echo "rclone sync --dry-run failed:" >&2; tail -20 "$work/rclone-wide.log" >&2; exit 1; }
  end=$(seconds)
  local rcdry; rcdry=$(python3 -c "print(f'{$end-$start:.2f}')")
  python3 - "$gc" "$log" "$wall" "$lsf" "$rcdry" "$(wc -l <"$work/rclone-wide-lsf.txt")" "$(cat "$work/wide-spill-peak")" <<'PY'
import re, sys
gc, log, wall, lsf, rcdry, listed, spill = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:6]), int(sys.argv[6]), int(sys.argv[7])
before = after = 0
for line in open(gc):
    m = re.search(r"(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        before, after = max(before, int(m.group(1))), max(after, int(m.group(2)))
import glob, os
text = "".join(open(f, errors="replace").read() for f in [log] + glob.glob(os.path.join(os.path.dirname(log), "data-wide", "logs", "*")))
scan = re.search(r"scan \S+ finished: (\d+) files seen, (\d+) queued, (\d+) up to date", text)
seen, queued, same = map(int, scan.groups())
if seen != 1_000_000 or same != 1_000_000:
    sys.exit(f"wide: the dry run saw {seen} files, {same} up to date, {queued} queued; expected 1,000,000 up to date")
print(f"{'wide':<8} {'sftp-sync dry run':<22} {wall:9.2f} {'':>10} {seen / wall:10.1f}   (1,000,000 entries each side, -Xmx256m)")
print(f"{'wide':<8} {'  peak heap':<22} {before:6d} MiB before GC, {after} MiB after GC (-Xlog:gc)")
print(f"{'wide':<8} {'  spill dir peak':<22} {spill / (1 << 20):9.1f} MiB (sampled every second)")
print(f"{'wide':<8} {'rclone lsf (source)':<22} {lsf:9.2f} {'':>10} {listed / lsf:10.1f}")
print(f"{'wide':<8} {'rclone sync --dry-run':<22} {rcdry:9.2f} {'':>10} {seen / rcdry:10.1f}")
PY
}

run_wide_sync() { # a once-mode sync of one directory of WIDE_SYNC_FILES small files into an empty sink, -Xmx256m
  local n=${WIDE_SYNC_FILES:-1000000}
  local name="bench-wide-sync-$n" data="$work/data-wide-sync" log="$work/sftp-sync-wide-sync.log"
  local gc="$work/wide-sync-gc.log" histo="$work/wide-sync-histogram.txt" src start end wall status=0 pid at
  src="$SOURCE_ROOT/$name"
  [ -d "$src" ] || generate "wide-sync-$n" "$src"
  rm -rf "${SINK_ROOT:?}/$name" "${data:?}" "$gc" "$histo".*
  sftp_sync_args "/upload/$name" "/upload/$name" "$data"
  start=$(seconds)
  # No start-up cache: other JVM options than the warm-up's would record one in this run.
  SFTP_SYNC_AOT=off SFTP_SYNC_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$gc" ./sftp-sync "${ss_args[@]}" >"$log" 2>&1 &
  pid=$!; bg_pid=$pid   # the launcher execs java, so this is the JVM once it runs
  if [ "${WIDE_SYNC_HISTOGRAM:-0}" = 1 ]; then
    local q=1
    while [ "$q" -le 3 ] && kill -0 "$pid" 2>/dev/null; do   # at a quarter and at three quarters of the files
      at=$(find "$SINK_ROOT/$name" -maxdepth 1 -name 'f*.bin' 2>/dev/null | wc -l) || at=0
      if [ "$at" -ge $((n * q / 4)) ]; then
        { echo "# $at of $n files at the sink"; "$(bin/java-home)/bin/jcmd" "$pid" GC.class_histogram; } \
          >"$histo.$q" 2>&1 || true
        q=$((q + 2))
      fi
      sleep 0.5
    done
  fi
  wait "$pid" || status=$?
  bg_pid=
  end=$(seconds)
  wall=$(python3 -c "print(f'{$end-$start:.2f}')")
  [ "$status" -eq 0 ] || { echo "wide-sync: sftp-sync exited $status (log: $log):" >&2; tail -30 "$log" >&2; exit 1; }
  local at_sink; at_sink=$(find "$SINK_ROOT/$name" -maxdepth 1 -type f -name 'f*.bin' | wc -l)
  [ "$at_sink" -eq "$n" ] || { echo "wide-sync: $at_sink of $n files at the sink (log: $log)" >&2; exit 1; }
  rm -rf "${SINK_ROOT:?}/$name-rclone"
  start=$(seconds)
  rclone sync $RCLONE_ARGS "$(rclone_remote source "/upload/$name")" "$(rclone_remote sink "/upload/$name-rclone")" \
    >"$work/rclone-wide-sync.log" 2>&1 \
    || { echo "rclone sync failed:" >&2; tail -20 "$work/rclone-wide-sync.log" >&2; exit 1; }
  end=$(seconds)
  local rc; rc=$(python3 -c "print(f'{$end-$start:.2f}')")
  rm -rf "${SINK_ROOT:?}/$name-rclone"
  python3 - "$gc" "$log" "$histo" "$n" "$wall" "$rc" "$(du -sb --apparent-size "$src" | cut -f1)" <<'PY'
import os, re, sys
gc, log, histo, n, wall, rc, b = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
before = after = 0
for line in open(gc):
    m = re.search(r"(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        before, after = max(before, int(m.group(1))), max(after, int(m.group(2)))
text = open(log, errors="replace").read()
moved = re.search(r"^moved (\d+) files", text, re.M)
phase = re.search(r"^sync phase: ([0-9.]+) s$", text, re.M)
if not moved or int(moved.group(1)) != n:
    sys.exit(f"wide-sync: the summary does not say {n} files moved (log: {log})")
p = float(phase.group(1))
row = lambda run, s: print(f"{'wide-sync':<9} {run:<22} {s:9.2f} {b/1e6/s:10.1f} {n/s:10.1f}")
row("sftp-sync sync phase", p)
row("sftp-sync whole run", wall)
row("rclone sync", rc)
print(f"{'wide-sync':<9} {'ratio (phase / rclone)':<22} {rc/p:9.2f}x")
print(f"{'wide-sync':<9} {'ratio (whole / rclone)':<22} {rc/wall:9.2f}x   ({n:,} files of 1-4 KiB in one directory, -Xmx256m)")
print(f"{'wide-sync':<9} {'  peak heap':<22} {before:6d} MiB before GC, {after} MiB after GC (-Xlog:gc)")
def histogram(path):
    lines = open(path, errors="replace").read().splitlines()
    done = int(re.match(r"# (\d+)", lines[0]).group(1))
    total = next((int(l.split()[2]) for l in lines if l.startswith("Total")), 0)
    return done, total
if os.path.exists(histo + ".1") and os.path.exists(histo + ".3"):
    (d1, t1), (d3, t3) = histogram(histo + ".1"), histogram(histo + ".3")
    for d, t in ((d1, t1), (d3, t3)):
        print(f"{'wide-sync':<9} {'  live heap':<22} {t / (1 << 20):9.1f} MiB with {d} of {n} files at the sink (jcmd GC.class_histogram)")
    print(f"{'wide-sync':<9} {'  live bytes per file':<22} {(t3 - t1) / max(d3 - d1, 1):9.1f}   (growth between the two, {histo}.1 and .3)")
PY
}

pg_cpu() { # data-dir -> CPU seconds of its PostgreSQL processes (user + sys, waited-for children included)
  local tick total=0 pid stat t
  tick=$(getconf CLK_TCK)
  local pm
  pm=$(pgrep -f -- "-D $1/postgres" | head -1 || true)
  [ -n "$pm" ] || { echo 0; return; }
  for pid in $pm $(pgrep -P "$pm" || true); do   # the postmaster (its reaped backends) and its live processes
    stat=$(cut -d' ' -f14-17 "/proc/$pid/stat" 2>/dev/null) || continue
    for t in $stat; do total=$((total + t)); done
  done
  python3 -c "print(f'{$total / $tick:.2f}')"
}

run_anomaly_cost() { # the small dataset, once mode, anomaly service on and off; recent files, then old ones
  local runs=${ANOMALY_COST_RUNS:-3} age days src name r v data log out phase jvm sampler files
  [ -d "$SOURCE_ROOT/bench-small" ] || generate small "$SOURCE_ROOT/bench-small"
  for age in recent old; do
    # A copy of the dataset with its mtimes a day (recent: no OLD_FILE) or 400 days (old: one OLD_FILE per file,
    # the worst case: every file an anomaly to store and publish) before now.
    days=1; [ "$age" = recent ] || days=400
    src="$SOURCE_ROOT/bench-small-$age"; name=bench-small-anomaly
    rm -rf "$src"; cp -r "$SOURCE_ROOT/bench-small" "$src"
    python3 -c "import os, sys, time
t = time.time() - $days * 86400
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs: os.utime(os.path.join(d, f), (t, t))" "$src"
    files=$(find "$src" -type f | wc -l)
    : >"$work/anomaly-cost.txt"
    for ((r = 1; r <= runs; r++)); do
      for v in true false; do
        data="$work/data-anomaly-$v"; log="$work/sftp-sync-anomaly-$age-$v.log"
        rm -rf "${SINK_ROOT:?}/$name" "${data:?}"
        sftp_sync_args "/upload/bench-small-$age" "/upload/$name" "$data"
        echo 0 >"$work/pg-peak"
        ( peak=0; while :; do
            c=$(pg_cpu "$data"); python3 -c "import sys; sys.exit(0 if $c > $peak else 1)" && { peak=$c; echo "$c" >"$work/pg-peak"; }
            sleep 0.2
          done ) &
        sampler=$!
        start=$(seconds)
        out=$(/usr/bin/time -f "cpu %U %S" ./sftp-sync "${ss_args[@]}" --sync.anomaly.enabled=$v 2>&1) \
          || { echo "$out" >"$log"; echo "sftp-sync failed (log: $log)" >&2; kill "$sampler"; exit 1; }
        end=$(seconds)
        kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
        echo "$out" >"$log"
        diff -r "$src" "$SINK_ROOT/$name" >/dev/null || { echo "sink differs from source (anomaly $v)" >&2; exit 1; }
        phase=$(echo "$out" | sed -n 's/^sync phase: \([0-9.]*\) s$/\1/p')
        jvm=$(echo "$out" | sed -n 's/^cpu \([0-9.]*\) \([0-9.]*\)$/\1 \2/p' | awk '{print $1 + $2}')
        found=$(echo "$out" | sed -n 's/^anomalies: \([0-9]*\) found.*/\1/p'); found=${found:-0}
        echo "$v $(python3 -c "print(f'{$end-$start:.2f}')") $phase $jvm $(cat "$work/pg-peak") $found" >>"$work/anomaly-cost.txt"
      done
    done
    python3 - "$work/anomaly-cost.txt" "$files" "$age" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
n, age = int(sys.argv[2]), sys.argv[3]
med = lambda v, i: st.median(float(r[i]) for r in rows if r[0] == v)
found = int(med("true", 5))
print(f"{age + ' files':<12} {'service':<8} {'whole s':>8} {'phase s':>8} {'JVM cpu s':>10} {'PG cpu s':>9}"
      f"   (medians of {len([r for r in rows if r[0] == 'true'])}, {n} files, {found} anomalies found)")
for v, label in (("true", "on"), ("false", "off")):
    print(f"{age + ' files':<12} {label:<8} {med(v, 1):8.2f} {med(v, 2):8.2f} {med(v, 3):10.2f} {med(v, 4):9.2f}")
d_jvm, d_pg = med("true", 3) - med("false", 3), med("true", 4) - med("false", 4)
print(f"{age + ' files':<12} {'per file':<8} JVM {d_jvm / n * 1000:.3f} ms + PostgreSQL {d_pg / n * 1000:.3f} ms of CPU;"
      f" whole run {(med('true', 1) - med('false', 1)) / n * 1000:+.3f} ms, sync phase {(med('true', 2) - med('false', 2)) / n * 1000:+.3f} ms")
PY
  done
}

run_bwlimit() { # the medium dataset through a sink bandwidth limit, sftp-sync and rclone
  local src="$SOURCE_ROOT/bench-medium" limit=${BWLIMIT:-20MB} res wall phase rc bytes saved
  [ -d "$src" ] || generate medium "$src"
  bytes=$(du -sb --apparent-size "$src" | cut -f1)
  rm -rf "${SINK_ROOT:?}/bench-medium"
  saved=${SFTP_SYNC_BENCH_ARGS:-}
  SFTP_SYNC_BENCH_ARGS="$saved --sync.sink.max-rate=$limit"
  res=$(run_sftp_sync /upload/bench-medium "" "" "$work/sftp-sync-bwlimit.log"); read -r wall phase <<<"$res"
  SFTP_SYNC_BENCH_ARGS=$saved
  diff -r "$src" "$SINK_ROOT/bench-medium" >/dev/null || { echo "bwlimit: sink differs from source" >&2; exit 1; }
  rm -rf "${SINK_ROOT:?}/bench-medium"
  # rclone's --bwlimit reads 20M as 20 MiB/s, as sftp-sync reads 20MB.
  rc=$(RCLONE_ARGS="$RCLONE_ARGS --bwlimit ${limit%B}" run_rclone /upload/bench-medium)
  python3 - "$limit" "$bytes" "$phase" "$rc" <<'PY'
import re, sys
limit, b, phase, rc = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)B?", limit, re.I)
rate = float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()]
for who, s in (("sftp-sync sync phase", phase), ("rclone --bwlimit", rc)):
    got = b / s
    print(f"{'bwlimit':<8} {who:<22} {s:9.2f} {got / 1e6:10.1f} MB/s = {got / (1 << 20):.2f} MiB/s,"
          f" {100 * (got / rate - 1):+.1f} % of the limit {limit}/s")
PY
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
  [ "$ds" != resume ] || { run_resume; continue; }
  [ "$ds" != wide ] || { run_wide; continue; }
  [ "$ds" != wide-sync ] || { run_wide_sync; continue; }
  [ "$ds" != anomaly-cost ] || { run_anomaly_cost; continue; }
  [ "$ds" != bwlimit ] || { run_bwlimit; continue; }
  src="$SOURCE_ROOT/bench-$ds"
  [ -d "$src" ] || generate "$ds" "$src"
  bytes=$(du -sb --apparent-size "$src" | cut -f1)
  files=$(find "$src" -type f | wc -l)
  rm -rf "${SINK_ROOT:?}/bench-$ds"
  res=$(run_sftp_sync "/upload/bench-$ds" "" "" "$work/sftp-sync-$ds.log"); read -r ss_wall ss_phase <<<"$res"
  diff -r "$src" "$SINK_ROOT/bench-$ds" >/dev/null || { echo "sink differs from source after sftp-sync" >&2; exit 1; }
  res=$(run_sftp_sync "/upload/bench-$ds" "" "" "$work/sftp-sync-$ds-noop.log"); read -r ss_noop_wall ss_noop_phase <<<"$res"
  rm -rf "${SINK_ROOT:?}/bench-$ds"
  rc_wall=$(run_rclone "/upload/bench-$ds"); cp "$work/last-rclone.log" "$work/rclone-$ds.log"
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
