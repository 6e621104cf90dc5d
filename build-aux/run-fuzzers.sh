#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target built in BUILDDIR for SECONDS each, from its seed
# corpus (tests/fuzz/corpus/NAME; fuzz-dataset reads fuzz-import's inputs and
# starts from its seeds); fails when any target finds a crash, leak or timeout.
set -eu
build=$1
seconds=${2:-60}
cd "$(dirname "$0")/.."

targets=$(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz-*' -perm -u+x 2>/dev/null | sort)
if [ -z "$targets" ]; then
  echo "no fuzz targets built in $build" >&2
  exit 1
fi
status=0
for t in $targets; do
  name=$(basename "$t")
  work=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  if [ "$name" = fuzz-dataset ]; then
    cp -r "tests/fuzz/corpus/fuzz-import/." "$work/"
  fi
  echo "fuzzing $name for ${seconds}s"
  # The target's own status: a pipe into tail would hide a crash.
  if ! "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$build/" "$work" >"$work.log" 2>&1; then
    status=1
    echo "FAILED: $name" >&2
  fi
  tail -n 12 "$work.log"
  rm -rf "$work" "$work.log"
done
exit $status
