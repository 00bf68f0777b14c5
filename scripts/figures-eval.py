#!/usr/bin/env python3
"""Precision and recall of the key figures against tests/data/figure-annotations.tsv.

    python3 scripts/figures-eval.py [path/to/reportdiff]

For each annotated report, runs `reportdiff diff R R --format json` (the report
against itself: every figure paired with itself) and reads the key set
(`figures[].new`) and the rest (`all_figures[].new`). A figure matches an
annotation when kind, horizon, indicator (spaces removed), low, high, unit and
qualifier all agree (the annotation's unit may carry a magnitude, 亿元 = 1e8 元).

- recall per kind: annotated figures found in the key set;
- key-set precision: key figures whose sentence holds an annotated passage of
  that report and kind, that match an annotation of that report.
Reports are looked up in ../shared/corpus (national/, cities/) or the repository (samples/).
"""
import collections, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/reportdiff")
SHARED = next((p for p in (os.path.join(ROOT, "../shared"), os.path.join(ROOT, "../../shared")) if os.path.isdir(p)), "")
MAGNITUDES = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4)]
KEEP_UNITS = {"万亿斤", "万千瓦"}


def path_of(report):
    if report.startswith("samples/"):
        return os.path.join(ROOT, report)
    return os.path.join(SHARED, "corpus", report)


def scaled(low, high, unit):
    for m, f in MAGNITUDES:
        if unit.startswith(m) and unit not in KEEP_UNITS:
            return round(float(low) * f, 6), round(float(high) * f, 6), unit[len(m):]
    return float(low), float(high), unit


def name(s):
    return "".join(s.split())


rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(ROOT, "tests/data/figure-annotations.tsv"), encoding="utf-8")
        if l.strip() and not l.startswith("#")]
by_report = collections.OrderedDict()
for report, year, kind, horizon, passage, indicator, low, high, unit, qualifier in rows:
    lo, hi, u = scaled(low, high, unit)
    by_report.setdefault(report, []).append((kind, horizon, passage, (kind, horizon, name(indicator), lo, hi, u, qualifier)))

stats = collections.Counter()
for report, annotated in by_report.items():
    path = path_of(report)
    run = subprocess.run([BIN, "diff", path, path, "--format", "json"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(f"{report}: reportdiff failed: {run.stderr.strip()}")
        continue
    out = json.loads(run.stdout)

    def rows_of(list_):
        return [(f["kind"], f["horizon"], name(f["indicator"]), round(f["new"]["low"], 6), round(f["new"]["high"], 6),
                 f["new"]["unit"], f["new"]["qualifier"], f["new"]["sentence"], f["new"]["value"]) for f in list_ if f.get("new")]

    key_set, rest = rows_of(out["figures"]), rows_of(out["all_figures"])
    expected = {a[3] for a in annotated}
    key_found = {r[:7] for r in key_set}
    all_found = key_found | {r[:7] for r in rest}
    missed = []
    for kind in ("target", "result"):
        exp = {e for e in expected if e[0] == kind}
        tp = len(exp & key_found)
        stats[kind + " expected"] += len(exp)
        stats[kind + " found"] += tp
        stats[kind + " anywhere"] += len(exp & all_found)
        missed += sorted(exp - key_found)
    # Precision: key figures in the annotated sentences.
    wrong = []
    for r in key_set:
        passages = [p for k, h, p, _ in annotated if k == r[0]]
        if not any(p in r[7] for p in passages):
            continue
        stats["key in passages"] += 1
        if r[:7] in expected:
            stats["key correct"] += 1
        else:
            wrong.append(r[:7] + (r[8],))
    stats["key rows"] += len(key_set)
    stats["reports"] += 1
    print(f"{report}: key rows {len(key_set)}, annotated {len(expected)}, in key set {len(expected & key_found)}"
          + (f"\n  missed {missed}" if missed else "") + (f"\n  wrong {wrong}" if wrong else ""))

print()
for kind, label in (("target", "main targets"), ("result", "headline results")):
    e, f, a = stats[kind + " expected"], stats[kind + " found"], stats[kind + " anywhere"]
    print(f"{label}: recall {f}/{e} = {f / max(e, 1):.3f} (found among all figures: {a}/{e})")
c, n = stats["key correct"], stats["key in passages"]
print(f"key-set precision in annotated sentences: {c}/{n} = {c / max(n, 1):.3f}")
print(f"key rows per report: {stats['key rows'] / max(stats['reports'], 1):.1f} on average over {stats['reports']} reports")
