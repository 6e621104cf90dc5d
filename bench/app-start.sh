#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The app's launch to its first frame with a folder's data shown, cold (no
# snapshot: the CSV files are parsed) and warm (opened from its snapshot), as
# the app opens its last folder at start (issue 17; bench/README.md,
# "Snapshot cache (issue 17)"). Each run is a fresh process: bench-gui
# startup DIR, under Xvfb, with the cache in a folder of its own.
#
#   bench/app-start.sh BUILDDIR DIR [RUNS]
set -eu
build=$1
folder=$2
runs=${3:-5}

export XDG_CACHE_HOME="${TMPDIR:-/tmp}/hk-app-start-cache"
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GTK_A11Y=none GDK_BACKEND=x11 \
       GSK_RENDERER=cairo GDK_DEBUG=gl-disable NO_AT_BRIDGE=1
# A session bus that activates nothing: no portal to wait for (bench/README.md,
# "The application").
conf=$(mktemp)
cat >"$conf" <<'XML'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
XML
gui() {
  dbus-run-session --config-file="$conf" -- xvfb-run -a -s "-screen 0 1280x800x24" "$build/bench/bench-gui" "$@"
}

echo "== cold: no snapshot, every run"
for r in $(seq "$runs"); do
  rm -rf "$XDG_CACHE_HOME"
  gui startup "$folder" --runs 1 | tail -n 1
done

echo "== warm: from the snapshot (written once by influencer-report summary)"
rm -rf "$XDG_CACHE_HOME"
out=$(mktemp -d)
"$build/src/cli/influencer-report" summary "$folder" --out "$out" >/dev/null
rm -rf "$out"
ls -l "$XDG_CACHE_HOME"/com.healthkart.InfluencerDashboard/
gui startup "$folder" --runs "$runs"

rm -rf "$XDG_CACHE_HOME" "$conf"
