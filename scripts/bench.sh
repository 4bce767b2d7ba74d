#!/usr/bin/env bash
# Build time and peak memory of `kehoach build` on generated corpora, and
# on hostile inputs (one long line of citations, many list items), each at
# two sizes so that a reader sees whether doubling the input at most doubles
# the time.
# Usage: scripts/bench.sh [N ...]   (default: 1000 10000)
# Prints one line per run: what, input, wall seconds, peak RSS MiB, files.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet --bin kehoach --example gen_corpus --example gen_hostile
bin=target/release/kehoach
gen=target/release/examples/gen_corpus
hostile=target/release/examples/gen_hostile
out=${BENCH_DIR:-bench-out}
mkdir -p "$out"
printf '%-10s %-10s %10s %10s %8s\n' what input seconds peak_MiB files
run() { # name input site
  local name=$1 input=$2 site=$3
  rm -rf "$site/public" "$site"/.public.*
  # The measured build is the second over an empty output, so the page
  # cache holds the sources.
  "$bin" build --root "$site" --today 2026-11-23 >/dev/null 2>&1 || true
  rm -rf "$site/public" "$site"/.public.*
  /usr/bin/time -f '%e %M' -o "$out/time" "$bin" build --root "$site" --today 2026-11-23 2>"$out/log-$name-$input" >/dev/null || true
  read -r secs kb < "$out/time"
  files=$(find "$site/public" -type f 2>/dev/null | wc -l)
  printf '%-10s %-10s %10s %10s %8s\n' "$name" "$input" "$secs" "$((kb / 1024))" "$files"
}
for n in "${sizes[@]}"; do
  site="$out/corpus-$n"
  [ -d "$site/content" ] || "$gen" "$n" "$site" 2>/dev/null
  run corpus "$n" "$site"
done
for shape in citations:5000000 citations:10000000 citations:50000000 items:100000 items:200000; do
  kind=${shape%%:*}; size=${shape##*:}
  site="$out/hostile-$kind-$size"
  [ -d "$site/content" ] || "$hostile" "$kind" "$size" "$site"
  run "$kind" "$size" "$site"
done
