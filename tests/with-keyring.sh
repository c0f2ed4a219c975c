#!/usr/bin/env bash
# with-keyring.sh — run a test program with its own D-Bus session and a new, unlocked
# gnome-keyring (Secret Service), so that a test never touches the user's real keyring.
#
# Copyright 2026 The ICP Filing Assistant authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# HOME and the XDG folders point into a temporary folder that is removed afterwards; the
# daemon is stopped. The test program gets ICP_TEST_KEYRING=ready, or the reason why the
# keyring did not start: its keyring cases must then fail with that reason (not skip). The
# rest of the environment (ASAN_OPTIONS, LSAN_OPTIONS, G_DEBUG, …) passes through unchanged.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 PROGRAM [ARGUMENT…]" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/icp-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/home"
export HOME="$tmp/home"
export XDG_RUNTIME_DIR="$tmp/runtime"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
# Never reach the user's session bus, nor a keyring daemon started for it.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  export ICP_TEST_KEYRING="dbus-run-session or gnome-keyring-daemon is missing (packages dbus, gnome-keyring)"
  echo "# with-keyring.sh: $ICP_TEST_KEYRING" >&2
  status=0
  "$@" || status=$?
  exit "$status"
fi

# Inside the private session bus. Output other than the test's goes to stderr: stdout is TAP.
inner='
set -uo pipefail
log="$XDG_RUNTIME_DIR/gnome-keyring.log"

# --unlock reads the password from stdin and, with no keyring yet, creates the "login"
# collection with it and makes it the default one: no prompt, which would hang without a UI.
# --foreground, so that $! is the daemon and it can be stopped.
printf %s test | gnome-keyring-daemon --foreground --unlock --components=secrets >"$log.out" 2>"$log" &
daemon=$!

secret_call () {
  dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@" 2>>"$log"
}

reason=""
ready=""
for _ in $(seq 1 100); do
  if ! kill -0 "$daemon" 2>/dev/null; then
    reason="gnome-keyring-daemon exited at start"
    break
  fi
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$reason" ] && [ -z "$ready" ]; then
  reason="gnome-keyring-daemon did not register org.freedesktop.secrets within 10 s"
fi

# What the daemon prints is its environment (GNOME_KEYRING_CONTROL=…, maybe nothing).
if [ -s "$log.out" ]; then
  while IFS= read -r line; do
    case "$line" in
      [A-Z_]*=*) export "$line" ;;
    esac
  done <"$log.out"
fi

if [ -z "$reason" ]; then
  collection=$(secret_call /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default \
               | sed -n "s/.*object path \"\(.*\)\".*/\1/p")
  if [ -z "$collection" ] || [ "$collection" = "/" ]; then
    reason="the keyring has no default collection (a new one would need a password prompt)"
  elif ! secret_call "$collection" org.freedesktop.DBus.Properties.Get \
         string:org.freedesktop.Secret.Collection string:Locked | grep -q "boolean false"; then
    reason="the default collection $collection is locked"
  fi
fi

if [ -z "$reason" ]; then
  export ICP_TEST_KEYRING=ready
else
  export ICP_TEST_KEYRING="$reason"
  echo "# with-keyring.sh: the Secret Service is not available: $reason" >&2
  sed "s/^/# gnome-keyring-daemon: /" "$log" >&2 || true
fi

status=0
"$@" || status=$?

kill "$daemon" 2>/dev/null || true
wait "$daemon" 2>/dev/null || true
exit "$status"
'

status=0
# dbus-daemon complains on stderr when it cannot raise its file limit; that is harmless.
dbus-run-session -- bash -c "$inner" with-keyring "$@" || status=$?
exit "$status"
