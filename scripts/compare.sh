#!/usr/bin/env bash
# Side-by-side performance comparison (DESIGN.md "Performance"); run on demand,
# not part of `cargo test`:
#
#   bash scripts/compare.sh [-n RUNS] [--no-build]
#
# Measures, with RUNS timed runs each (default 5, after WARMUP untimed runs,
# default 1), the MEDIAN wall time, median peak RSS and median CPU time
# (user + system, from /usr/bin/time -v) of
#   (a) reportdiff diff OLD NEW --format json      (national 2012→2013, Guangzhou 2021→2025)
#   (b) scripts/reference_diff.py OLD NEW           (plain Python jieba + difflib)
#   (c) git diff --no-index --word-diff=porcelain --word-diff-regex=.   (character-level floor)
#   (d/e) reportdiff series over the 10, 20 and all most recent national reports,
#       with RAYON_NUM_THREADS=1 and =2
# and prints Markdown tables (progress goes to stderr). Rows whose subcommand
# does not exist yet in the binary are reported as "not available".
#
# Sets up what it needs: scripts/.venv with jieba (PyPI), the Debian package
# `time` if /usr/bin/time is missing, and `cargo build --release`.
# Environment: RUNS, WARMUP, SHARED (default ../shared), CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export LC_NUMERIC=C            # "." as decimal separator in $EPOCHREALTIME and awk
export PYTHONIOENCODING=utf-8

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SHARED=${SHARED:-../shared}
BUILD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    -n | --runs) RUNS=${2:?"-n needs a number"}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: RUNS must be a positive integer, got '$RUNS'" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "compare.sh: WARMUP must be a number, got '$WARMUP'" >&2; exit 2; }

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 2; }

NATIONAL_DIR="$SHARED/corpus/national"
PAIRS=(
  "national 2012→2013|$NATIONAL_DIR/2012.txt|$NATIONAL_DIR/2013.txt"
  "Guangzhou 2021→2025|samples/guangzhou-2021.txt|samples/guangzhou-2025.txt"
)
for p in "${PAIRS[@]}"; do
  IFS='|' read -r _ a b <<<"$p"
  [[ -f $a && -f $b ]] || die "input missing: $a or $b (is ../shared beside the repository?)"
