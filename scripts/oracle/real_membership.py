#!/usr/bin/env python3
"""Write tests/fixtures/real_membership.json: independent answers about the real
neuromanifold M of LCNs, for the test tests/real_membership.rs.

Usage:  python3 scripts/oracle/real_membership.py [--out FILE]

For every case (architecture, exact end-to-end filter P):

* Singular 4.3 (rootsmr.lib): the fibre of the parametrisation over P, in a
  random affine chart per layer but the last (sum_i a_i w_{l,i} = 1, integer
  a_i from a fixed seed), is a zero-dimensional ideal I in the weights.
  `vdim(std(I)) > 0` iff P is in the neurovariety V (a factorization over C
  exists; `std(I) = 1` otherwise), and `nrRootsDeterm(I)` (the signature of the
  Hermite trace form: the number of distinct real points) is positive iff P
  is in M. Two charts (seeds 1 and 2) are used and must agree.
* Macaulay2 1.21: the kernel of the parametrisation over QQ
  (/work/shared/oracle/kernel.m2) and the rank of its Jacobian matrix at P,
  compared with the codimension: P (in V) is a smooth point iff they agree.
* SymPy: for architectures with one reduced level (stride 1, possibly after
  leading size-1 layers), the real roots of P (or of F with P = F(x^t, y^t)),
  with multiplicity (`count_roots` of the square-free factors): P is in M iff
  F has at least e real roots (e = layers of odd degree), and on the relative
  boundary iff F has fewer than e distinct real roots of odd multiplicity.
  The boundary answer is cross-checked by sampling: 200 random rational
  perturbations of F of relative size 1e-6 (all of V(R) is reachable), at
  least one of them outside M exactly when the point is on the boundary.
* By hand (docs/mathematics.md, section 7): the relative boundary for the
  architectures with several levels, from the semialgebraic descriptions
  derived there; `null` where no hand derivation is given.

Zero filters are not sent to Singular (the fibre is not finite); their
answers are by hand.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

import sympy as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "real_membership.json")
KERNEL_M2 = "/work/shared/oracle/kernel.m2"

# (filters, strides of the first L-1 layers, [(filter, boundary_by_hand, note)])
# boundary_by_hand: True / False / None (not derived by hand). For one-level
# architectures the SymPy criterion is used instead.
CASES = [
    ((2, 2), (1,), [
        ("1,0,-1", None, "x^2 - y^2: two real roots"),
        ("1,0,1", None, "x^2 + y^2: no real root"),
        ("1,-2,1", None, "(x - y)^2: a double real root"),
        ("0,0,1", None, "y^2: a double root at 0"),
        ("0,0,0", True, "the zero filter: e = 2 > 1, so M != R^3 (x^2 + t y^2, t > 0, is not in M)"),
    ]),
    ((2, 2, 2), (1, 1), [
        ("1,0,-3,1", None, "x^3 - 3xy^2 + y^3: three irrational real roots"),
        ("1,0,0,1", None, "x^3 + y^3: one real root"),
        ("1,-3,3,-1", None, "(x - y)^3"),
        ("1,0,-1,0", None, "x (x - y)(x + y)"),
    ]),
    ((3, 3), (1,), [
        ("1,0,0,0,1", None, "x^4 + y^4: e = 0, M = R^5"),
        ("1,0,0,0,2", None, "x^4 + 2 y^4"),
        ("1,-1,0,5,3", None, "a generic quartic"),
        ("0,0,0,0,0", False, "the zero filter: e = 0, M = R^5"),
    ]),
    ((2, 3), (1,), [
        ("1,0,0,1", None, "x^3 + y^3: one real root, enough since e = 1 (M = R^4)"),
        ("0,0,0,0", False, "the zero filter: e = 1, M = R^4"),
    ]),
    ((2, 4), (1,), [
        ("1,0,0,0,1", None, "x^4 + y^4: no real root, e = 2"),
        ("1,-3,3,-3,2", None, "(x - y)(x - 2y)(x^2 + y^2)"),
        ("1,-2,2,-2,1", None, "(x - y)^2 (x^2 + y^2)"),
    ]),
    ((3, 2), (2,), [
        ("1,0,0,0,1", False, "x^4 + y^4: in V(R), not in M (issue 20)"),
        ("1,0,0,0,-1", False, "x^4 - y^4: c1 = c3 = 0, c2^2 > 4 c0 c4: interior"),
        ("1,0,2,0,1", True, "(x^2 + y^2)^2: c2^2 = 4 c0 c4: boundary"),
        ("1,0,-2,0,1", True, "(x^2 - y^2)^2: c2^2 = 4 c0 c4: boundary"),
        ("1,0,3,0,1", False, "c2^2 > 4 c0 c4: interior"),
        ("1,1,0,0,1", None, "not in V"),
        ("2,5,7,10,6", False, "(2x^2 + 5xy + 3y^2)(x^2 + 2y^2): c1 c3 != 0, interior"),
        ("1,0,0,0,-2", False, "x^4 - 2y^4: interior, irrational witness"),
        ("0,0,0,0,0", True, "the zero filter: t (x^4 + y^4) is in V(R), not in M"),
    ]),
    ((2, 2, 2), (1, 2), [
        ("1,0,0,0,-1", True, "x^4 - y^4: c1 = c3 = 0; nearby c1 c3 (c1 c3 - 4 c0 c4) < 0"),
        ("1,0,0,0,1", False, "x^4 + y^4: not in M"),
        ("1,1,2,1,1", False, "(x^2 + xy + y^2)(x^2 + y^2): c1 c3 (c1 c3 - 4 c0 c4) < 0"),
        ("1,2,2,2,1", True, "(x + y)^2 (x^2 + y^2): c1 c3 = 4 c0 c4"),
        ("1,-3,7,-15,10", False, "(x^2 - 3xy + 2y^2)(x^2 + 5y^2): c1 c3 (c1 c3 - 4 c0 c4) > 0"),
    ]),
    ((2, 2), (2,), [
        ("1,1,2,2", False, "(x + y)(x^2 + 2y^2): Segre, M = V(R)"),
        ("1,0,0,1", None, "x^3 + y^3: c1 c2 != c0 c3, not in V"),
        ("0,0,0,0", False, "the zero filter: M = V(R)"),
    ]),
    ((3, 3), (2,), [
        ("1,1,1,2,1,3,-3", False, "(x^2 + xy - y^2)(X^2 + 2XY + 3Y^2): M = V(R)"),
        ("1,0,0,0,0,0,1", False, "x^6 + y^6 = (x^2 + y^2)(X^2 - XY + Y^2): M = V(R)"),
        ("1,0,0,0,0,0,0", False, "x^6: M = V(R)"),
    ]),
    ((2, 2, 2), (2, 2), [
        ("2,1,6,3,-2,-1,-6,-3", False, "(2x + y)(x^2 + 3y^2)(x^4 - y^4): Segre, M = V(R)"),
        ("1,0,0,0,0,0,0,1", None, "x^7 + y^7: not in V"),
    ]),
    ((1, 2, 2), (2, 1), [
        ("1,0,-3,0,2", None, "(X - Y)(X - 2Y), X = x^2, Y = y^2"),
        ("1,0,0,0,1", None, "X^2 + Y^2"),
        ("1,0,-2,0,1", None, "(X - Y)^2"),
        ("1,1,0,0,0", None, "not in V"),
    ]),
    ((2, 3), (3,), [
        ("1,-1,0,2,-2,0,-3,3", False, "(x - y)(X^2 + 2XY - 3Y^2): every level forced, one layer each"),
        ("1,0,0,0,0,0,0,1", None, "x^7 + y^7: not in V"),
    ]),
    ((3, 2, 2), (2, 2), [
        ("1,2,-3,-4,5,6,-9,-12,6", None, "(x^2 + 2xy - y^2)(x^2 - 2y^2)(x^4 + 3y^4)"),
        ("1,0,0,0,0,0,0,0,1", None, "x^8 + y^8"),
        ("1,0,0,0,0,0,0,0,-1", None, "x^8 - y^8"),
    ]),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def dilations(filters, strides):
    t = [1]
    for s in strides:
        t.append(t[-1] * s)
    return t


def weight_names(filters):
    return [[f"w{l}_{i}" for i in range(k)] for l, k in enumerate(filters)]


def composition(filters, strides):
    """The coefficients c_0..c_{d} of prod_l pi_{t_l}(w_l) as SymPy expressions."""
    x, y = sp.symbols("x y")
    t = dilations(filters, strides)
    names = weight_names(filters)
    syms = [[sp.Symbol(n) for n in row] for row in names]
    prod = sp.Integer(1)
    for l, k in enumerate(filters):
        prod *= sum(syms[l][i] * x ** ((k - 1 - i) * t[l]) * y ** (i * t[l]) for i in range(k))
    d = sum((k - 1) * tl for k, tl in zip(filters, t))
    poly = sp.Poly(sp.expand(prod), x, y)
    return [poly.coeff_monomial(x ** (d - i) * y ** i) for i in range(d + 1)], syms


def singular_fibre(filters, strides, P, seed):
    coeffs, syms = composition(filters, strides)
    rng = random.Random(seed)
    eqs = [f"{sp.sstr(c)}-({P[i]})" for i, c in enumerate(coeffs)]
    for l in range(len(filters) - 1):
        a = [rng.randint(-1000, 1000) or 1 for _ in syms[l]]
        eqs.append("+".join(f"{ai}*{s}" for ai, s in zip(a, syms[l])) + "-1")
    variables = ",".join(str(s) for row in syms for s in row)
    script = "\n".join([
        'LIB "rootsmr.lib";',
        f"ring r = 0,({variables}),dp;",
        "ideal I = " + ",\n  ".join(e.replace("**", "^") for e in eqs) + ";",
        "ideal J = std(I);",
        'print("DIM " + string(dim(J)));',
        'if (dim(J) == 0) { print("VDIM " + string(vdim(J))); print("REAL " + string(nrRootsDeterm(J))); }',
        'if (dim(J) == -1) { print("VDIM 0"); print("REAL 0"); }',
        "quit;",
    ])
    with tempfile.NamedTemporaryFile("w", suffix=".sing", delete=False) as f:
        f.write(script)
        path = f.name
    try:
        out = subprocess.run(["timeout", "300", "Singular", "-q", path],
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    vals = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("DIM", "VDIM", "REAL"):
            vals[parts[0]] = int(parts[1])
    if vals.get("DIM") not in (0, -1):
        raise RuntimeError(f"fibre not zero-dimensional: {filters} {strides} {P}: {out}")
    return vals["VDIM"], vals["REAL"]


def m2_smooth(filters, strides, P):
    ks = "{" + ",".join(map(str, filters)) + "}"
    ss = "{" + ",".join(map(str, strides)) + "}"
    pt = "{" + ",".join(f"{Fraction(p)}" for p in P) + "}"
    script = f"""load "{KERNEL_M2}";
