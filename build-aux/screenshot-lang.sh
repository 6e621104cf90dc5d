#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A screenshot of the app in another language, e.g. the Hindi one in docs/:
#   build-aux/screenshot-lang.sh hi docs/screenshots/overview-hi.png [--page=PAGE] [--dark]
#
# The app finds its translations under the locale folder of its install prefix,
# so this builds into BUILD (default build-l10n), installs into BUILD/prefix and
# runs the installed binary with --screenshot under a virtual display. Needs the
# packages of build-aux/dev.sh, including fonts-lohit-deva for Devanagari; the
# locale LANG_CODE_IN.UTF-8 (hi_IN) is used when it exists, so numbers and dates
# follow it too.
set -eu

cd "$(dirname "$0")/.."
lang=${1:?usage: $0 LANG OUTPUT.png [app options]}
out=${2:?usage: $0 LANG OUTPUT.png [app options]}
shift 2
build=${BUILD:-build-l10n}
prefix=$PWD/$build/prefix

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --prefix="$prefix"
fi
meson compile -C "$build"
meson install -C "$build" --no-rebuild >/dev/null
glib-compile-schemas "$prefix/share/glib-2.0/schemas"

locale=C.UTF-8
for candidate in "${lang}_IN.UTF-8" "${lang}_IN.utf8"; do
  if locale -a 2>/dev/null | grep -qx "$candidate"; then
    locale=$candidate
    break
  fi
done

# Cantarell as on a GNOME desktop (the default would be DejaVu Sans); Devanagari
# falls back to Lohit Devanagari through fontconfig.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT INT TERM
mkdir -p "$config/gtk-4.0"
printf '[Settings]\ngtk-font-name=Cantarell 11\n' >"$config/gtk-4.0/settings.ini"

case $out in
  /*) ;;
  *) out=$PWD/$out ;;
esac
mkdir -p "$(dirname "$out")"

echo "Screenshot in $lang (LANG=$locale) to $out"
env -u LC_ALL LANGUAGE="$lang" LANG="$locale" XDG_CONFIG_HOME="$config" \
    XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
    GTK_A11Y=none GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable NO_AT_BRIDGE=1 \
    ADW_DISABLE_PORTAL=1 \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    "$prefix/bin/influencer-dashboard" --screenshot="$out" "$@"
