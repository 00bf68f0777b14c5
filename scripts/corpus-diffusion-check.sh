#!/usr/bin/env bash
# Diffusion counts of `reportdiff corpus` = plain substring counts, over a whole
# folder (issue 17); not part of `cargo test` (which checks a subset):
#
#   bash scripts/corpus-diffusion-check.sh [DIR] [EVERY]
#
# DIR defaults to ../shared/corpus/cities. Exports the phrase table as JSON
# Lines, then re-reads every work report and compares, for the 100 most widely
# used phrases and every EVERY-th other one (default 10), the exported count
# with `str::matches` on the normalized text without quote marks
# (examples/corpus_diffusion_check.rs). Exit 0 when every cell agrees.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIR=${1:-../shared/corpus/cities}
EVERY=${2:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --release --quiet --example corpus_diffusion_check
cargo build --release --quiet
"${CARGO_TARGET_DIR:-target}/release/reportdiff" corpus "$DIR" --format jsonl --out-dir "$WORK"
"${CARGO_TARGET_DIR:-target}/release/examples/corpus_diffusion_check" "$WORK" "$EVERY"
