#!/usr/bin/env python3
"""Independent check of `Architecture::critical_point_strata` (src/critical/strata.rs).

The old solver binary (built from commit 3ed66e7, before strata existed) finds
and certifies all critical points of the squared loss for random data:

    lcn-3ed66e7 --filters K --strides S --critical-points --seed N --json -q

For every architecture below this script runs it (up to 5 seeds until the run
reports `complete: true` with every solution certified), then classifies every
critical point by the sharing pattern of the linear factors of its layers:

* groups: the layers of size >= 2 by dilation (consecutive layers at one
  dilation t_l = s_1 ... s_{l-1}; size-1 layers skipped), as `groups_of` in
  strata.rs;
* each layer's filter c0 X^d + c1 X^{d-1} Y + ... + cd Y^d (X = x^t, Y = y^t)
  has d roots [a:b] on P^1 (leading/trailing coefficients below 1e-12 of the
  largest are roots at [1:0] / [0:1]; the other roots come from numpy in the
  chart where the end coefficients are better conditioned);
* the roots of one group's layers are clustered by chordal distance
  |a d - b c| / (|(a,b)| |(c,d)|) < TOL (union-find); the pattern is the sorted
  list of the sets of layers (0-based) of each cluster. A cluster with two
  roots of one layer (a repeated factor in a layer) is "unclassified";
* the stratum name is the one of `impl Display for Stratum`: the sets with two
  or more layers, group after group, as `{w1,w2}` (1-based) separated by
  spaces; `generic` when there are none.

The per-stratum counts are compared with `critical_point_counts.strata` of the
new `lcn --json` report (target/release/lcn, built from this worktree) and
C_k (the number of certified solutions) with its `critical_point_counts`.
Disagreements are printed loudly and recorded in the fixture (`agrees: false`).
Also recorded per architecture: the largest chordal distance inside a cluster
and the smallest between clusters (how clean the classification is), and how
many solutions have layers of *different* groups sharing a root in x (a
diagnostic: the conjecture says such coincidences carry no critical points of
their own).

Usage (from the worktree root; writes tests/fixtures/strata.json):

    python3 scripts/oracle/strata_check.py [--old PATH] [--new PATH] [--timeout S]

Needs python3 + numpy. Runs with RAYON_NUM_THREADS=1 (shared machine).
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

TOL = 1e-6  # chordal distance below which two roots are one linear factor
ZERO = 1e-12  # relative size of a coefficient treated as zero (root at 0 / infinity)
SEEDS = [1, 2, 3, 4, 5]

# (filters, strides): stride-1 groups of 2, 3 and 4 layers, unequal sizes,
# several groups, mixed dilations, a size-1 layer inside a group; plus two
# controls with every group a single layer (one stratum).
ARCHITECTURES = [
    ([2, 2], [1, 1]),
    ([3, 3], [1, 1]),
    ([2, 3], [1, 1]),
    ([3, 2], [1, 1]),
    ([4, 2], [1, 1]),
    ([2, 2, 2], [1, 1, 1]),
    ([2, 2, 2], [1, 2, 1]),
    ([2, 2, 2], [2, 1, 1]),
    ([3, 2, 2], [1, 1, 1]),
    ([2, 3, 2], [1, 1, 1]),
    ([2, 1, 2], [1, 1, 1]),
    ([2, 2, 3], [1, 2, 1]),
    ([2, 2, 2, 2], [1, 2, 1, 1]),
    ([2, 2, 2, 2], [1, 1, 1, 1]),
    ([3, 3, 2], [1, 1, 1]),
    ([3, 3, 3], [1, 2, 1]),
    ([3, 3, 3], [1, 1, 1]),
    ([2, 2, 2, 2], [1, 2, 2, 1]),
    ([2, 2, 2, 2], [2, 1, 1, 1]),
    ([3, 2, 2, 2], [1, 1, 1, 1]),
    ([2, 2], [2, 1]),
    ([2, 2, 2], [2, 2, 1]),
]


def dilations(strides):
    out, t = [], 1
    for s in strides:
        out.append(t)
        t *= s
    return out


def groups_of(filters, strides):
    """The layers of size >= 2, grouped by dilation (as strata.rs `groups_of`)."""
    groups, last = [], None
    for l, (k, t) in enumerate(zip(filters, dilations(strides))):
        if k < 2:
            continue
        if groups and last == t:
            groups[-1].append(l)
        else:
            groups.append([l])
        last = t
    return groups


def roots_p1(coeffs):
    """The roots of c0 X^d + ... + cd Y^d as unit vectors (a, b) in C^2."""
    c = np.array([complex(re, im) for re, im in coeffs])
    scale = np.max(np.abs(c))
    if not np.isfinite(scale) or scale == 0:
        raise ValueError("zero or non-finite layer")
    small = np.abs(c) <= ZERO * scale
    lead = int(np.argmax(~small))  # leading zeros: roots at [1:0]
    top = len(c) - 1 - int(np.argmax(~small[::-1]))  # trailing zeros: roots at [0:1]
    pts = [(1.0 + 0j, 0j)] * lead + [(0j, 1.0 + 0j)] * (len(c) - 1 - top)
    mid = c[lead : top + 1]
    if len(mid) > 1:
        if abs(mid[0]) >= abs(mid[-1]):
            # roots z = X/Y of mid[0] z^e + ... + mid[-1]
            pts += [(z, 1.0 + 0j) for z in np.roots(mid)]
        else:
            # roots u = Y/X of mid[-1] u^e + ... + mid[0]
            pts += [(1.0 + 0j, u) for u in np.roots(mid[::-1])]
    out = []
    for a, b in pts:
        n = np.sqrt(abs(a) ** 2 + abs(b) ** 2)
        out.append((a / n, b / n))
    assert len(out) == len(c) - 1
    return out


def chordal(p, q):
    return abs(p[0] * q[1] - p[1] * q[0])


def classify_group(group, layers):
    """(pattern, max distance within a cluster, min distance between clusters);
    pattern None if a layer has a repeated root."""
    roots = []
    for l in group:
        roots += [(l, p) for p in roots_p1(layers[l])]
    n = len(roots)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    dist = [[chordal(roots[i][1], roots[j][1]) for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if dist[i][j] < TOL:
                parent[find(i)] = find(j)
    clusters = {}
    for i in range(n):
        clusters.setdefault(find(i), []).append(i)
    within, between = 0.0, 1.0
    for i in range(n):
        for j in range(i + 1, n):
            if find(i) == find(j):
                within = max(within, dist[i][j])
            else:
                between = min(between, dist[i][j])
    pattern = []
    for members in clusters.values():
        ls = sorted(roots[i][0] for i in members)
        if len(set(ls)) != len(ls):
            return None, within, between
        pattern.append(ls)
    pattern.sort()
    return pattern, within, between


def cross_group_shared(groups, layers, dil):
    """Do layers of two different groups share a root in x (X = x^t)?"""
    pts = []  # (group index, root in x as unit vector)
    for g, group in enumerate(groups):
        for l in group:
            t = dil[l]
            for a, b in roots_p1(layers[l]):
                # X/Y = a/b with X = x^t: the t-th roots; in the chart where
                # |a| <= |b| use x/y, else y/x
                if abs(a) <= abs(b):
                    z = a / b
                    for r in np.roots([1] + [0] * (t - 1) + [-z]) if t > 1 else [z]:
                        pts.append((g, (r, 1.0 + 0j)))
                else:
                    u = b / a
                    for r in np.roots([1] + [0] * (t - 1) + [-u]) if t > 1 else [u]:
                        pts.append((g, (1.0 + 0j, r)))
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            if pts[i][0] != pts[j][0]:
                p, q = pts[i][1], pts[j][1]
                d = chordal(p, q) / (np.hypot(abs(p[0]), abs(p[1])) * np.hypot(abs(q[0]), abs(q[1])))
                if d < TOL:
                    return True
    return False


def stratum_name(patterns):
    shared = [s for pattern in patterns for s in pattern if len(s) > 1]
    if not shared:
        return "generic"
    return " ".join("{" + ",".join(f"w{l + 1}" for l in s) + "}" for s in shared)


def run(cmd, timeout):
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr[-500:]}")
    return json.loads(p.stdout), time.monotonic() - t0


def check(filters, strides, args):
    arch = ["--filters", ",".join(map(str, filters)), "--strides", ",".join(map(str, strides))]
    report, _ = run([args.new, *arch, "--json", "-q"], 120)
    ccounts = report["critical_point_counts"]
    predicted = {s["stratum"]: int(s["count"]) for s in ccounts["strata"]}
    c_k_new = int(ccounts["parameter_space"])
    groups = groups_of(filters, strides)
    dil = dilations(strides)
    tried = []
    for seed in SEEDS:
        try:
            out, secs = run(
                [args.old, *arch, "--critical-points", "--seed", str(seed), "--json", "-q"],
                args.timeout,
            )
        except subprocess.TimeoutExpired:
            tried.append({"seed": seed, "result": f"timeout {args.timeout} s"})
            print(f"  seed {seed}: timeout", flush=True)
            return None, tried
        cp = out["critical_points"]
        sols = cp["solutions"]
        ok = (
            cp["complete"]
            and cp["found"] == len(sols)
            and all(s["certified"] for s in sols)
            and str(cp["found"]) == str(cp["expected"])
        )
        tried.append({"seed": seed, "complete": cp["complete"], "found": cp["found"],
                      "certified": cp["certified"], "seconds": round(secs, 1)})
        if ok:
            break
        print(f"  seed {seed}: not complete ({cp['found']}/{cp['expected']})", flush=True)
    else:
        return None, tried
    counts, within, between = {}, 0.0, 1.0
    unclassified, cross = 0, 0
    for s in sols:
        layers = s["layers"]
        patterns = []
        for g in groups:
            pattern, w, b = classify_group(g, layers)
            within, between = max(within, w), min(between, b)
            patterns.append(pattern)
        if any(p is None for p in patterns):
            unclassified += 1
            continue
        name = stratum_name(patterns)
        counts[name] = counts.get(name, 0) + 1
        cross += cross_group_shared(groups, layers, dil)
    c_k = len(sols)
    agrees = counts == predicted and unclassified == 0 and c_k == c_k_new
    entry = {
        "filters": filters,
        "strides": strides,
        "groups": groups,
        "seed": seed,
        "seeds_tried": tried,
        "c_k": c_k,
        "counts": dict(sorted(counts.items(), key=lambda kv: (kv[0] != "generic", -kv[1], kv[0]))),
        "unclassified": unclassified,
        "cross_group_shared": cross,
        "max_chordal_within_cluster": float(f"{within:.3e}"),
        "min_chordal_between_clusters": float(f"{between:.3e}"),
        "predicted_by_lcn": predicted,
        "agrees": agrees,
    }
    return entry, tried


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", default="/work/baseline/lcn-3ed66e7")
    ap.add_argument("--new", default="target/release/lcn")
    ap.add_argument("--timeout", type=float, default=150.0)
    ap.add_argument("--out", default="tests/fixtures/strata.json")
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    entries, skipped, bad = [], [], []
    for filters, strides in ARCHITECTURES:
        print(f"({','.join(map(str, filters))})/({','.join(map(str, strides))})", flush=True)
        entry, tried = check(filters, strides, args)
        if entry is None:
            skipped.append({"filters": filters, "strides": strides, "seeds_tried": tried})
            print("  skipped", flush=True)
            continue
        print(f"  seed {entry['seed']}, C_k {entry['c_k']}: {entry['counts']}"
              f" (within {entry['max_chordal_within_cluster']:.1e},"
              f" between {entry['min_chordal_between_clusters']:.1e},"
              f" cross-group {entry['cross_group_shared']})", flush=True)
        if not entry["agrees"]:
            bad.append(entry)
            print(f"  !!! DISAGREEMENT: predicted {entry['predicted_by_lcn']}"
                  f" (unclassified {entry['unclassified']})", flush=True)
        entries.append(entry)
    fixture = {
        "description": "Critical points of the old certified solver (lcn 3ed66e7 --critical-points) "
        "classified by the sharing pattern of linear factors within each stride-1 group; "
        "produced by scripts/oracle/strata_check.py",
        "old_solver": os.path.basename(args.old),
        "predicted_by": f"lcn --json of commit {commit} (critical_point_counts.strata)",
        "chordal_tolerance": TOL,
        "architectures": entries,
        "skipped": skipped,
    }
    with open(args.out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    if bad:
        print(f"!!! {len(bad)} DISAGREEMENT(S) with the conjecture: see 'agrees: false' in {args.out}")
        sys.exit(1)
    print(f"all {len(entries)} architectures agree ({len(skipped)} skipped)")


if __name__ == "__main__":
    main()
