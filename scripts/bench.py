#!/usr/bin/env python3
"""Performance guard (issue 26): fixed workloads against yardsticks, floors.

Run through scripts/bench.sh. Each workload runs `reportdiff` and a yardstick
(git's character word-diff, and the Python reference `scripts/reference_diff.py`
when `scripts/.venv` has jieba) interleaved, RUNS times each (default 5), in the
same run, so a busy machine slows both alike. For every command it prints the
median wall time, median CPU time (user + system) and median peak RSS of the
child (`os.wait4`, no /usr/bin/time needed), then the ratios

    ratio = yardstick median CPU / reportdiff median CPU   (guarded)
    wall ratio = yardstick median wall / reportdiff median wall   (printed)

(higher is better: 2.0 means reportdiff took half the yardstick's time). The
floors apply to the CPU ratio: on a shared machine (load 15-20 on 2 cores while
this was written) wall times stretch 5-20x and unevenly between commands, CPU
time hardly moves. `--ratio-on wall` guards the wall ratio instead. It
exits 1 when a ratio falls below its floor or a peak RSS exceeds its ceiling,
both recorded in scripts/bench/floors.tsv; `--floor-factor F` multiplies every
floor by F (CI passes a generous factor, see docs/performance.md). Exit 2 on
a setup problem (missing binary, missing input).

Workloads (all inputs fixed; none is copied):
  pair-national   national 2012 → 2013, --format json
  pair-guangzhou  samples/guangzhou-2021.txt → 2025, --format json
  series-41       series of the 41 national reports, --format json;
                  yardstick: git word-diff over the 40 consecutive pairs
  corpus-200      corpus over scripts/bench/corpus-200.txt (200 city reports,
                  44 cities), --no-cache --format json; yardstick: git
                  word-diff over the 199 consecutive pairs of that list
  pair-5mb        a generated 5 MB one-line pair (scripts/bench_inputs.py
                  oneline 5: every 5,000th character changed), terminal output

--cheap runs only pair-national, pair-guangzhou and series-41 (what CI runs).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def die(message):
    """A setup problem: one line on stderr, exit 2 (exit 1 means a floor was missed)."""
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)
CHEAP = ("pair-national", "pair-guangzhou", "series-41")


def run_once(argv, env=None):
    """Runs argv with stdout to /dev/null; returns (wall s, cpu s, peak MiB, exit code)."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        # Read stderr before waiting so a chatty child cannot block on a full pipe.
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, proc.returncode, err


def run_many(cmds):
    """Runs a list of commands in sequence as one sample: summed wall/CPU, max RSS."""
    wall = cpu = rss = 0.0
    for argv, ok in cmds:
        w, c, r, code, err = run_once(argv)
        if code not in ok:
            die(f" {argv[0]} exited {code} (expected {sorted(ok)}): "
                     f"{err.decode(errors='replace').strip()[:300]}")
        wall, cpu, rss = wall + w, cpu + c, max(rss, r)
    return wall, cpu, rss


def git_word_diff(a, b):
    return (["git", "diff", "--no-index", "--no-ext-diff", "--word-diff=porcelain",
             "--word-diff-regex=.", str(a), str(b)], {0, 1})


