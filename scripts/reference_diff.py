#!/usr/bin/env python3
"""Plain reference for `reportdiff diff OLD NEW`: the baseline a reporter would write.

Reads two UTF-8 text files, splits each into sections at the common Chinese
heading markers (`一、`, `（一）` / `(一)`) found at the start of a line or
after whitespace (one-line scrapes), pairs sections greedily by difflib
similarity of their headings, segments each section with `jieba.lcut`, diffs
the token lists with `difflib.SequenceMatcher` and prints a per-section summary
(words inserted / deleted), the totals and the changed hunks.

No normalization, no phrase detection, no moved-section logic: a baseline for
timing (scripts/compare.sh), not a second implementation.

Usage: reference_diff.py OLD NEW [--no-hunks]
Exit: 0 same, 1 differences, 2 error (like `reportdiff diff`).
"""
import difflib
import logging
import re
import sys

import jieba

NUM = "一二三四五六七八九十"
# A heading starts at the beginning of the text, of a line, or after whitespace
# (including the ideographic space), and runs to the end of its line / 。 / next blank.
HEADING = re.compile(
    rf"(?:^|(?<=\s))(?P<marker>[{NUM}]+、|[（(][{NUM}]+[）)])(?P<title>[^\n。]{{0,60}})",
    re.MULTILINE,
)
PAIR_MIN_RATIO = 0.5


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def split_sections(text):
    """Returns [(heading, body)], the first being the preamble with heading ''."""
    sections, start, heading = [], 0, ""
    for m in HEADING.finditer(text):
        sections.append((heading, text[start:m.start()]))
        title = (m.group("title").split() or [""])[0]  # up to the first blank
        heading, start = m.group("marker") + title, m.start()
    sections.append((heading, text[start:]))
    return [(h, b) for h, b in sections if h or b.strip()]


def tokens(text):
    return [t for t in jieba.lcut(text) if t.strip()]


def strip_marker(heading):
    return re.sub(rf"^(?:[{NUM}]+、|[（(][{NUM}]+[）)])", "", heading)


def pair_sections(old, new):
    """Greedy pairing by heading similarity; returns [(i or None, j or None)]."""
    candidates = []
    for i, (ho, _) in enumerate(old):
        for j, (hn, _) in enumerate(new):
            if not ho and not hn:
                ratio = 1.0  # preamble with preamble
            elif not ho or not hn:
                continue
            else:
                ratio = difflib.SequenceMatcher(None, strip_marker(ho), strip_marker(hn)).ratio()
            if ratio >= PAIR_MIN_RATIO:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    pairs += [(i, None) for i in range(len(old)) if i not in used_old]
    pairs += [(None, j) for j in range(len(new)) if j not in used_new]
    # Report in NEW order, removed sections at their OLD position.
    pairs.sort(key=lambda p: (p[1] if p[1] is not None else p[0] - 0.5, p[0] or 0))
    return pairs


def diff_pair(a, b):
    """Returns (inserted, deleted, hunks) for two token lists."""
    inserted = deleted = 0
    hunks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            continue
        deleted += i2 - i1
        inserted += j2 - j1
        hunks.append((op, "".join(a[i1:i2]), "".join(b[j1:j2])))
    return inserted, deleted, hunks


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    show_hunks = "--no-hunks" not in argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    try:
        old, new = (split_sections(read(p)) for p in args)
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    jieba.setLogLevel(logging.WARNING)

    total_ins = total_del = 0
    rows, all_hunks = [], []
    for i, j in pair_sections(old, new):
        a = tokens(old[i][1]) if i is not None else []
        b = tokens(new[j][1]) if j is not None else []
        ins, dele, hunks = diff_pair(a, b)
        status = "added" if i is None else "removed" if j is None else "changed" if hunks else "unchanged"
        name = (new[j][0] if j is not None else old[i][0]) or "(preamble)"
        if i is not None and j is not None and old[i][0] != new[j][0]:
            name = f"{old[i][0] or '(preamble)'} -> {new[j][0] or '(preamble)'}"
        rows.append((status, name, ins, dele))
        all_hunks.append((name, hunks))
        total_ins += ins
        total_del += dele

    print(f"# {args[0]} -> {args[1]}: {len(old)} / {len(new)} sections")
    print(f"{'status':<10} {'+words':>7} {'-words':>7}  section")
    for status, name, ins, dele in rows:
        print(f"{status:<10} {ins:>7} {dele:>7}  {name}")
    print(f"{'total':<10} {total_ins:>7} {total_del:>7}")
    if show_hunks:
        for name, hunks in all_hunks:
            if hunks:
                print(f"\n## {name}")
            for op, a, b in hunks:
                if a:
                    print(f"- {a}")
                if b:
                    print(f"+ {b}")
    return 1 if total_ins or total_del else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
