#!/usr/bin/env bash
# Benchmarks of `reportdiff corpus` (issue 17; figures in docs/performance.md):
#
#   bash scripts/corpus-bench.sh [CITIES]
#
# CITIES defaults to ../shared/corpus/cities. Release build; each run under
# /usr/bin/time -v (wall, user, system, peak RSS): cold runs over the first
# folders holding ≥ 200 and ≥ 600 reports and over all of them, a warm re-run,
# a re-run after editing one report, and `--phrase` with a warm cache and
# without one. Prints one line per run and the load average (a busy machine
# inflates wall time; CPU time carries over).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CITIES=$(realpath "${1:-../shared/corpus/cities}")
cargo build --release --quiet
BIN=$(realpath "${CARGO_TARGET_DIR:-target}/release/reportdiff")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Subsets: the first folders in name order, files symlinked.
subset() {
    local target=$1 out=$2 n=0
    mkdir -p "$out"
    for d in "$CITIES"/*/; do
        [ "$n" -ge "$target" ] && break
        mkdir -p "$out/$(basename "$d")"
        for f in "$d"*; do ln -s "$f" "$out/$(basename "$d")/"; n=$((n + 1)); done
    done
}
measure() {
    local label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time" || { cat "$WORK/time"; exit 1; }
    awk -v l="$label" -v load="$(cut -d' ' -f1 /proc/loadavg)" -F': ' '
        /Elapsed/ {w=$2} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
        END {printf "%-34s wall %s  cpu %.2f s  rss %.0f MiB  load %s\n", l, w, u+s, m/1024, load}' "$WORK/time"
}
subset 200 "$WORK/s200"
subset 600 "$WORK/s600"
for s in s200 s600; do
    measure "cold $s ($(find "$WORK/$s" -type l | wc -l) files)" "$BIN" corpus "$WORK/$s" --cache-dir "$WORK/cache-$s" --format json
done
measure "cold all ($(find "$CITIES" -type f | wc -l) files)" "$BIN" corpus "$CITIES" --cache-dir "$WORK/cache" --format json
measure "warm all" "$BIN" corpus "$CITIES" --cache-dir "$WORK/cache" --format json
# One report edited in a copy: new content, the rest from the cache.
cp -r "$CITIES" "$WORK/copy"
first=$(find "$WORK/copy" -type f | sort | head -n 1)
printf '\n推动新质生产力发展。\n' >>"$first"
measure "after editing one report" "$BIN" corpus "$WORK/copy" --cache-dir "$WORK/cache" --format json
measure "--phrase, warm" "$BIN" corpus "$CITIES" --cache-dir "$WORK/cache" --phrase 新质生产力 --format json
measure "--phrase, --no-cache" "$BIN" corpus "$CITIES" --no-cache --phrase 新质生产力 --format json
echo "cache: $(du -sh "$WORK/cache" | cut -f1) in $(find "$WORK/cache" -type f | wc -l) files"
