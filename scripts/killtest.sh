#!/usr/bin/env bash
# The crash-safety test on a large site: a generated corpus (default 10,000
# plans) is rebuilt between two versions (a third of the plans edited, one in
# a hundred deleted) and each rebuild is killed with SIGKILL at a random
# moment, until RUNS kills (default 50) have landed while the new release was
# being written; after every kill the output must be exactly the old site or
# exactly the new one. Then a write error (a file-size limit) must leave it
# exactly old. Prints the counts.
# Usage: scripts/killtest.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-50}
cargo build --release --quiet --bin kehoach --example gen_corpus
site=${BENCH_DIR:-bench-out}/kill-$n
rm -rf "$site"
target/release/examples/gen_corpus "$n" "$site" 2>/dev/null
KILL_SITE="$PWD/$site" KILL_RUNS="$runs" KILL_BIN="$PWD/target/release/kehoach" \
  cargo test --release --quiet --test kill -- --nocapture
