#!/usr/bin/env bash
# Reading accuracy over a corpus laid out as <jurisdiction>/<year>.md|txt:
# year, jurisdiction, title, outline and closing right, with the failure list.
#   scripts/accuracy.sh            ../shared/corpus/cities, with the CI thresholds
#   scripts/accuracy.sh DIR        another corpus, figures only
# The figures come from tests/corpus_accuracy.rs (the same code CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  export ACCURACY_CORPUS="$(cd "$1" && pwd)"
fi
cargo test --quiet --test corpus_accuracy -- --nocapture --test-threads 1 2>&1 |
  grep -v -e '^running [0-9]* test' -e '^test result:' -e '^$'
