#!/usr/bin/env bash
# Reading accuracy over a corpus laid out as <jurisdiction>/<year>.md|txt:
# year, jurisdiction, title, outline and closing right, with the failure list,
# per kind read, the plans of ../shared/corpus/plans against their tables of
# contents, then `reportdiff series` over every folder (each must succeed).
#   scripts/accuracy.sh            ../shared/corpus/cities, with the CI thresholds
#   scripts/accuracy.sh DIR        another corpus, figures only
# The figures come from tests/cli/corpus_accuracy.rs (the same code CI runs).
set -uo pipefail
cd "$(dirname "$0")/.."
corpus="$(cd "${1:-../shared/corpus/cities}" && pwd)"
if [ $# -gt 0 ]; then
  export ACCURACY_CORPUS="$corpus"
fi
cargo test --quiet --test cli corpus_accuracy -- --include-ignored --nocapture --test-threads 1 2>&1 |
  grep -v -e '^running [0-9]* test' -e '^test result:' -e '^$'

# The plans (kind `plan`): kind, jurisdiction, year of adoption, and the
# outline against each plan's own table of contents.
if [ $# -eq 0 ]; then
  cargo test --quiet --test cli plans_reading -- --nocapture --test-threads 1 2>&1 |
    grep -e '^[0-9].*: ' -e '^test ' -e 'panicked'
fi

cargo build --release --quiet
shopt -s nullglob
failed=0
folders=0
for dir in "$corpus"/*/; do
  folders=$((folders + 1))
  if ! err="$(./target/release/reportdiff series "$dir"*.md "$dir"*.txt --color never 2>&1 >/dev/null)"; then
    failed=$((failed + 1))
    echo "series failed: $dir: ${err%%$'\n'*}"
  fi
done
echo "series: $((folders - failed)) of $folders folders succeed"