def read_floors(path):
    floors = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            die(f" {path}: expected 4 tab-separated fields: {line!r}")
        workload, yardstick, floor, ceiling = fields
        floors[(workload, yardstick)] = (float(floor), float(ceiling))
    return floors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=str(ROOT / "target/release/reportdiff"))
    ap.add_argument("--shared", default=os.environ.get("SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cheap", action="store_true", help="only the pairs and the series (CI)")
    ap.add_argument("--floor-factor", type=float, default=1.0)
    ap.add_argument("--floors", default=str(ROOT / "scripts/bench/floors.tsv"))
    ap.add_argument("--no-python", action="store_true", help="git word-diff as the only yardstick")
    ap.add_argument("--ratio-on", choices=("cpu", "wall"), default="cpu")
    ap.add_argument("--only", action="append", help="run only this workload (repeatable)")
    args = ap.parse_args()
    if args.runs < 5:
        die(" --runs must be at least 5 (medians of at least 5 runs)")

    binary = Path(args.bin)
    shared = Path(args.shared)
    national = shared / "corpus/national"
    cities = shared / "corpus/cities"
    reports = sorted(national.glob("*.txt"))
    if not binary.is_file():
        die(f" no binary at {binary} (cargo build --release)")
    if len(reports) != 41:
        die(f" expected the 41 national reports in {national}, found {len(reports)}")
    subset = [cities / line for line in
              (ROOT / "scripts/bench/corpus-200.txt").read_text(encoding="utf-8").split()]
    missing = [p for p in subset if not p.is_file()]
    if missing:
        die(f" {len(missing)} files of scripts/bench/corpus-200.txt missing, e.g. {missing[0]}")

    python = ROOT / "scripts/.venv/bin/python"
    has_python = not args.no_python and python.is_file() and subprocess.run(
        [str(python), "-c", "import jieba"], capture_output=True).returncode == 0
    reference = str(ROOT / "scripts/reference_diff.py")

    work = Path(tempfile.mkdtemp(prefix="reportdiff-bench-"))
    rd = str(binary)
    gz = (ROOT / "samples/guangzhou-2021.txt", ROOT / "samples/guangzhou-2025.txt")
    nat = (national / "2012.txt", national / "2013.txt")

    def pair_yardsticks(a, b):
        ys = {"git": [git_word_diff(a, b)]}
        if has_python:
            ys["python"] = [([str(python), reference, str(a), str(b)], {0, 1})]
        return ys

    workloads = {
        "pair-national": ([([rd, "diff", str(nat[0]), str(nat[1]), "--format", "json"], {1})],
                          pair_yardsticks(*nat)),
        "pair-guangzhou": ([([rd, "diff", str(gz[0]), str(gz[1]), "--format", "json"], {1})],
                           pair_yardsticks(*gz)),
        "series-41": ([([rd, "series", *map(str, reports), "--format", "json"], {0})],
                      {"git": [git_word_diff(a, b) for a, b in zip(reports, reports[1:])]}),
        "corpus-200": ([([rd, "corpus", *map(str, subset), "--no-cache", "--format", "json"], {0})],
                       {"git": [git_word_diff(a, b) for a, b in zip(subset, subset[1:])]}),
    }
    selected = list(CHEAP) if args.cheap else list(workloads) + ["pair-5mb"]
    if args.only:
        selected = [w for w in selected if w in args.only]
    if "pair-5mb" in selected:
        subprocess.run([sys.executable, str(ROOT / "scripts/bench_inputs.py"), "oneline", "5",
                        str(work)], check=True)
        a, b = work / "oneline-5-old.txt", work / "oneline-5-new.txt"
        workloads["pair-5mb"] = ([([rd, "diff", str(a), str(b), "--color", "never"], {1})],
                                 {"git": [git_word_diff(a, b)]})

    floors = read_floors(Path(args.floors))
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    print(f"# reportdiff bench: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPUs, load {' '.join(load)}, {args.runs} runs, "
          f"floor factor {args.floor_factor}")
    print("| workload | command | wall s | CPU s | peak MiB |")
    print("|---|---|---:|---:|---:|")
    failures, ratios = [], []
    for name in selected:
        ours, yards = workloads[name]
        samples = {"reportdiff": [], **{y: [] for y in yards}}
        run_many(ours)  # warm-up: page cache, not timed
        for _ in range(args.runs):
            samples["reportdiff"].append(run_many(ours))
            for y, cmds in yards.items():
                samples[y].append(run_many(cmds))
        med = {k: tuple(statistics.median(s[i] for s in v) for i in range(3))
               for k, v in samples.items()}
        for k, (w, c, r) in med.items():
            print(f"| {name} | {k} | {w:.3f} | {c:.3f} | {r:.1f} |")
        for y in yards:
            wall_ratio = med[y][0] / med["reportdiff"][0]
            cpu_ratio = med[y][1] / med["reportdiff"][1] if med["reportdiff"][1] > 0 else float("inf")
            ratio = cpu_ratio if args.ratio_on == "cpu" else wall_ratio
            floor, ceiling = floors.get((name, y), (None, None))
            verdict = ""
            if floor is not None:
                floor *= args.floor_factor
                if ratio < floor:
                    verdict = f"BELOW FLOOR {floor:.3f}"
                    failures.append(f"{name} vs {y}: ratio {ratio:.3f} < floor {floor:.3f}")
                else:
                    verdict = f"floor {floor:.3f} ok"
                rss = med["reportdiff"][2]
                if rss > ceiling:
                    failures.append(f"{name}: peak {rss:.1f} MiB > ceiling {ceiling:.0f} MiB")
            ratios.append(f"{name} vs {y}: CPU {cpu_ratio:.3f}, wall {wall_ratio:.3f} "
                          f"({verdict or 'no floor recorded'})")
    print()
    print(f"ratios (yardstick / reportdiff, higher is better; floors on {args.ratio_on}):")
    for line in ratios:
        print(f"  {line}")
    for f in (work / "oneline-5-old.txt", work / "oneline-5-new.txt"):
        f.unlink(missing_ok=True)
    work.rmdir()
    if failures:
        for f in failures:
            print(f"bench: FAIL {f}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
