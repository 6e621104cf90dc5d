#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The built app on a machine where it was never installed (issue 10): it never
# aborts for a missing settings schema or a missing display.
#
#   first-run-check.sh no-schema APP APP_ID GLIB_COMPILE_SCHEMAS PYTHON PNG_CHECK
#     With no schema of the app anywhere (GSETTINGS_SCHEMA_DIR holds only an
#     unrelated schema, XDG_DATA_DIRS and XDG_DATA_HOME are empty, the default
#     settings backend), --screenshot=FILE exits 0, writes a PNG of the window with
#     its data, and prints the missing-schema line once. Then the same with no
#     schema at all. Exits 77 (skipped) without a display.
#   first-run-check.sh no-display APP
#     With no display, the app prints one line and exits non-zero, not by a
#     signal (no abort, no core dump); --screenshot writes nothing.
set -u

mode=$1 app=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hk-first-run.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/empty"

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run NAME ARGS...: runs the app with the environment already exported,
# stderr into $tmp/NAME.err; sets $rc.
run () {
  name=$1
  shift
  "$app" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  rc=$?
  echo "-- $name: exit status $rc; stderr:"
  sed 's/^/   | /' "$tmp/$name.err"
}

no_schema () {
  app_id=$1 compile_schemas=$2 python=$3 png_check=$4

  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "no display: skipped (run under xvfb-run, as build-aux/dev.sh test does)"
    exit 77
  fi

  # A machine has some schemas, just not this app's: an unrelated one.
  mkdir "$tmp/schemas"
  cat >"$tmp/schemas/org.example.Unrelated.gschema.xml" <<'XML'
<schemalist>
  <schema id="org.example.Unrelated" path="/org/example/Unrelated/">
    <key name="unrelated" type="b"><default>false</default></key>
  </schema>
</schemalist>
XML
  "$compile_schemas" --strict "$tmp/schemas" || { fail "glib-compile-schemas failed"; return; }

  unset GSETTINGS_BACKEND
  export XDG_DATA_DIRS="$tmp/empty" XDG_DATA_HOME="$tmp/empty"

  export GSETTINGS_SCHEMA_DIR="$tmp/schemas"
  run other-schemas --screenshot="$tmp/shot.png"
  [ "$rc" -eq 0 ] || fail "exit status $rc without the app's schema"
  "$python" "$png_check" "$tmp/shot.png" || fail "no screenshot of the window without the app's schema"
  n=$(grep -c "^Settings schema $app_id is not installed" "$tmp/other-schemas.err")
  [ "$n" -eq 1 ] || fail "the missing-schema line was printed $n times, not once"
  if grep -E -- '-(CRITICAL|ERROR) \*\*' "$tmp/other-schemas.err" >/dev/null; then
    fail "criticals or errors on stderr"
  fi

  # No schema at all (no directory has any). libadwaita then reports a
  # critical of its own; the app must still run.
  export GSETTINGS_SCHEMA_DIR="$tmp/empty"
  run no-schemas --screenshot="$tmp/shot2.png"
  [ "$rc" -eq 0 ] || fail "exit status $rc with no schema at all"
  "$python" "$png_check" "$tmp/shot2.png" || fail "no screenshot of the window with no schema at all"
  grep -q "^Settings schema $app_id is not installed" "$tmp/no-schemas.err" ||
    fail "no missing-schema line with no schema at all"
}

# check_one_line NAME: the run failed by exiting (not by a signal) and said why
# in one line.
check_one_line () {
  name=$1
  if [ "$rc" -eq 0 ]; then
    fail "$name: exit status 0 without a display"
  elif [ "$rc" -gt 128 ]; then
    fail "$name: killed by signal $((rc - 128)) (an abort or a crash), not an exit"
  fi
  lines=$(grep -c . "$tmp/$name.err")
  [ "$lines" -eq 1 ] || fail "$name: $lines lines on stderr, not one"
  grep -qi display "$tmp/$name.err" || fail "$name: stderr does not mention the display"
}

no_display () {
  unset DISPLAY WAYLAND_DISPLAY GDK_BACKEND
  run unset
  check_one_line unset
  run unset-screenshot --screenshot="$tmp/shot.png"
  check_one_line unset-screenshot
  [ ! -e "$tmp/shot.png" ] || fail "a screenshot was written without a display"

  # A display that cannot be opened.
  export DISPLAY=:9999 GDK_BACKEND=x11
  run unreachable
  check_one_line unreachable
  unset DISPLAY GDK_BACKEND

  # What needs no display still works.
  run version --version
  [ "$rc" -eq 0 ] || fail "--version: exit status $rc without a display"
}

case $mode in
  no-schema) shift 2; no_schema "$@" ;;
  no-display) no_display ;;
  *) echo "usage: $0 no-schema|no-display APP ..." >&2; exit 2 ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s)" >&2
  exit 1
fi
echo "ok"
