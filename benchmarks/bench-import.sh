#!/usr/bin/env bash
# bench-import.sh — time and peak memory of icp-check importing and checking a large
# `aliyun ecs DescribeInstances --pager` dump, against jq parsing the same file.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: benchmarks/bench-import.sh [BUILD_DIR] [N]
#   BUILD_DIR  meson build directory holding src/cli/icp-check (default: _build)
#   N          number of instances in the generated file (default: 100000)
#
# The file is generated once (benchmarks/gen-instances.py, seed 1) into benchmarks/out/, which
# git ignores, and reused by later runs. Each command runs 3 times under GNU time; the best
# wall time and the peak RSS of that same run are kept. The goal: icp-check takes at most half
# of jq's time and at most half of its memory.
set -euo pipefail

readonly RUNS=3
readonly NOW=2026-11-20T08:00:00Z
readonly GOAL=0.5

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd -- "$here/.." && pwd)
build=${1:-_build}
n=${2:-100000}

die() {
  printf 'bench-import: %s\n' "$*" >&2
  exit 1
}

[[ $# -le 2 ]] || die "usage: benchmarks/bench-import.sh [BUILD_DIR] [N]"
[[ $n =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, not '$n'"
# A relative BUILD_DIR is taken from the current directory, else from the repository root.
if [[ $build != /* && ! -d $build && -d $repo/$build ]]; then
  build=$repo/$build
fi
icp_check=$build/src/cli/icp-check
if [[ ! -x $icp_check ]]; then
  die "no icp-check at '$icp_check': build it first (meson setup $build && meson compile -C $build)"
fi
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is needed: apt-get install time"
command -v jq >/dev/null || die "jq is needed: apt-get install jq"
command -v python3 >/dev/null || die "python3 is needed to generate the input"

export ICP_ASSISTANT_DATADIR=$repo/data

out_dir=$here/out
file=$out_dir/instances-$n.json
mkdir -p -- "$out_dir"
if [[ ! -s $file ]]; then
  printf 'Generating %s instances into %s ...\n' "$n" "${file#"$repo"/}"
  # Write aside and rename, so that an interrupted run never leaves a truncated file behind.
  python3 "$here/gen-instances.py" "$n" --seed 1 -o "$file.tmp"
  mv -f -- "$file.tmp" "$file"
fi
size=$(stat -c %s -- "$file")

tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

# measure NAME COMMAND...: runs COMMAND $RUNS times with stdout to /dev/null; sets best_time
# (seconds) and best_rss (KiB, of the run with the best time).
measure() {
  local name=$1 run t m status
  shift
  best_time='' best_rss=''
  for ((run = 1; run <= RUNS; run++)); do
    status=0
    /usr/bin/time -f '%e %M' -o "$tmp/time" -- "$@" >/dev/null 2>"$tmp/stderr" || status=$?
    if ((status != 0)); then
      printf 'bench-import: %s failed (exit status %d):\n' "$name" "$status" >&2
      head -n 20 -- "$tmp/stderr" >&2
      exit 1
    fi
    read -r t m < <(tail -n 1 -- "$tmp/time")
    printf '  %-10s run %d: %6.2f s %9d KiB\n' "$name" "$run" "$t" "$m"
    if [[ -z $best_time ]] || awk -v a="$t" -v b="$best_time" 'BEGIN { exit !(a < b) }'; then
      best_time=$t best_rss=$m
    fi
  done
}

printf 'Input: %s (%s instances, %s MB)\n' "${file#"$repo"/}" "$n" \
  "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }')"

# Check that jq agrees on the count, once, outside the timed runs.
count=$(jq '.Instances.Instance | length' "$file")
[[ $count == "$n" ]] || die "jq counts $count instances in $file, expected $n"

printf 'Timing (%d runs each, stdout to /dev/null):\n' "$RUNS"
measure icp-check "$icp_check" --format=json "--now=$NOW" "$file"
ours_time=$best_time ours_rss=$best_rss
measure jq jq '.Instances.Instance | length' "$file"
jq_time=$best_time jq_rss=$best_rss

awk -v ot="$ours_time" -v om="$ours_rss" -v jt="$jq_time" -v jm="$jq_rss" -v goal="$GOAL" '
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  BEGIN {
    rt = ratio(ot, jt); rm = ratio(om, jm)
    printf "\n%-12s %12s %16s\n", "", "wall (s)", "peak RSS (MiB)"
    printf "%-12s %12.2f %16.1f\n", "icp-check", ot, om / 1024
    printf "%-12s %12.2f %16.1f\n", "jq", jt, jm / 1024
    printf "%-12s %12.2f %16.2f\n", "ours / jq", rt, rm
    ok = (jt > 0 && rt <= goal && rm <= goal)
    printf "\nGoal (both ratios <= %.2f): %s\n", goal, ok ? "met" : "NOT met"
  }'
