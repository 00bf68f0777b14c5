#!/usr/bin/env python3
"""Precision and recall of `figures` against tests/data/figure-annotations.tsv.

    python3 scripts/figures-eval.py [path/to/reportdiff]

Runs `reportdiff series` per jurisdiction (national 2011-2013 from
../shared/corpus, Guangzhou 2021 and 2025 from samples/) and compares the target
figures whose sentence holds an annotated passage with the annotations:
a figure is correct when its indicator and its value as written both match.
"""
import collections, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/reportdiff")

def path_of(report):
    if report.startswith("national/"):
        return os.path.join(ROOT, "../shared/corpus", report)
    return os.path.join(ROOT, "samples", report)

rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(ROOT, "tests/data/figure-annotations.tsv"), encoding="utf-8")
        if l.strip() and not l.startswith("#")]
groups = collections.OrderedDict()
for report, year, passage, indicator, value in rows:
    jur = report.split("/")[0] if "/" in report else "guangzhou"
    groups.setdefault(jur, {}).setdefault(report, []).append((year, passage, indicator, value))

total_tp = total_found = total_expected = 0
for jur, reports in groups.items():
    paths = [path_of(r) for r in reports]
    out = subprocess.run([BIN, "series", *paths, "--format", "json"], capture_output=True, text=True, check=True).stdout
    figures = json.loads(out)["figures"]
    for report, annotated in reports.items():
        year = annotated[0][0]
        passages = {a[1] for a in annotated}
        expected = {(a[2], a[3]) for a in annotated}
        found = {
            (f["indicator"], v["value"])
            for f in figures if f["kind"] == "target"
            for y, v in f["values"].items()
            if y == year and any(p in v["sentence"] for p in passages)
        }
        tp = len(found & expected)
        total_tp, total_found, total_expected = total_tp + tp, total_found + len(found), total_expected + len(expected)
        print(f"{report}: expected {len(expected)}, found {len(found)}, correct {tp}"
              + (f"; missed {sorted(expected - found)}" if expected - found else "")
              + (f"; wrong {sorted(found - expected)}" if found - expected else ""))
print(f"precision {total_tp}/{total_found} = {total_tp / max(total_found, 1):.3f}, "
      f"recall {total_tp}/{total_expected} = {total_tp / max(total_expected, 1):.3f}")