done
shopt -s nullglob
NATIONAL=("$NATIONAL_DIR"/*.txt)
shopt -u nullglob
[[ ${#NATIONAL[@]} -gt 0 ]] || die "no reports in $NATIONAL_DIR"

for tool in git python3 cargo awk sort; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done

# --- /usr/bin/time (GNU time, for peak RSS) ----------------------------------
if [[ ! -x /usr/bin/time ]]; then
  say "installing GNU time (Debian package 'time')"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "/usr/bin/time missing and not root: install the 'time' package"
    SUDO=(sudo)
  fi
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  [[ -x /usr/bin/time ]] || die "installing 'time' did not provide /usr/bin/time"
fi
/usr/bin/time -v true 2>&1 | grep -q 'Maximum resident set size' \
  || die "/usr/bin/time is not GNU time (no -v peak RSS)"

# --- Python reference environment ---------------------------------------------
VENV=scripts/.venv
PY=$VENV/bin/python
if ! "$PY" -c 'import jieba' >/dev/null 2>&1; then
  say "creating $VENV with jieba"
  [[ -x $PY ]] || python3 -m venv "$VENV" \
    || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  "$PY" -m pip install --quiet --disable-pip-version-check jieba
  "$PY" -c 'import jieba' || die "jieba did not install into $VENV"
fi

# --- reportdiff release build -------------------------------------------------
BIN=${CARGO_TARGET_DIR:-target}/release/reportdiff
BUILD_NOTE=""
if [[ $BUILD -eq 1 ]]; then
  say "cargo build --release"
  if ! cargo build --release >&2; then
    # Never time a stale binary: without a fresh build all reportdiff rows are n/a.
    BUILD_NOTE="build failed"
    say "cargo build --release failed: reportdiff rows are skipped"
  fi
fi
has_sub() { # has_sub NAME: the binary exists and knows the subcommand
  [[ -z $BUILD_NOTE && -x $BIN ]] && "$BIN" "$1" --help >/dev/null 2>&1
}
why_not() { # why a reportdiff row is unavailable
  if [[ -n $BUILD_NOTE ]]; then echo "not available ($BUILD_NOTE)"
  elif [[ ! -x $BIN ]]; then echo "not available (no $BIN)"
  else echo "reportdiff $1 not available"; fi
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# --- measurement --------------------------------------------------------------
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now() { if [[ -n ${EPOCHREALTIME:-} ]]; then echo "$EPOCHREALTIME"; else date +%s.%N; fi; }
median() { sort -g | awk '{v[NR] = $1} END {
  if (NR == 0) exit 1
  if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A SEC MIB CPU NOTE
ROWS=()

# skip SYSTEM INPUT NOTE: a row that could not be measured
skip() {
  ROWS+=("$1|$2"); NOTE["$1|$2"]=$3; SEC["$1|$2"]=""; MIB["$1|$2"]=""; CPU["$1|$2"]=""
  say "$1 / $2: $3"
}

# measure SYSTEM INPUT OK_CODES CMD...: OK_CODES is a space-separated list of
# accepted exit codes (git diff and `diff` exit 1 when the inputs differ).
measure() {
  local system=$1 input=$2 ok=" $3 " key="$1|$2" i rc t0 t1 kb
  shift 3
  ROWS+=("$key"); NOTE[$key]=""; SEC[$key]=""; MIB[$key]=""; CPU[$key]=""
  say "$system / $input: $WARMUP warm-up + $RUNS timed runs"
  : >"$TMP/secs"; : >"$TMP/kbs"; : >"$TMP/cpus"
  for ((i = 0; i < WARMUP + RUNS; i++)); do
    t0=$(now)
    rc=0
    /usr/bin/time -v -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
    t1=$(now)
    if [[ $ok != *" $rc "* ]]; then
      NOTE[$key]="failed (exit $rc): $(head -c 160 "$TMP/err" | tr '\n|' '  ')"
      say "${NOTE[$key]}"
      return 0
    fi
    if [[ ! -s $TMP/out ]]; then
      NOTE[$key]="empty output"
    fi
    ((i < WARMUP)) && continue
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$TMP/secs"
    kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$TMP/time")
    [[ $kb =~ ^[0-9]+$ ]] || { NOTE[$key]="no peak RSS from /usr/bin/time"; return 0; }
    echo "$kb" >>"$TMP/kbs"
    awk -F': *' '/(User|System) time \(seconds\)/ { s += $2 } END { print s + 0 }' "$TMP/time" >>"$TMP/cpus"
  done
  SEC[$key]=$(median <"$TMP/secs" | awk '{ printf "%.3f", $1 }')
  MIB[$key]=$(median <"$TMP/kbs" | awk '{ printf "%.1f", $1 / 1024 }')
  CPU[$key]=$(median <"$TMP/cpus" | awk '{ printf "%.2f", $1 }')
}

SYS_RD="reportdiff diff"
SYS_PY="Python jieba+difflib"
SYS_GIT="git word-diff (chars)"

for p in "${PAIRS[@]}"; do
  IFS='|' read -r label a b <<<"$p"
  if has_sub diff; then
    # stdout, not `-o /dev/null`: -o writes atomically (temp file + rename),
    # which must never be pointed at a device node.
    measure "$SYS_RD" "$label" "0 1" "$BIN" diff "$a" "$b" --format json --color never
  else
    skip "$SYS_RD" "$label" "$(why_not diff)"
  fi
  measure "$SYS_PY" "$label" "0 1" "$PY" scripts/reference_diff.py "$a" "$b"
  measure "$SYS_GIT" "$label" "0 1" \
    git --no-pager diff --no-index --no-ext-diff --word-diff=porcelain --word-diff-regex=. "$a" "$b"
done

# Series: the N most recent national reports (file names sort by year).
SERIES_NS=(10 20 "${#NATIONAL[@]}")
series_label() { # series_label N THREADS
  local files=("${NATIONAL[@]: -$1}") kb
  kb=$(cat "${files[@]}" | wc -c | awk '{ printf "%d", $1 / 1024 }')
  printf '%s files %s–%s (%s KiB), %s thread%s' "$1" \
    "$(basename "${files[0]}" .txt)" "$(basename "${files[-1]}" .txt)" "$kb" "$2" \
    "$([[ $2 -eq 1 ]] || echo s)"
}
for n in "${SERIES_NS[@]}"; do
  ((n <= ${#NATIONAL[@]})) || continue
  files=("${NATIONAL[@]: -$n}")
  for threads in 1 2; do
    label=$(series_label "$n" "$threads")
    if has_sub series; then
      measure "reportdiff series" "$label" "0" \
        env RAYON_NUM_THREADS="$threads" "$BIN" series "${files[@]}" --format json --color never
    else
      skip "reportdiff series" "$label" "$(why_not series)"
    fi
  done
done

# --- report ---------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(free -h 2>/dev/null | awk '/^Mem:/ { print $2 }' || true)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | head -c1 || true)
echo "## Comparison ($(date -u +%Y-%m-%dT%H:%MZ))"
echo
echo "Machine: $(nproc) CPUs (${cpu:-unknown CPU}), ${mem:-?} RAM. reportdiff $rev${dirty:+ (uncommitted changes in src)};"
echo "$("$PY" --version 2>&1), jieba $("$PY" -c 'import jieba; print(jieba.__version__)'); $(git --version)."
echo "Median of $RUNS timed runs after $WARMUP warm-up run(s); wall time measured around \`/usr/bin/time -v\`, peak = its maximum RSS; CPU = user + system time (less sensitive to other load than wall time)."
echo "Load average before / after the measurements: $LOAD_START / $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?") (other work on the machine skews the times)."
echo
echo "| system | input | median s | median peak MiB | median CPU s | note |"
echo "|---|---|---:|---:|---:|---|"
for key in "${ROWS[@]}"; do
  IFS='|' read -r system input <<<"$key"
  echo "| $system | $input | ${SEC[$key]:-–} | ${MIB[$key]:-–} | ${CPU[$key]:-–} | ${NOTE[$key]} |"
done

ratio() { # ratio A B: A / B, or n/a when either is missing or B is 0
  if [[ -n ${1:-} && -n ${2:-} ]]; then
    awk -v a="$1" -v b="$2" 'BEGIN {
      if (b <= 0) { print "n/a"; exit }
      r = a / b; printf (r < 10 ? "%.2f×" : "%.1f×"), r }'
  else
    echo "n/a"
  fi
}
echo
echo "| ratio | input | wall time | peak memory | CPU time |"
echo "|---|---|---:|---:|---:|"
for p in "${PAIRS[@]}"; do
  IFS='|' read -r label _ _ <<<"$p"
  rd="$SYS_RD|$label" py="$SYS_PY|$label" gd="$SYS_GIT|$label"
  echo "| Python ÷ reportdiff (speed-up; target ≥ 15×) | $label | $(ratio "${SEC[$py]}" "${SEC[$rd]}") | $(ratio "${MIB[$py]}" "${MIB[$rd]}") | $(ratio "${CPU[$py]}" "${CPU[$rd]}") |"
  echo "| reportdiff ÷ git (cost over the char-level floor) | $label | $(ratio "${SEC[$rd]}" "${SEC[$gd]}") | $(ratio "${MIB[$rd]}" "${MIB[$gd]}") | $(ratio "${CPU[$rd]}" "${CPU[$gd]}") |"
done
for n in "${SERIES_NS[@]}"; do
  ((n <= ${#NATIONAL[@]})) || continue
  k1="reportdiff series|$(series_label "$n" 1)" k2="reportdiff series|$(series_label "$n" 2)"
  echo "| 1 thread ÷ 2 threads (series speed-up) | $n files | $(ratio "${SEC[$k1]}" "${SEC[$k2]}") | $(ratio "${MIB[$k1]}" "${MIB[$k2]}") | $(ratio "${CPU[$k1]}" "${CPU[$k2]}") |"
done
echo
echo "Targets (DESIGN.md): national pair < 0.25 s and < 48 MiB; series over all of corpus/national < 2 s on 2 cores."
