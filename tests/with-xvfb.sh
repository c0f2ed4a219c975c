#!/usr/bin/env bash
# with-xvfb.sh — run a UI test program on its own Xvfb display. Xvfb picks a free display
# itself (-displayfd), so tests running in parallel never race for the same one, as
# "xvfb-run -a" can.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
if [ -n "${ICP_TEST_DISPLAY:-}" ]; then
  exec env DISPLAY="$ICP_TEST_DISPLAY" "$@"
fi

tmp=$(mktemp -d)
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$tmp/displayfd" \
  >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
display=
read -r -t 30 display <"$tmp/displayfd" || true
if [ -z "$display" ]; then
  echo "Xvfb did not start:" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi
# The home and XDG dirs of each test are its own too: icp_ui_test_init() makes them.
DISPLAY=":$display" "$@"
