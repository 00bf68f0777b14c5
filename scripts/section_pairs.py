#!/usr/bin/env python3
"""Scores the section pairs of `reportdiff diff --format json` against a gold list.

Usage: scripts/section_pairs.py BINARY GOLD.tsv OLD NEW [-v]

Gold rows: old heading/path, new heading/path (`a | b` = either is right, `-` =
unpaired, a leading `? |` = unpaired is right too), note. A gold side is compared
with a section's full `path` and with the last component of it, both without
spaces or Markdown marks; a heading that merged a following heading (flat plan
outlines) matches by prefix. Prints: pairs right / gold pairs, and the tool's
pairs that the gold leaves unpaired. tests/section_pairs.rs applies the same rules.
"""
import json, re, subprocess, sys

def norm(s):
    return re.sub(r'[\s#*\u3000\u200b]', '', s)

def last(path):
    return path.split(' > ')[-1]

def load_gold(path):
    rows = []
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        cols = line.rstrip('\n').split('\t')
        rows.append((cols[0], cols[1]))
    return rows

def find(sections, side, key):
    """Indexes of sections whose path or last component matches key."""
    k = norm(key)
    exact = [i for i, s in enumerate(sections) if s.get(side) and k in (norm(s[side]['path']), norm(last(s[side]['path'])))]
    if exact:
        return exact
    return [i for i, s in enumerate(sections) if s.get(side) and norm(last(s[side]['path'])).startswith(k)]

def score(gold, sections, verbose=False):
    right = total = false_pairs = 0
    misses = []
    for old, new in gold:
        if old == '-':
            idx = find(sections, 'new', new)
            if any(sections[i].get('old') for i in idx):
                false_pairs += 1
                misses.append(f'paired, gold unpaired: - => {new}  (tool: {sections[idx[0]]["old"]["path"]})')
            continue
        alts = [a.strip() for a in new.split('|')]
        may_be_unpaired = '?' in alts or '-' in alts
        alts = [a for a in alts if a not in ('?', '-')]
        idx = find(sections, 'old', old)
        partner = next((sections[i]['new']['path'] for i in idx if sections[i].get('new')), None)
        if not alts:
            if partner is not None:
                false_pairs += 1
                misses.append(f'paired, gold unpaired: {old} => -  (tool: {partner})')
            continue
        total += 1
        ok = partner is not None and any(norm(a) in (norm(partner), norm(last(partner))) or norm(last(partner)).startswith(norm(a)) for a in alts)
        if partner is None and may_be_unpaired:
            ok = True
        if ok:
            right += 1
        else:
            misses.append(f'wrong: {old} => {partner or "-"}  (gold: {new})')
    return right, total, false_pairs, misses

def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    binary, gold_path, old, new = args
    out = subprocess.run([binary, 'diff', old, new, '--format', 'json'], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f'{binary} failed: {out.stderr.strip()}')
    sections = json.loads(out.stdout)['sections']
    right, total, false_pairs, misses = score(load_gold(gold_path), sections)
    print(f'{gold_path}: {right}/{total} pairs right ({100 * right / max(total, 1):.1f} %), {false_pairs} pairs the gold leaves unpaired')
    if '-v' in sys.argv:
        for m in misses:
            print('  ' + m)

if __name__ == '__main__':
    main()