K = lcnKernel(QQ, {ks}, {ss});
S = ring K;
pt = apply({pt}, q -> q_QQ);
J = jacobian gens K;
Jp = sub(J, matrix{{pt}});
print("RANK " | toString(rank Jp) | " CODIM " | toString(codim K));
"""
    with tempfile.NamedTemporaryFile("w", suffix=".m2", delete=False) as f:
        f.write(script)
        path = f.name
    try:
        out = subprocess.run(["timeout", "300", "M2", "--script", path],
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    for line in out.splitlines():
        if line.startswith("RANK"):
            _, r, _, c = line.split()
            return int(r) == int(c), int(r), int(c)
    raise RuntimeError(f"M2 failed: {out}")


def reduced_one_level(filters, strides):
    """(tau, degrees of the merged layers) when the reduced architecture has
    exactly one level, else None."""
    t = dilations(filters, strides)
    levels = sorted({tl for k, tl in zip(filters, t) if k > 1})
    if len(levels) != 1:
        return None
    tau = levels[0]
    return tau, [k - 1 for k, tl in zip(filters, t) if k > 1]


def real_roots(coeffs):
    """Real roots of the binary form sum c_i x^{d-i} y^i on P^1 as (distinct
    roots by multiplicity): list of multiplicities, roots at infinity
    included."""
    u = sp.Symbol("u")
    d = len(coeffs) - 1
    at_inf = 0
    while at_inf < len(coeffs) and coeffs[d - at_inf] == 0:
        at_inf += 1
    mults = []
    if at_inf:
        mults.append(at_inf)
    poly = sp.Poly(sum(sp.Rational(c) * u ** i for i, c in enumerate(coeffs)), u)
    if poly.degree() > 0:
        _, factors = sp.sqf_list(poly)
        for f, m in factors:
            mults += [m] * int(sp.Poly(f, u).count_roots())
    return mults


def stride1_answers(filters, strides, P):
    tau, degrees = reduced_one_level(filters, strides)
    F = P[::tau]
    if any(P[i] != 0 for i in range(len(P)) if i % tau):
        return None
    e = sum(1 for d in degrees if d % 2 == 1)
    mults = real_roots(F)
    in_m = sum(mults) >= e
    odd = sum(1 for m in mults if m % 2 == 1)
    boundary = in_m and odd < e
    # sampling: random rational perturbations of F
    rng = random.Random(7)
    scale = max(abs(Fraction(c)) for c in F)
    outside = 0
    for _ in range(200):
        G = [Fraction(c) + scale * Fraction(rng.randint(-10**6, 10**6), 10**12) for c in F]
        if sum(real_roots(G)) < e:
            outside += 1
    if in_m and (outside > 0) != boundary:
        raise RuntimeError(f"sampling disagrees: {filters} {P}: {outside} outside, boundary {boundary}")
    return {
        "real_roots_with_multiplicity": sum(mults),
        "distinct_odd_real_roots": odd,
        "e": e,
        "in_neuromanifold": in_m,
        "relative_boundary": boundary if in_m else None,
        "perturbations_outside_m": outside,
    }


def main():
    out_path = OUT
    if "--out" in sys.argv:
        out_path = sys.argv[sys.argv.index("--out") + 1]
    entries = []
    for filters, strides, filters_cases in CASES:
        for text, hand, note in filters_cases:
            P = [Fraction(x) for x in text.split(",")]
            log(f"{filters}/{strides}: {text}")
            entry = {
                "filters": list(filters),
                "strides": list(strides) + [1],
                "filter": text.split(","),
                "note": note,
            }
            zero = all(p == 0 for p in P)
            if zero:
                entry.update({"in_neurovariety": True, "in_neuromanifold": True,
                              "source_membership": "hand (the zero filter is mu(0, ...))"})
            else:
                v1, r1 = singular_fibre(filters, strides, P, 1)
                v2, r2 = singular_fibre(filters, strides, P, 2)
                if (v1 > 0) != (v2 > 0) or (r1 > 0) != (r2 > 0):
                    raise RuntimeError(f"charts disagree: {filters} {text}: {v1},{r1} vs {v2},{r2}")
                entry.update({
                    "in_neurovariety": v1 > 0,
                    "in_neuromanifold": r1 > 0,
                    "fibre_points": v1,
                    "fibre_real_points": r1,
                    "source_membership": "Singular rootsmr.lib nrRootsDeterm on the fibre in a random chart",
                })
            boundary = None
            source = None
            if entry["in_neuromanifold"]:
                one = reduced_one_level(filters, strides)
                if one is not None and not zero:
                    s = stride1_answers(filters, strides, P)
                    if s is None or s["in_neuromanifold"] != entry["in_neuromanifold"]:
                        raise RuntimeError(f"SymPy disagrees with Singular: {filters} {text}")
                    entry["sympy"] = s
                    boundary = s["relative_boundary"]
                    source = "SymPy real roots (count_roots) and 200 random perturbations"
                elif hand is not None:
                    boundary = hand
                    source = "hand (docs/mathematics.md, section 7)"
            entry["relative_boundary"] = boundary
            entry["source_boundary"] = source
            if entry["in_neurovariety"]:
                smooth, r, c = m2_smooth(filters, strides, [str(p) for p in P])
                entry.update({"smooth": smooth, "jacobian_rank": r, "codim": c,
                              "source_smooth": "Macaulay2 1.21: rank of the Jacobian of ker over QQ at the point"})
            else:
                entry.update({"smooth": None, "source_smooth": None})
            entries.append(entry)
    with open(out_path, "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")
    log(f"wrote {len(entries)} cases to {out_path}")


if __name__ == "__main__":
    main()
