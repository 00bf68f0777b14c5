#!/usr/bin/env python3
"""Layout checks of issue #22 that need more than grep (run by scripts/check-layout.sh).

    python3 scripts/layout/deps.py [--max-fn-lines N]

1. Import circles between files: every `crate::a::b` and `super::x` path in
   code (before a file's first `#[cfg(test)]`, comments left out) is resolved to
   the file that defines the longest matching module; a strongly connected
   component of more than one file is a circle. A parent module's own file
   (`mod.rs`) declaring its children is not an import.
2. Functions longer than N lines (default 100) under src/, tests left out.
Exit 1 when either finds something.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SRC = os.path.join(ROOT, "src")
MAX_FN = 100
if "--max-fn-lines" in sys.argv:
    MAX_FN = int(sys.argv[sys.argv.index("--max-fn-lines") + 1])


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


files = {}
for d, _, names in os.walk(SRC):
    for n in names:
        if n.endswith(".rs"):
            p = os.path.join(d, n)
            files[module_of(p)] = p


def code_lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"\s*#\[cfg\(test\)\]", line):
                break
            out.append(line)
    return out


def strip(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    return line.split("//", 1)[0]


def resolve(path):
    for k in range(len(path), 0, -1):
        if tuple(path[:k]) in files:
            return tuple(path[:k])
    return None


PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}")

edges = {m: set() for m in files}
for mod, path in files.items():
    is_dir = os.path.basename(path) in ("mod.rs", "lib.rs", "main.rs")
    text = "".join(strip(l) for l in code_lines(path))
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    found = []
    for m in GROUP.finditer(text):
        for item in m.group(3).split(","):
            item = item.strip().split(" as ")[0].strip()
            if item and item != "self":
                found.append((m.group(1), m.group(2) + "::" + item.split("::")[0]))
            elif item == "self":
                found.append((m.group(1), m.group(2)))
    text = GROUP.sub("", text)
    found += [(m.group(1), m.group(2)) for m in PATH.finditer(text)]
    here = list(mod) if is_dir else list(mod[:-1])  # the module `self` refers to, as a folder
    for root, rest in found:
        parts = [p for p in rest.split("::") if p]
        if root == "crate":
            target = parts
        elif root == "self":
            target = (list(mod) if True else []) + parts
        else:  # super: the parent of this module
            target = list(mod[:-1]) + parts
        r = resolve(target)
        if r is None or r == mod:
            continue
        # A module's parent (mod.rs) and its own children are one room.
        if r == mod[: len(r)] or (is_dir and r[: len(mod)] == mod):
            continue
        edges[mod].add(r)

# Tarjan's strongly connected components.
index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
sys.setrecursionlimit(10000)


def strong(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


for v in sorted(edges):
    if v not in index:
        strong(v)

fail = False
for comp in sccs:
    fail = True
    names = ["::".join(c) or "crate" for c in comp]
    print("layout: import circle between files: " + ", ".join(names), file=sys.stderr)
    for a in comp:
        for b in sorted(edges[a]):
            if b in comp:
                print(f"    {'::'.join(a)} -> {'::'.join(b)}", file=sys.stderr)

FN = re.compile(r"^(\s*)(pub(\([a-z]+\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+([A-Za-z0-9_]+)")
for mod, path in sorted(files.items()):
    lines = code_lines(path)
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";") or (line.rstrip().endswith("}") and "{" in line):
            continue
        indent = m.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j].rstrip() == indent + "}":
                if j - i + 1 > MAX_FN:
                    fail = True
                    rel = os.path.relpath(path, ROOT)
                    print(f"layout: {rel}:{i + 1}: fn {m.group(7)} is {j - i + 1} lines (at most {MAX_FN})", file=sys.stderr)
                break
sys.exit(1 if fail else 0)
