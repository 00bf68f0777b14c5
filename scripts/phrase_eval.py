#!/usr/bin/env python3
"""Formulation recall and the top of each series, for docs/phrases.md.

    python3 scripts/phrase_eval.py BINARY NAME LISTFILE SECTION FILES...

Runs `BINARY series FILES --format json` with and without the lexicon (no watch
list), and prints, as Markdown: how many of the formulations listed under the
heading SECTION of LISTFILE (docs/phrases-recall-list.md) are found, which are
missed, and the top 50 phrases by score (numbered, for judging precision by hand).
A listed entry like `不忘初心、牢记使命 (counted as 不忘初心)` is found when the
name in parentheses is. A formulation counts as found when some phrase of the
series equals it.
"""
import json
import re
import subprocess
import sys


def expected(listfile, section):
    out, on = [], False
    for line in open(listfile, encoding="utf-8"):
        line = line.strip()
        if line.startswith("## "):
            on = line[3:].startswith(section)
            continue
        if on and line and not line.startswith("#"):
            m = re.search(r"\(counted as ([^)]+)\)", line)
            names = [n.strip() for n in m.group(1).split(" or ")] if m else [re.sub(r"\s*\(.*\)$", "", line)]
            out.append((line, names))
    return out


def run(binary, files, extra):
    out = subprocess.run([binary, "series", *files, "--format", "json", *extra], capture_output=True, check=True)
    return json.loads(out.stdout)


def main():
    binary, name, listfile, section, *files = sys.argv[1:]
    wanted = expected(listfile, section)
    with_lex = run(binary, files, [])
    bare = run(binary, files, ["--no-lexicon"])
    print(f"### {name}\n")
    years = [r["year"] for r in with_lex["reports"]]
    print(f"{len(years)} reports, {years[0]}–{years[-1]}; missing years: {with_lex['missing_years'] or 'none'}\n")
    for label, v in [("with the lexicon", with_lex), ("without the lexicon (`--no-lexicon`)", bare)]:
        found = {p["text"]: p for p in v["phrases"] if any(c > 0 for c in p["counts"])}
        hit = [line for line, names in wanted if any(n in found for n in names)]
        miss = [line for line, names in wanted if not any(n in found for n in names)]
        print(f"- recall {label}: **{len(hit)}/{len(wanted)}** ({100 * len(hit) / len(wanted):.0f} %); "
              f"{len(v['phrases'])} phrases; missed: {', '.join(miss) or 'none'}")
    print("\nTop 50 by score (with the lexicon): phrase (kind, first–last year)\n")
    for i, p in enumerate(with_lex["phrases"][:50], 1):
        print(f"{i}. {p['text']} ({p['kind']}, {p['first_year']}–{p['last_year']})")
    print()


if __name__ == "__main__":
    main()
