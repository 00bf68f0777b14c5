#!/usr/bin/env bash
# Scaling benchmark on generated inputs: wall time and peak memory
# (/usr/bin/time -v) of the release binary. Usage:
#   cargo build --release && scripts/scaling-bench.sh [BINARY] [WORKDIR]
# Prints one line per run: kind, size, wall seconds, CPU seconds (user +
# system: the figure to compare on a busy machine), peak MiB, exit code.
set -uo pipefail
bin=${1:-target/release/reportdiff}
work=${2:-$(mktemp -d)}
here=$(dirname "$0")
measure() {
    local label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
    local code=$?
    local secs cpu mem
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s+=$2} END {printf "%.2f", s}' "$work/time.txt")
    mem=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
    echo "$label ${secs}s cpu=${cpu}s ${mem}MiB exit=$code"
}
for n in ${SECTIONS:-1000 5000 10000 20000}; do
    python3 "$here/bench_inputs.py" sections "$n" "$work"
    measure "sections $n" "$bin" diff "$work/sections-$n-old.txt" "$work/sections-$n-new.txt" --format json
done
for mb in ${ONELINE:-5 10 20 50}; do
    python3 "$here/bench_inputs.py" oneline "$mb" "$work"
    measure "oneline ${mb}MB-pair-json" "$bin" diff "$work/oneline-$mb-old.txt" "$work/oneline-$mb-new.txt" --format json
    measure "oneline ${mb}MB-outline" "$bin" outline "$work/oneline-$mb-old.txt"
done
for mb in ${RENDER:-5}; do
    # Two different reports: every hunk is a change, all formats render it.
    python3 "$here/bench_inputs.py" oneline "$mb" "$work"
    python3 "$here/bench_inputs.py" oneline "$((mb + 1))" "$work"
    for f in terminal json markdown html; do
        measure "render ${mb}MB-different $f" "$bin" diff "$work/oneline-$mb-old.txt" "$work/oneline-$((mb + 1))-old.txt" --format "$f"
    done
done
for d in ${DEPTH:-100 1000 2000 50000 300000}; do
    python3 "$here/bench_inputs.py" nested "$d" "$work"
    measure "nesting $d" "$bin" outline "$work/nested-$d.html"
done
