#!/usr/bin/env bash
# The editor's loop, measured: on generated corpora (default 1,000 and
# 10,000 plans), the time and peak memory of `kehoach build` for
#   full        an empty output and no read cache (a new clone, CI);
#   no-change   the same sources again;
#   one-word    one word of one plan changed;
#   one-word-2  another word of the same plan (the steady editor's loop);
#   citation    a citation added to one plan;
#   bodies      a body added to content/bodies.toml;
#   template    a comment added to the theme's base.html;
# and, unless VERIFY=0, whether the site after each equals a clean build of
# the same sources into a fresh folder (diff -r), byte for byte.
# Usage: scripts/incremental.sh [N ...]
# Corpora and outputs go to $BENCH_DIR (default target/bench-incremental), on
# disk. Prints one line per build: plans, case, seconds, peak MiB, sources
# parsed, files written, and "same" or "DIFFERS" against the clean build.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet --bin kehoach --example gen_corpus
bin=$PWD/target/release/kehoach
gen=$PWD/target/release/examples/gen_corpus
out=${BENCH_DIR:-target/bench-incremental}
mkdir -p "$out"
out=$(cd "$out" && pwd)
today=2026-12-01
printf '%-7s %-10s %8s %9s %7s %8s %s\n' plans case seconds peak_MiB parsed written site
for n in "${sizes[@]}"; do
  pristine="$out/corpus-$n"
  [ -d "$pristine/content" ] || "$gen" "$n" "$pristine" 2>/dev/null
  site="$out/site-$n"
  rm -rf "$site" "$out/fresh-$n" "$out"/.fresh-$n.*
  mkdir -p "$site" && cp -r "$pristine/." "$site/"
  rm -rf "$site/public" "$site"/.public.*
  # As in a repository, the sources were last changed well before the
  # builds (a file changed within 3 s of a build is read again each time,
  # see src/unchanged.rs).
  sleep 3.5
  plan=$(find "$site/content/plans" -name '*.md' | sort | sed -n 1p)
  run() { # case
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" build --root "$site" --today "$today" \
      >/dev/null 2>"$out/log"
    read -r secs kb <"$out/time"
    local summary parsed written same=-
    summary=$(grep '^built into' "$out/log")
    parsed=$(sed -E 's/.*; ([0-9]+) sources parsed.*/\1/' <<<"$summary")
    written=$(sed -E 's/.*\(([0-9]+) written.*/\1/' <<<"$summary")
    if [ "${VERIFY:-1}" != 0 ]; then
      rm -rf "$out/fresh-$n" "$out"/.fresh-$n.*
      "$bin" build --root "$site" --out "$out/fresh-$n" --today "$today" --no-cache \
        >/dev/null 2>&1
      if diff -r -q "$site/public" "$out/fresh-$n" >/dev/null; then same=same; else same=DIFFERS; fi
    fi
    printf '%-7s %-10s %8s %9s %7s %8s %s\n' "$n" "$1" "$secs" "$((kb / 1024))" "$parsed" "$written" "$same"
  }
  run full
  run no-change
  # The first numbered item of the plan gets a word more.
  sed -i -E '0,/^1\. /s/^(1\. .*)$/\1 mới/' "$plan"
  run one-word
  # Again: the first edit after a full build also brings the release tree
  # that is not served up to the whole new site (see src/publish.rs).
  sed -i -E '0,/^1\. /s/^(1\. .*)$/\1 nữa/' "$plan"
  run one-word-2
  printf '\nThực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n' >>"$plan"
  run citation
  printf '\n[[body]]\nid = "ban-moi-bench"\nname = "Ban Mới Đo Thời Gian"\n' >>"$site/content/bodies.toml"
  run bodies
  theme=$(sed -nE 's/^theme *= *"(.*)"/\1/p' "$site/config.toml")
  theme=${theme:-default}
  mkdir -p "$site/themes/$theme/templates"
  [ -f "$site/themes/$theme/templates/base.html" ] ||
    cp themes/default/templates/base.html "$site/themes/$theme/templates/base.html"
  sed -i 's|<head>|<head><meta name="edited" content="bench">|' "$site/themes/$theme/templates/base.html"
  run template
  rm -rf "$site" "$out/fresh-$n" "$out"/.fresh-$n.*
done
