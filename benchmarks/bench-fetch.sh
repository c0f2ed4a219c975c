#!/bin/sh
# bench-fetch.sh — icp-check --fetch against the fake cloud: 20 regions × 5 pages, 100 ms a request
#
# Copyright 2026 The ICP Filing Assistant authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: benchmarks/bench-fetch.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR  a (release) build of the project, default _build
#   RUNS       how many timed fetches after one untimed warm-up, default 5 (best and median)
#
# Starts BUILD_DIR/tests/fake-cloud --generate 20:500 --latency-ms 100 on 127.0.0.1 and times
# `icp-check --fetch` against it. 500 instances a region are 5 pages of 100: 100 pages in all.
# Bounds: one request after the other, 100 × 100 ms ≈ 10 s; unlimited concurrency, 5 pages in a
# row ≈ 0.5 s. Goal: at least 8× faster than sequential. Each run also says the CPU time of
# icp-check (with /usr/bin/time) and of the fake cloud (from /proc). Exits 1 when something
# does not run; a missed goal is reported, not an error.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${1:-_build}
runs=${2:-5}
regions=20
per_region=500
latency_ms=100

case $build in
  /*) ;;
  *) build=$top/$build ;;
esac

check=$build/src/cli/icp-check
fake=$build/tests/fake-cloud
for program in "$check" "$fake"; do
  if [ ! -x "$program" ]; then
    echo "bench-fetch: $program is missing; build the project first (meson compile -C $build)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
fake_pid=
cleanup () {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$fake" --generate "$regions:$per_region" --latency-ms "$latency_ms" >"$tmp/port" 2>"$tmp/fake.err" &
fake_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 300 ]; do
  sleep 0.1
  i=$((i + 1))
done
port=$(head -n 1 "$tmp/port")
if [ -z "$port" ]; then
  echo "bench-fetch: the fake cloud did not start:" >&2
  cat "$tmp/fake.err" >&2
  exit 1
fi

pages_per_region=$(( (per_region + 99) / 100 ))
pages=$((regions * pages_per_region))
sequential=$(awk "BEGIN { printf \"%.2f\", $pages * $latency_ms / 1000 }")
unlimited=$(awk "BEGIN { printf \"%.2f\", $pages_per_region * $latency_ms / 1000 }")

echo "Fake cloud: $regions regions × $per_region instances ($pages pages of 100), $latency_ms ms a request, port $port"
echo "icp-check: $check"
echo "Load average before: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)"

tick=$(getconf CLK_TCK 2>/dev/null || echo 100)
# CPU seconds (user + system) the fake cloud has used so far.
fake_cpu () {
  awk -v tick="$tick" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$fake_pid/stat" 2>/dev/null ||
    echo 0
}
time_tool=
if [ -x /usr/bin/time ]; then
  time_tool=/usr/bin/time
fi

fetch () {
  if [ -n "$time_tool" ]; then
    set -- "$time_tool" -f "%U %S" -o "$tmp/cpu" "$@"
  fi
  env HOME="$tmp" ICP_ASSISTANT_DATADIR="$top/data" \
      ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tFakeCloudTestKey01 \
      ALIBABA_CLOUD_ACCESS_KEY_SECRET=fakeCloudTestSecret0123456789abc \
      "$@" "$check" --fetch --endpoint="http://127.0.0.1:$port/" --format=json \
      --output="$tmp/report.json" 2>"$tmp/check.err"
}

fail () {
  echo "bench-fetch: icp-check failed:" >&2
  head -n 5 "$tmp/check.err" >&2
  echo "fake cloud:" >&2
  tail -n 5 "$tmp/fake.err" >&2
  exit 1
}

# One fetch first, not timed: the fake builds its billing records on the first query.
fetch || fail

: >"$tmp/walls"
n=0
while [ $n -lt "$runs" ]; do
  n=$((n + 1))
  cpu_before=$(fake_cpu)
  start=$(date +%s.%N)
  fetch || fail
  end=$(date +%s.%N)
  cpu_after=$(fake_cpu)
  wall=$(awk "BEGIN { printf \"%.2f\", $end - $start }")
  fake=$(awk "BEGIN { printf \"%.2f\", $cpu_after - $cpu_before }")
  check_cpu=?
  if [ -n "$time_tool" ]; then
    check_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$tmp/cpu")
  fi
  total=$(grep -o '"total" *: *[0-9]*' "$tmp/report.json" | grep -o '[0-9]*$')
  echo "  run $n: $wall s, $total instances; CPU: icp-check $check_cpu s, fake cloud $fake s"
  echo "$wall" >>"$tmp/walls"
done

best=$(sort -n "$tmp/walls" | head -n 1)
median=$(sort -n "$tmp/walls" | awk '{ w[NR] = $1 } END { if (NR % 2) print w[(NR + 1) / 2];
                                       else printf "%.2f\n", (w[NR / 2] + w[NR / 2 + 1]) / 2 }')
speedup=$(awk "BEGIN { printf \"%.1f\", $sequential / $best }")
median_speedup=$(awk "BEGIN { printf \"%.1f\", $sequential / $median }")
echo
printf '%-36s %8s %8s\n' "" "wall (s)" "speed-up"
printf '%-36s %8s %7s×\n' "icp-check --fetch, best of $runs" "$best" "$speedup"
printf '%-36s %8s %7s×\n' "icp-check --fetch, median of $runs" "$median" "$median_speedup"
printf '%-36s %8s\n' "sequential bound ($pages × $latency_ms ms)" "$sequential"
printf '%-36s %8s\n' "unlimited bound ($pages_per_region × $latency_ms ms)" "$unlimited"
echo "Load average after: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
if awk "BEGIN { exit !($speedup >= 8) }"; then
  echo "Goal (at least 8× faster than sequential): met, ${speedup}× (median ${median_speedup}×)"
else
  echo "Goal (at least 8× faster than sequential): missed, ${speedup}× (median ${median_speedup}×)"
fi
