#!/usr/bin/env python3
"""Where the real critical points of training lie (docs/critical_points.md,
section 6): runs `lcn --critical-points --seed S --json` for architectures
with all strides > 1 and for stride-1 architectures, and tabulates the
certified classification of every real critical point (`real_class` of each
solution: relative interior / boundary of M, smooth, repeated filters).

Usage:  python3 scripts/real/critical_classes.py [LCN] [SEEDS]
        LCN defaults to target/release/lcn (build it with
        `cargo build --release --features cli`), SEEDS to 1,2,3.
Prints one Markdown table row per (architecture, seed) and the totals.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
LCN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "lcn")
SEEDS = [int(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "1,2,3").split(",")]

# (filters, strides with the last one)
STRIDED = [
    ("2,2", "2,1"), ("3,2", "2,1"), ("2,3", "3,1"), ("3,3", "2,1"), ("4,3", "2,1"),
    ("2,2,2", "2,2,1"), ("2,2,2", "3,2,1"), ("3,2,2", "2,2,1"),
]
STRIDE_ONE = [
    ("2,2", "1,1"), ("2,3", "1,1"), ("3,3", "1,1"), ("2,4", "1,1"),
    ("2,2,2", "1,1,1"), ("2,2,2", "1,2,1"),
]


def run(filters, strides, seed):
    out = subprocess.run(
        [LCN, "--filters", filters, "--strides", strides, "--critical-points",
         "--seed", str(seed), "--json", "--quiet"],
        capture_output=True, text=True, check=True).stdout
    cp = json.loads(out)["critical_points"]
    rows = [s["real_class"] for s in cp["solutions"] if s["real"]]
    count = lambda pred: sum(1 for r in rows if r is not None and pred(r))
    return {
        "complete": cp["complete"],
        "found": cp["found"],
        "real": cp["real"],
        "classified": sum(1 for r in rows if r is not None),
        "interior": count(lambda r: r["in_interior"] is True),
        "boundary": count(lambda r: r["in_interior"] is False),
        "position_undecided": count(lambda r: r["in_interior"] is None),
        "smooth": count(lambda r: r["smooth"] is True),
        "repeated": count(lambda r: len(r["repeated_filters"]) > 0),
    }


def main():
    print("| architecture | seed | complete | real | interior | boundary | undecided | smooth | repeated filters |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = {}
    for group, archs in (("strides > 1", STRIDED), ("stride 1", STRIDE_ONE)):
        t = totals.setdefault(group, {"real": 0, "interior": 0, "boundary": 0,
                                      "position_undecided": 0, "smooth": 0, "repeated": 0})
        for filters, strides in archs:
            for seed in SEEDS:
                r = run(filters, strides, seed)
                name = f"({filters})/({','.join(strides.split(',')[:-1])})"
                print(f"| {name} | {seed} | {'yes' if r['complete'] else 'NO'} | {r['real']} | "
                      f"{r['interior']} | {r['boundary']} | {r['position_undecided']} | "
                      f"{r['smooth']} | {r['repeated']} |", flush=True)
                for k in t:
                    t[k] += r[k]
    for group, t in totals.items():
        print(f"\n{group}: {t}")


if __name__ == "__main__":
    main()
