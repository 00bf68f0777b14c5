#!/usr/bin/env python3
"""Measures `reportdiff reuse` on planted passages.

Copies 100 city reports (one per city, the first 100 cities in name order,
their latest year) into a scratch folder twice: once as they are, once with
50 passages planted: a passage of 60-200 chars (whole sentences) of report
2i is inserted as its own paragraph into report 2i+1; every other plant has
2-3 characters edited inside it. Then runs `reportdiff reuse --format json`
on both folders and reports
- recall: planted passages found (a passage with an occurrence in both the
  source and the receiving file, overlapping the planted span), and how many
  with exact offsets in both files;
- precision: of the passages the planted run reports that the plain run does
  not, the share that are planted ones.

Usage: scripts/reuse-eval.py [BINARY] [CORPUS]   (defaults: target/release/reportdiff,
../shared/corpus/cities). Deterministic: no randomness beyond a fixed seed.
"""
import json, os, random, shutil, subprocess, sys, tempfile

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/reportdiff"
corpus = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpus/cities"
rng = random.Random(20261203)

cities = sorted(os.listdir(corpus))[:100]
files = []
for c in cities:
    years = sorted(f for f in os.listdir(os.path.join(corpus, c)) if f.endswith(".md"))
    files.append((c, years[-1]))

KEY = lambda ch: ch.isalnum()

def body_start(text):
    # after the front matter
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            return end + 4
    return 0

def pick_passage(text):
    """Whole sentences, 60-200 chars, from the middle third of the body."""
    b = body_start(text)
    lo, hi = b + (len(text) - b) // 3, b + 2 * (len(text) - b) // 3
    starts = [i + 1 for i in range(lo, hi) if text[i] == "。"]
    rng.shuffle(starts)
    for s in starts:
        e = s
        while e < len(text) and e - s < 200:
            j = text.find("。", e + 1)
            if j < 0 or j - s >= 200 or "\n" in text[s:j + 1]:
                break
            e = j
            if e + 1 - s >= 60:
                return s, e + 1
    return None

tmp = tempfile.mkdtemp(prefix="reuse-eval-")
base, planted = os.path.join(tmp, "base"), os.path.join(tmp, "planted")
texts = {}
for c, y in files:
    with open(os.path.join(corpus, c, y), encoding="utf-8") as f:
        texts[c] = f.read()
    for root in (base, planted):
        os.makedirs(os.path.join(root, c), exist_ok=True)
        with open(os.path.join(root, c, y), "w", encoding="utf-8") as f:
            f.write(texts[c])

plants = []
for i in range(50):
    (sc, sy), (tc, ty) = files[2 * i], files[2 * i + 1]
    span = pick_passage(texts[sc])
    if span is None:
        continue
    s, e = span
    passage = list(texts[sc][s:e])
    edited = []
    if i % 2 == 1:
        inner = [k for k in range(10, len(passage) - 10) if KEY(passage[k])]
        for k in rng.sample(inner, 2 + i % 2):
            passage[k] = "改" if passage[k] != "改" else "变"
            edited.append(k)
    passage = "".join(passage)
    t = texts[tc]
    b = body_start(t)
    mid = t.find("\n", b + (len(t) - b) // 2)
    insert_at = mid + 1
    new = t[:insert_at] + "\n" + passage + "\n\n" + t[insert_at:]
    with open(os.path.join(planted, tc, ty), "w", encoding="utf-8") as f:
        f.write(new)
    # Spans as reuse reports them: from the first to the last compared char.
    def trim(text, a, z):
        while a < z and not KEY(text[a]):
            a += 1
        while z > a and not KEY(text[z - 1]):
            z -= 1
        return a, z
    src = (os.path.join(planted, sc, sy),) + trim(texts[sc], s, e)
    dst = (os.path.join(planted, tc, ty),) + trim(new, insert_at + 1, insert_at + 1 + len(passage))
    plants.append({"source": src, "target": dst, "edits": len(edited)})

def run(folder):
    out = subprocess.run([binary, "reuse", folder, "--format", "json", "--group-by-folder"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"reuse failed on {folder}: {out.stderr}")
    return json.loads(out.stdout)

r_base, r_planted = run(base), run(planted)

def key(p, root):
    return tuple(sorted((o["path"].replace(root, ""), o["text"]) for o in p["occurrences"]))

base_keys = {key(p, base) for p in r_base["passages"]}
found = exact = 0
planted_hits = set()
for k, pl in enumerate(plants):
    hit = None
    for n, p in enumerate(r_planted["passages"]):
        occ = {o["path"]: o for o in p["occurrences"]}
        a, b = occ.get(pl["source"][0]), occ.get(pl["target"][0])
        if a and b and a["char_start"] < pl["source"][2] and a["char_end"] > pl["source"][1] \
                and b["char_start"] < pl["target"][2] and b["char_end"] > pl["target"][1]:
            hit = n
            if (a["char_start"], a["char_end"]) == pl["source"][1:] and (b["char_start"], b["char_end"]) == pl["target"][1:]:
                exact += 1
            else:
                print("inexact:", pl, (a["char_start"], a["char_end"]), (b["char_start"], b["char_end"]), file=sys.stderr)
            break
    if hit is not None:
        found += 1
        planted_hits.add(hit)
    else:
        print("missed:", pl, file=sys.stderr)

new_passages = [n for n, p in enumerate(r_planted["passages"]) if key(p, planted) not in base_keys]
true_new = [n for n in new_passages if n in planted_hits]
print(f"plants: {len(plants)} ({sum(1 for p in plants if p['edits'])} with 2-3 edited chars)")
print(f"recall: {found}/{len(plants)} = {found / max(1, len(plants)):.1%}; exact offsets in both files: {exact}/{len(plants)}")
print(f"precision: {len(true_new)}/{len(new_passages)} = {len(true_new) / max(1, len(new_passages)):.1%} of the passages the plain run does not report")
print(f"plain run: {len(r_base['passages'])} passages among these 100 reports")
shutil.rmtree(tmp)

# The acceptance of issue 29, as a guard (.ci/run calls this script).
n = max(1, len(plants))
if found / n < 0.95 or exact / n < 0.95 or len(true_new) / max(1, len(new_passages)) < 0.95:
    sys.exit("reuse-eval: below 95 % recall, exact offsets or precision")
