#!/usr/bin/env bash
# with-xvfb.sh — run a UI test program on its own Xvfb display (one per test, so tests do not
# share windows or settings).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
if [ -n "${ICP_TEST_DISPLAY:-}" ]; then
  exec env DISPLAY="$ICP_TEST_DISPLAY" "$@"
fi
exec xvfb-run -a -s '-screen 0 1400x1000x24 -nolisten tcp' "$@"
