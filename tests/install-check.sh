#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the build into a temporary DESTDIR and check that everything is where the
# desktop looks for it, then start the INSTALLED binary: --version, and --screenshot
# under the test's display with the installed, compiled schemas.
#
#   install-check.sh MESON BUILDDIR APP_ID GETTEXT_PACKAGE BINDIR DATADIR LOCALEDIR VERSION
#
# BINDIR, DATADIR and LOCALEDIR are absolute (prefix included); VERSION is the
# project's, whose release notes the metainfo must hold. Exits 77 (skipped)
# for the screenshot part only when there is no display: the files are checked first.
set -u

meson=$1 build=$2 app_id=$3 package=$4 bindir=$5 datadir=$6 localedir=$7 version_expected=$8

dest=$(mktemp -d "${TMPDIR:-/tmp}/hk-install-check.XXXXXX") || exit 1
trap 'rm -rf "$dest"' EXIT INT TERM

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
check_file () {
  if [ -f "$dest$1" ] && [ -s "$dest$1" ]; then
    echo "ok: $1"
  else
    fail "$1 is not installed"
  fi
}

# --no-rebuild: meson test has built everything already, and ninja must not run
# inside a test. Only DESTDIR is written, and the build's install log.
if ! "$meson" install -C "$build" --no-rebuild --destdir "$dest" >"$dest.log" 2>&1; then
  cat "$dest.log" >&2
  rm -f "$dest.log"
  fail "meson install failed"
  exit 1
fi
rm -f "$dest.log"

apps=$datadir/applications
icons=$datadir/icons/hicolor
schemas=$datadir/glib-2.0/schemas

[ -x "$dest$bindir/influencer-dashboard" ] || fail "$bindir/influencer-dashboard is not an executable"
[ -x "$dest$bindir/influencer-report" ] || fail "$bindir/influencer-report is not an executable"
check_file "$apps/$app_id.desktop"
check_file "$datadir/metainfo/$app_id.metainfo.xml"
check_file "$schemas/$app_id.gschema.xml"
check_file "$icons/scalable/apps/$app_id.svg"
check_file "$icons/16x16/apps/$app_id.svg"
check_file "$icons/24x24/apps/$app_id.svg"
check_file "$icons/symbolic/apps/$app_id-symbolic.svg"
check_file "$datadir/dbus-1/services/$app_id.service"
check_file "$localedir/hi/LC_MESSAGES/$package.mo"

# What the files say must match what is installed.
desktop=$dest$apps/$app_id.desktop
if [ -f "$desktop" ]; then
  grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's Icon= is not $app_id"
  exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
  [ -x "$dest$bindir/$exec_bin" ] || fail "the desktop file's Exec=$exec_bin is not in $bindir"
  grep -qx "DBusActivatable=true" "$desktop" || fail "the desktop file is not DBusActivatable"
  # Translated, with nothing of the template left: each translatable key in
  # Hindi (a Keywords list ends with ";" in every language), no translator
  # comments (they are for po/), no @VARIABLE@ unfilled, and valid.
  for key in Name GenericName Comment Keywords; do
    grep -q "^$key=" "$desktop" || continue
    grep -q "^$key\[hi\]=." "$desktop" || fail "the desktop file's $key has no Hindi translation"
  done
  grep -q '^Keywords\[hi\]=.*;$' "$desktop" || fail "the desktop file's Hindi Keywords do not end with ;"
  grep -n '^[[:space:]]*#' "$desktop" >&2 && fail "the installed desktop file keeps comments of its template"
  grep -n '@[A-Z_]*@' "$desktop" >&2 && fail "the installed desktop file has unfilled @VARIABLES@"
  if command -v desktop-file-validate >/dev/null 2>&1; then
    out=$(desktop-file-validate "$desktop" 2>&1)
    [ -z "$out" ] || fail "desktop-file-validate: $out"
  fi
fi
service=$dest$datadir/dbus-1/services/$app_id.service
if [ -f "$service" ]; then
  grep -qx "Name=$app_id" "$service" || fail "the D-Bus service is not named $app_id"
  grep -q "^Exec=$bindir/influencer-dashboard " "$service" ||
    fail "the D-Bus service does not start $bindir/influencer-dashboard"
fi
metainfo=$dest$datadir/metainfo/$app_id.metainfo.xml
if [ -f "$metainfo" ]; then
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $app_id.desktop"
  grep -q '<name xml:lang="hi">' "$metainfo" || fail "the metainfo has no Hindi name"
  # AppStream 1.0's developer tag, not the deprecated developer_name.
  grep -q '<developer id="[a-z][^"]*">' "$metainfo" || fail "the metainfo has no <developer id=…>"
  sed -n '/<developer /,/<\/developer>/p' "$metainfo" | grep -q '<name[^>]*>[^<]' ||
    fail "the metainfo's <developer> has no <name>"
  grep -q '<developer_name' "$metainfo" && fail "the metainfo uses the deprecated <developer_name>"
  for url in homepage bugtracker help vcs-browser; do
    grep -q "<url type=\"$url\">https://" "$metainfo" || fail "the metainfo has no $url URL"
  done
  # Release notes of this version (the About window shows them).
  release=$(sed -n "/<release version=\"$version_expected\" date=\"[0-9-]*\"/,/<\/release>/p" "$metainfo")
  [ -n "$release" ] || fail "the metainfo has no <release version=\"$version_expected\" date=…>"
  printf '%s\n' "$release" | grep -q '<description>' || fail "release $version_expected has no notes"
  printf '%s\n' "$release" | grep -q '<li>\|<p>[^<]' || fail "release $version_expected's notes are empty"
fi

# The post-install step gnome.post_install() skips under DESTDIR: do what it does.
if ! glib-compile-schemas --strict "$dest$schemas"; then
  fail "the installed schemas do not compile"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s) with the installed files" >&2
  exit 1
fi

# The installed binaries start.
version=$("$dest$bindir/influencer-dashboard" --version) || fail "influencer-dashboard --version failed"
echo "installed: $version"
case $version in
  "influencer-dashboard "[0-9]*) ;;
  *) fail "influencer-dashboard --version printed \"$version\"" ;;
esac
version=$("$dest$bindir/influencer-report" --version) || fail "influencer-report --version failed"
echo "installed: $version"

if [ "$failures" -gt 0 ]; then
  exit 1
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: the installed binary's --screenshot is not checked"
  exit 77
fi

# It renders from the installed location, with the installed schemas, icons and
# translations on the search paths, and finds its installed schema (no fallback
# to settings in memory).
shot=$dest/overview.png
run_status=0
env GSETTINGS_SCHEMA_DIR="$dest$schemas" \
    XDG_DATA_DIRS="$dest$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    "$dest$bindir/influencer-dashboard" --screenshot="$shot" 2>"$dest/stderr" || run_status=$?
cat "$dest/stderr" >&2
if [ "$run_status" -ne 0 ]; then
  fail "influencer-dashboard --screenshot failed"
elif grep -q "^Settings schema $app_id is not installed" "$dest/stderr"; then
  fail "the installed app did not find its installed schema"
elif [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  fail "the screenshot is not a PNG"
else
  # Width and height: big-endian at bytes 16 and 20 of the IHDR chunk.
  width=$(od -An -tu1 -j16 -N4 "$shot" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  height=$(od -An -tu1 -j20 -N4 "$shot" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  echo "installed binary rendered a ${width}×${height} screenshot"
  if [ "$width" -lt 400 ] || [ "$height" -lt 300 ]; then
    fail "the screenshot is only ${width}×${height}"
  fi
fi

[ "$failures" -eq 0 ]
