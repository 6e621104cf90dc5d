#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up a Debian 12 machine for Influencer Dashboard, build it, and run it or test it.
#   build-aux/dev.sh run [ARG...]  install what is missing, build, launch the app from the
#                                  build tree (demo data the first time); ARGs go to the app,
#                                  e.g. --screenshot=shot.png (relative to where you are)
#   build-aux/dev.sh test          install what is missing, build, run the whole test suite
# Environment: BUILD (build directory, default "build"), MESON_ARGS (extra setup options).
set -eu

here=$(pwd)
cd "$(dirname "$0")/.."
mode=${1:-}
[ $# -eq 0 ] || shift
build=${BUILD:-build}

if [ "$mode" = run ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to open the window on: run this in a desktop session, or e.g. xvfb-run -a $0 run --screenshot=shot.png" >&2
  exit 1
fi

packages="meson ninja-build pkg-config gcc clang libgtk-4-dev libadwaita-1-dev
libjson-glib-dev libcairo2-dev libpango1.0-dev libglib2.0-dev-bin libxml2-utils gettext
desktop-file-utils appstream flatpak-builder libclang-rt-14-dev python3
xvfb xauth dbus fonts-cantarell fonts-dejavu-core fonts-lohit-deva adwaita-icon-theme locales
libpq-dev postgresql-15 libsecret-1-dev gnome-keyring"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

# The locales whose own data tests/test-format.c checks the formats against
# ("locale -a" lists en_IN.UTF-8 as en_IN.utf8).
have_locales=$(locale -a 2>/dev/null || true)
new_locales=""
for l in en_IN hi_IN en_US; do
  printf '%s\n' "$have_locales" | grep -qx "$l\.utf8" && continue
  new_locales="$new_locales $l"
  # Debian lists "en_IN UTF-8" and "en_US.UTF-8 UTF-8", commented out.
  $sudo sed -i "s/^# *\($l\(\.UTF-8\)\{0,1\} UTF-8\)\$/\1/" /etc/locale.gen
  grep -q "^$l\(\.UTF-8\)\{0,1\} UTF-8\$" /etc/locale.gen ||
    echo "$l.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
done
if [ -n "$new_locales" ]; then
  echo "Generating locales:$new_locales"
  $sudo locale-gen
fi

if [ ! -f "$build/build.ninja" ]; then
  # shellcheck disable=SC2086
  meson setup "$build" ${MESON_ARGS:-}
fi
meson compile -C "$build"

case "$mode" in
  run)
    # Not installed: meson devenv puts the schema compiled in the build tree on
    # GSETTINGS_SCHEMA_DIR (data/meson.build) and the app on PATH, and runs it
    # where the user is, so relative paths in the arguments mean what they say.
    exec meson devenv -C "$build" --workdir "$here" influencer-dashboard "$@"
    ;;
  test)
    # Headless: no GL, no accessibility bus, settings in memory, a private session bus.
    export GSETTINGS_BACKEND=memory GTK_A11Y=none GDK_BACKEND=x11 \
           GSK_RENDERER=cairo GDK_DEBUG=gl-disable NO_AT_BRIDGE=1
    status=0
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
      meson test -C "$build" --print-errorlogs --num-processes 2 ${MESON_TEST_ARGS:-} || status=$?
    python3 build-aux/test-summary.py "$build"
    exit $status
    ;;
  *)
    echo "usage: $0 run [ARG...] | test" >&2
    exit 2
    ;;
esac
