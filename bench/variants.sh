#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 17: `influencer-report summary` on the same simulated world in other
# shapes of file (simulate --id-style text, --long-names, --extra-columns,
# --decimals, --quote-all, --crlf). Generates each variant once into ROOT
# (ROOT/L-numeric, ROOT/L-text, ...; kept for the next run), then times
# `summary` on each, the variants taking turns so that the machine's load
# drifts over all of them alike, and prints a table.
#
#   bench/variants.sh ROOT [--size L|M] [--runs N] [--bin PATH] [--only "numeric text ..."]
#
# Defaults: L (50k influencers, 500k posts, 10M tracking rows, as in
# bench/README.md), 5 runs, build/src/cli/influencer-report. Files are read
# from the page cache: each variant is read once before its first timed run;
# the snapshot cache is bypassed (--no-cache): this times the parse.
set -eu

usage () {
  echo "usage: $0 ROOT [--size L|M] [--runs N] [--bin PATH] [--only \"VARIANT ...\"]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
root=$1; shift
size=L runs=5 bin=build/src/cli/influencer-report
only="numeric text long wide decimals quoted crlf all"
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) usage ;;
  esac
done

case $size in
  L) sizes="--influencers 50000 --posts 500000 --tracking-rows 10000000" ;;
  M) sizes="--influencers 10000 --posts 100000 --tracking-rows 1000000" ;;
  *) usage ;;
esac
[ -x "$bin" ] || { echo "$0: $bin is not built" >&2; exit 1; }

shape_args () {
  case $1 in
    numeric) echo "" ;;
    text) echo "--id-style text" ;;
    long) echo "--long-names" ;;
    wide) echo "--extra-columns" ;;
    decimals) echo "--decimals" ;;
    quoted) echo "--quote-all" ;;
    crlf) echo "--crlf" ;;
    all) echo "--id-style text --long-names --extra-columns --decimals --quote-all --crlf" ;;
    *) echo "$0: unknown variant $1" >&2; exit 2 ;;
  esac
}

mkdir -p "$root"
out=$(mktemp -d "${TMPDIR:-/tmp}/hk-variants.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

# Generate what is missing (a stamp holds the options it was made with).
for v in $only; do
  dir=$root/$size-$v
  want="$sizes $(shape_args "$v")"
  if [ "$(cat "$dir/.variant" 2>/dev/null)" != "$want" ]; then
    echo "generating $dir ($want)" >&2
    rm -rf "$dir"
    # shellcheck disable=SC2086
    "$bin" simulate --out "$dir" $want >/dev/null
    echo "$want" > "$dir/.variant"
  fi
  cat "$dir"/*.csv > /dev/null
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq "$runs"); do
  for v in $only; do
    /usr/bin/time -o "$out/$v.$r" -f '%e %M %U %S' "$bin" summary --no-cache "$root/$size-$v" --out "$out/sum-$v" \
      > /dev/null 2> "$out/$v.err" || { echo "$0: summary of $v failed:" >&2; cat "$out/$v.err" >&2; exit 1; }
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# One line per variant: size, wall min / median / max, CPU median, peak.
printf '%-9s %7s %21s %9s %8s %8s %8s %6s\n' variant 'size GB' 'wall min/median/max s' 'CPU s' 'peak MB' 's/GB' 'CPU s/GB' 'CPU ×'
base_cpu_gb=
for v in $only; do
  bytes=$(cat "$root/$size-$v"/*.csv | wc -c)
  cat "$out/$v".[0-9]* | awk -v v="$v" -v bytes="$bytes" -v base="${base_cpu_gb:-0}" '
    function sort (a, n,   i, j, x) {
      for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    }
    { wall[NR] = $1; cpu[NR] = $3 + $4; if ($2 > peak) peak = $2 }
    END {
      n = NR; sort(wall, n); sort(cpu, n)
      med = n % 2 ? wall[(n + 1) / 2] : (wall[n / 2] + wall[n / 2 + 1]) / 2
      cmed = n % 2 ? cpu[(n + 1) / 2] : (cpu[n / 2] + cpu[n / 2 + 1]) / 2
      gb = bytes / 1e9
      printf "%-9s %7.3f %6.2f / %5.2f / %5.2f %9.2f %8.0f %8.2f %8.2f %6s\n", v, gb, wall[1], med, wall[n], cmed,
             peak / 1024, med / gb, cmed / gb, (base > 0 ? sprintf ("%.2f", cmed / gb / base) : "1.00")
    }' | tee -a "$out/table"
  if [ -z "$base_cpu_gb" ]; then
    base_cpu_gb=$(awk '{ print $11 }' "$out/table")
  fi
done
echo "($runs runs each, taking turns; wall = elapsed, CPU = user + sys; CPU × is CPU s/GB relative to the first variant)"
