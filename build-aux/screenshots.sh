#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the README's screenshots with the app's own --screenshot mode: every
# page, light and dark, on the built-in demo data, in an Indian English locale
# with the Cantarell font, under a virtual display; and the metainfo's (store/).
#   build-aux/screenshots.sh [BUILDDIR] [OUTDIR] [all|readme|store]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-docs/screenshots}
which=${3:-all}
mkdir -p "$out"

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
mkdir -p "$config/gtk-4.0"
printf '[Settings]\ngtk-font-name=Cantarell 11\n' > "$config/gtk-4.0/settings.ini"

export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GTK_A11Y=none \
       GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable ADW_DISABLE_PORTAL=1 \
       XDG_CONFIG_HOME="$config" LANG=en_IN.UTF-8 LC_ALL=en_IN.UTF-8

for page in overview campaigns influencers posts payouts insights; do
  [ "$which" != store ] || break
  for style in light dark; do
    dark=""
    [ "$style" = dark ] && dark="--dark"
    # shellcheck disable=SC2086
    xvfb-run -a -s "-screen 0 1400x900x24" \
      "$build/src/gui/influencer-dashboard" --screenshot="$out/$page-$style.png" --page "$page" $dark
    echo "$out/$page-$style.png"
  done
done

# Narrow, as on a phone: the sidebar folded, the cards one above the other.
if [ "$which" != store ]; then
  xvfb-run -a -s "-screen 0 1400x900x24" \
    "$build/src/gui/influencer-dashboard" --screenshot="$out/overview-narrow.png" --page overview --size 400x800
  echo "$out/overview-narrow.png"
fi

# The AppStream metainfo's screenshots (what software stores show): light, no
# demo-data banner, tall enough that no chart is cut at the window's edge.
mkdir -p "$out/store"
for page in overview influencers payouts; do
  [ "$which" != readme ] || break
  xvfb-run -a -s "-screen 0 1600x1400x24" \
    "$build/src/gui/influencer-dashboard" --screenshot="$out/store/$page.png" --page "$page" \
    --no-banner --size 1280x1200
  echo "$out/store/$page.png"
done
