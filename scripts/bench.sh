#!/usr/bin/env bash
# Performance guard (issue 26): fixed workloads against yardsticks measured in
# the same run, medians of >= 5 runs, exit 1 when a ratio falls below its floor
# (scripts/bench/floors.tsv) or a peak RSS exceeds its ceiling. Details:
# scripts/bench.py; figures and how the floors were chosen: docs/performance.md.
#
#   bash scripts/bench.sh [--no-build] [--cheap] [--runs N] [--floor-factor F] [--only WORKLOAD]
#
# --cheap: the two pairs and the series only (what .ci/run runs); --no-python:
# git word-diff as the only yardstick. The Python
# reference joins as a second yardstick of the pairs when scripts/.venv has
# jieba (scripts/compare.sh creates it). The old scaling runs on generated
# inputs are scripts/scaling-bench.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=1
args=()
for a in "$@"; do
    if [ "$a" = --no-build ]; then build=0; else args+=("$a"); fi
done
if [ "$build" = 1 ]; then cargo build --release --locked --quiet; fi
exec python3 scripts/bench.py --bin "${CARGO_TARGET_DIR:-target}/release/reportdiff" "${args[@]}"
