#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the README's screenshots with the app's own --screenshot mode: every
# page, light and dark, on the built-in demo data, in an Indian English locale
# with the Cantarell font, under a virtual display.
#   build-aux/screenshots.sh [BUILDDIR] [OUTDIR]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-docs/screenshots}
mkdir -p "$out"

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
mkdir -p "$config/gtk-4.0"
printf '[Settings]\ngtk-font-name=Cantarell 11\n' > "$config/gtk-4.0/settings.ini"

export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GTK_A11Y=none \
       GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable ADW_DISABLE_PORTAL=1 \
       XDG_CONFIG_HOME="$config" LANG=en_IN.UTF-8 LC_ALL=en_IN.UTF-8

for page in overview influencers posts payouts insights; do
  for style in light dark; do
    dark=""
    [ "$style" = dark ] && dark="--dark"
    # shellcheck disable=SC2086
    xvfb-run -a -s "-screen 0 1400x900x24" \
      "$build/src/gui/influencer-dashboard" --screenshot="$out/$page-$style.png" --page "$page" $dark
    echo "$out/$page-$style.png"
  done
done
