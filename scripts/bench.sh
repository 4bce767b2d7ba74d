#!/usr/bin/env bash
# Build time and peak memory of `kehoach build` on generated corpora.
# Usage: scripts/bench.sh [N ...]   (default: 1000 10000)
# Prints one line per size: documents, wall seconds, peak RSS MiB, pages.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet --bin kehoach --example gen_corpus
bin=target/release/kehoach
gen=target/release/examples/gen_corpus
out=${BENCH_DIR:-bench-out}
mkdir -p "$out"
printf '%-8s %10s %12s %8s\n' docs seconds peak_MiB files
for n in "${sizes[@]}"; do
  site="$out/corpus-$n"
  [ -d "$site/content" ] || "$gen" "$n" "$site" 2>/dev/null
  rm -rf "$site/public"
  # Cold-ish: first build writes everything; the measured build is the second
  # over a fresh output folder so the page cache holds the sources.
  "$bin" build --root "$site" --today 2026-11-23 >/dev/null 2>&1
  rm -rf "$site/public"
  /usr/bin/time -f '%e %M' -o "$out/time-$n" "$bin" build --root "$site" --today 2026-11-23 2>"$out/log-$n" >/dev/null
  read -r secs kb < "$out/time-$n"
  files=$(find "$site/public" -type f | wc -l)
  printf '%-8s %10s %12s %8s\n' "$n" "$secs" "$((kb / 1024))" "$files"
done
