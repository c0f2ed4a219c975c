# build-aux/deps.sh — the Debian 12 packages the project needs, and a function that installs
# the missing ones. Sourced by build-aux/run and build-aux/test.
# SPDX-License-Identifier: GPL-3.0-or-later

# To build and run.
ICP_BUILD_PACKAGES=(
  gcc pkg-config meson ninja-build python3 gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libyajl-dev
  libsoup-3.0-dev libsecret-1-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils
)
# To run the tests as well (the benchmarks name their own: jq, time).
ICP_TEST_PACKAGES=(
  dbus gnome-keyring xvfb xauth appstream libgtk-4-bin
)

icp_ensure_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "This is not a Debian system. Install these packages (Debian 12 names) or their" >&2
    echo "equivalents, then run this again: ${missing[*]}" >&2
    return 1
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Missing packages: ${missing[*]}. Run as root, or install sudo." >&2
      return 1
    fi
  fi

  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >&2 || return 1
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || return 1
}
