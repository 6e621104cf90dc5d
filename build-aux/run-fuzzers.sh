#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target built in BUILDDIR for SECONDS in all, from its seed
# corpus (tests/fuzz/corpus/NAME); fails on the first crash, leak or timeout.
set -eu
build=$1
seconds=${2:-60}
cd "$(dirname "$0")/.."

targets=$(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz-*' -perm -u+x 2>/dev/null | sort)
if [ -z "$targets" ]; then
  echo "no fuzz targets built in $build" >&2
  exit 1
fi
n=$(echo "$targets" | wc -l)
each=$((seconds / n))
[ "$each" -ge 1 ] || each=1
for t in $targets; do
  name=$(basename "$t")
  work=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$name/." "$work/" 2>/dev/null || true
  echo "fuzzing $name for ${each}s"
  "$t" -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/" "$work" 2>&1 | tail -n 12
  rm -rf "$work"
done
