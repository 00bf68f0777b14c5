#!/usr/bin/env bash
# Headless Chromium acceptance of the HTML pages (issue 6); not part of `cargo test`:
#
#   bash scripts/html-check.sh [--no-install] [--no-build] [--screenshots DIR]
#
# 1. Installs the Debian packages `chromium`, `fonts-noto-cjk` and
#    `poppler-utils` (pdftotext) when missing (apt-get update first; needs
#    root or sudo). --no-install skips this.
# 2. Builds reportdiff (`cargo build --release`, honours CARGO_TARGET_DIR;
#    REPORTDIFF=/path/to/binary with --no-build uses that binary instead).
# 3. Renders the Guangzhou 2021 → 2025 diff and a series over the last ten
#    national reports ($SHARED/corpus/national, SHARED defaults to ../shared)
#    to HTML and loads them in headless Chromium (scripts/html-check-page.py,
#    DevTools protocol over a pipe, Python standard library only), checking
#    from the page itself: no console errors, no network requests, navigation
#    entries = sections (diff) or consecutive steps (series) of the JSON
#    report, CJK font used, view switch / timeline sorting work without
#    script, links resolve, screenshots not blank. The series of all national
#    reports is also printed to PDF (the whole timeline must be on paper, up
#    to its last year) and shown at 390 px (sticky phrase column and year
#    header, 44 px tap targets).
# 4. Builds a `corpus` site over three cities and checks every page the same
#    way, plus: links between pages lead to files of the site, and the
#    diffusion page and the index fit a phone's width.
# Screenshots go to DIR (default: a temporary folder); `--screenshots docs/img`
# refreshes the ones in the documentation.
# Exit 0 when every check passes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

INSTALL=1
BUILD=1
SHOTS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-install) INSTALL=0 ;;
        --no-build) BUILD=0 ;;
        --screenshots) SHOTS="$2"; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$INSTALL" = 1 ]; then
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    if [ ${#missing[@]} -gt 0 ]; then
        SUDO=""
        [ "$(id -u)" = 0 ] || SUDO="sudo"
        echo "installing ${missing[*]}" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi
command -v chromium >/dev/null 2>&1 || { echo "chromium not found" >&2; exit 2; }
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext (poppler-utils) not found" >&2; exit 2; }

if [ "$BUILD" = 1 ]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/reportdiff"
else
    BIN="${REPORTDIFF:-${CARGO_TARGET_DIR:-target}/release/reportdiff}"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SHOTS=${SHOTS:-$WORK}
mkdir -p "$SHOTS"

# `diff` exits 1 when the reports differ.
render() {
    "$BIN" "$@" || [ $? -eq 1 ]
}

OLD=samples/guangzhou-2021.txt
NEW=samples/guangzhou-2025.txt
render diff "$OLD" "$NEW" --format html -o "$WORK/diff.html"
render diff "$OLD" "$NEW" --format json -o "$WORK/diff.json"
SECTIONS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sections"]))' "$WORK/diff.json")
echo "diff $OLD → $NEW: $(wc -c <"$WORK/diff.html") bytes of HTML, $SECTIONS sections"

status=0
check() {
    echo "== $*"
    python3 scripts/html-check-page.py "$@" || status=1
}
check "$WORK/diff.html" "$SECTIONS" "$SHOTS/diff.png" --width 1280 --height 900
check "$WORK/diff.html" "$SECTIONS" "$SHOTS/diff-section.png" --width 1280 --height 900 --scroll-to 'section.st-moved'
check "$WORK/diff.html" "$SECTIONS" "$SHOTS/diff-phone.png" --width 390 --height 844 --mobile

# A series over the last ten national reports: navigation = consecutive steps.
SHARED=${SHARED:-../shared}
mapfile -t TEN < <(ls "$SHARED"/corpus/national/*.txt | sort | tail -n 10)
"$BIN" series "${TEN[@]}" --format html -o "$WORK/series.html"
"$BIN" series "${TEN[@]}" --format json -o "$WORK/series.json"
STEPS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["steps"]))' "$WORK/series.json")
echo "series of ${#TEN[@]} national reports: $(wc -c <"$WORK/series.html") bytes of HTML, $STEPS steps"
check "$WORK/series.html" "$STEPS" "$SHOTS/series.png" --width 1280 --height 900
check "$WORK/series.html" "$STEPS" "$SHOTS/series-steps.png" --width 1280 --height 900 --scroll-to '#steps'

# Every national report: the page a newsroom would publish, printed and on a phone.
"$BIN" series "$SHARED"/corpus/national/*.txt --format html -o "$WORK/national.html"
ALL=$(ls "$SHARED"/corpus/national/*.txt | wc -l)
echo "series of $ALL national reports: $(wc -c <"$WORK/national.html") bytes of HTML"
check "$WORK/national.html" "$((ALL - 1))" "$SHOTS/series-phone.png" --width 390 --height 844 --mobile \
    --phone-timeline --scroll-to '#timeline' --print-pdf "$WORK/national.pdf"

# A corpus site over three cities, the phrases of a watch list: every page (index,
# one series page per city, one diffusion page per phrase) passes, the links
# between them lead to files, and a diffusion page fits a phone.
CITIES="$SHARED/corpus/cities"
printf '新质生产力\n高质量发展\n乡村振兴\n' >"$WORK/watch.txt"
"$BIN" corpus "$CITIES/中山市" "$CITIES/乐山市" "$CITIES/东营市" --watch "$WORK/watch.txt" \
    --min-jurisdictions 99 --no-cache --out-dir "$WORK/site" --format json -o "$WORK/corpus.json"
echo "corpus site: $(find "$WORK/site" -name '*.html' | wc -l) pages"
check "$WORK/site/index.html" 0 "$SHOTS/corpus-index.png" --width 1280 --height 900 --files
while IFS=$'\t' read -r slug steps; do
    check "$WORK/site/j/$slug.html" "$steps" "$WORK/corpus-$slug.png" --width 1280 --height 900 --files
done < <(python3 -c 'import json,sys
for j in json.load(open(sys.argv[1]))["jurisdictions"]: print(j["name"] + "\t" + str(len(j["series"]["steps"])))' "$WORK/corpus.json")
for page in "$WORK"/site/p/*.html; do
    check "$page" 0 "$WORK/corpus-$(basename "$page" .html).png" --width 1280 --height 900 --files
done
check "$WORK/site/p/0001.html" 0 "$SHOTS/corpus-phrase-phone.png" --width 390 --height 844 --mobile --files --no-overflow
check "$WORK/site/index.html" 0 "$SHOTS/corpus-index-phone.png" --width 390 --height 844 --mobile --files --no-overflow

# The reuse page of two Henan cities that share text: side by side on desktop
# and on a phone without overflow.
"$BIN" reuse "$CITIES/平顶山市/2021.md" "$CITIES/开封市/2021.md" "$CITIES/三亚市/2021.md" "$CITIES/儋州市/2021.md" \
    --format html -o "$WORK/reuse.html"
echo "reuse page: $(wc -c <"$WORK/reuse.html") bytes of HTML"
check "$WORK/reuse.html" 0 "$SHOTS/reuse.png" --width 1280 --height 900
check "$WORK/reuse.html" 0 "$SHOTS/reuse-phone.png" --width 390 --height 844 --mobile --no-overflow

[ "$status" = 0 ] && echo "html-check: all pages pass" || echo "html-check: FAILED" >&2
exit "$status"
