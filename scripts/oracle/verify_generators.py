#!/usr/bin/env python3
"""Verify the crate's neurovariety generators against Macaulay2 (and the
Singular / SymPy exports), writing tests/fixtures/generator_checks.json.
Documented in docs/verification.md.

For every architecture of tests/fixtures/kernels.json:

1. run the crate's example binary
       lcn --filters F --strides S,1 --json --equations         (the polynomials, timed)
       lcn --filters F --strides S,1 --generators --format m2   (the M2 export block)
   and check that the exported block lists exactly the JSON polynomials
   ("m2_block_matches_json");
2. evaluate every generator exactly at mu(w) for two random integer layer
   filters w ("vanish_on_random_mu", no Macaulay2 needed), and at a random
   integer point of C^k ("nonzero_at_random_point", a negative control);
3. when Macaulay2's kernel K is known to finish (kernels.json "finished"; with
   --slow also (6,6)/2), feed the crate's M2 block to two Macaulay2 scripts:
   a. RADICAL_M2 below (timeout --timeout, default 600 s): I subset K, and every
      minimal generator of K lies in rad I (g in I, g^2 in I, g^3 in I, or
      Rabinowitsch).  Since K is prime this is exactly minimalPrimes I == {K};
   b. timeout --minprimes-timeout M2 --script scripts/oracle/check_generators.m2
      FILE FILTERS STRIDES (minimalPrimes I == {K} literally; default 120 s,
      because minimalPrimes must prove K prime and is slow for large kernels).
   "minimal_primes_equal_kernel" comes from (b) when it finished, else from (a);
   "m2_method" says which; a disagreement is reported as a failure;
4. for the architectures in EXPORT_ARCHS check the Singular export (loads in
   `Singular -q`, dim(std(I)) = expected affine dimension, mult(std(I))) and the
   SymPy export (runs in python3, every expression vanishes at mu(w) for three
   random integer w, and not all vanish at a random point of C^k).

Usage (from the repository root):
    cargo build --release --features cli --bin lcn
    python3 scripts/oracle/verify_generators.py --slow          # everything, ~25 min
    python3 scripts/oracle/verify_generators.py --only 3,3/2 --only 3,3,2/2,2   # merge a subset
Options: --lcn PATH (binary; default target/release/lcn), --timeout SECONDS,
--minprimes-timeout SECONDS, --no-m2, --no-exports, --slow, --out FILE, --seed N.
Architectures are written as in kernels.json, with the first L-1 strides
("3,3/2" = filters (3,3), strides (2); the binary gets "--strides 2,1").
Exit status 1 if any check failed (the failures are listed at the end).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
KERNELS = os.path.join(ROOT, "tests", "fixtures", "kernels.json")
OUT = os.path.join(ROOT, "tests", "fixtures", "generator_checks.json")
CHECK_M2 = os.path.join(HERE, "check_generators.m2")

MAX_RECORDED_GENERATORS = 40

# Architectures whose Singular and SymPy exports are checked (filters, first L-1 strides).
EXPORT_ARCHS = [
    ((3, 2), (1,)),  # fills C^4: the zero ideal
    ((3, 3), (2,)),  # subresultant cubics
    ((2, 3), (5,)),  # linear "gap" equations and quadrics
    ((2, 2, 2), (2, 2)),  # Segre P1xP1xP1 in P7
    ((3, 2, 2), (1, 2)),  # stride 1 merge: one quartic
    ((3, 3, 3), (2, 2)),  # 188 generators of degree 3 and 4
    ((3, 3, 2, 2), (2, 2, 2)),  # 541 generators of degree 2, 3 and 4
]
# Singular std() is skipped where it would be needlessly slow (none at present).
SINGULAR_SKIP = set()
# (4,4,4)/(2,2) is not in EXPORT_ARCHS: its 18115 generators (19.5 MB of text) make
# the SymPy check exceed 600 s; every entry gets the exact containment check
# "vanish_on_random_mu" instead (eval_poly below).

# kernels.json says "finished": false, but its note records a standalone M2 run that
# finishes (about 90 s): attempted only with --slow.
SLOW_KNOWN = {((6, 6), (2,))}

REFUSED_RETRY_LIMIT = 10**9


def arch_name(filters, strides):
    return "(%s)/(%s)" % (",".join(map(str, filters)), ",".join(map(str, strides)))


def mu(filters, strides, weights):
    """End-to-end filter: coefficients (c_0..c_{k-1}) of prod_l pi_{t_l}(w_l),
    pi_t(v) = sum_i v_i x^{t(n-1-i)} y^{t i}, t_1 = 1, t_{l+1} = t_l s_l.
    Dehomogenised in y: c_i is the coefficient of y^i."""
    prod = [1]
    t = 1
    for l, w in enumerate(weights):
        dil = [0] * (t * (len(w) - 1) + 1)
        for i, v in enumerate(w):
            dil[t * i] = v
        new = [0] * (len(prod) + len(dil) - 1)
        for i, a in enumerate(prod):
            if a:
                for j, b in enumerate(dil):
                    new[i + j] += a * b
        prod = new
        if l < len(strides):
            t *= strides[l]
    return prod


def random_mu_point(filters, strides, rng):
    ws = [[rng.choice([v for v in range(-9, 10) if v != 0]) for _ in range(k)] for k in filters]
    return ws, mu(filters, strides, ws)


TERM_RE = re.compile(r"[+-]?[^+-]+")


def eval_poly(s, point):
    """Evaluate a polynomial string in M2 syntax (integer or a/b coefficients,
    products of c<i>^<e>) at an integer point, exactly."""
    s = s.replace(" ", "")
    if s in ("0", "0_R"):
        return 0
    total = Fraction(0)
    for term in TERM_RE.findall(s):
        sign = -1 if term[0] == "-" else 1
        term = term.lstrip("+-")
        val = Fraction(sign)
        for f in term.split("*"):
            m = re.fullmatch(r"c(\d+)(?:\^(\d+))?", f)
            if m:
                val *= Fraction(point[int(m.group(1))]) ** int(m.group(2) or 1)
            else:
                val *= Fraction(f)
        total += val
    return total


def run(cmd, timeout=None):
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.time() - t0
    return p, time.time() - t0


def block_from(stdout, start_re):
    """The export block printed after the report: from the first line matching start_re."""
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if re.match(start_re, line):
            return "\n".join(lines[i:]) + "\n"
    return None


def m2_block_polys(block):
    """The polynomials listed in the crate's M2 block, one per line."""
    body = block.split("ideal(", 1)[1].rsplit(");", 1)[0]
    polys = [ln.strip().rstrip(",") for ln in body.strip().splitlines() if ln.strip()]
    return [] if polys == ["0_R"] else polys


def crate_generators(lcn, filters, strides, fmt, json_mode):
    """The export (`--generators --format FMT`) or, with json_mode, the JSON
    report with its `equations` part (`--equations --json`)."""
    args = [lcn, "--filters", ",".join(map(str, filters)), "--strides", ",".join(map(str, list(strides) + [1]))]
    args += ["--equations", "--json"] if json_mode else ["--generators", "--format", fmt]
    p, dt = run(args, timeout=3600)
    refused = None
    if p is not None and p.returncode != 0 and "too large" in (p.stderr + p.stdout).lower():
        refused = (p.stderr + p.stdout).strip()
    elif json_mode and p is not None and p.returncode == 0:
        eq = json.loads(p.stdout)["equations"]
        if eq.get("skipped") == "too_large":
            refused = eq["reason"]
    if refused:
        p, dt = run(args + ["--limit", str(REFUSED_RETRY_LIMIT)], timeout=3600)
    return p, dt, refused


# A second, much faster test of the same statement (minimalPrimes I == {K}, i.e.
# rad I = K since K is prime), used because minimalPrimes must prove K prime and
# times out on the larger kernels:
#   I subset K (normal forms mod a Groebner basis of K), and every minimal
#   generator g of K lies in rad I: g in I, else g^2 in I or g^3 in I (normal forms
#   mod gb I), else Rabinowitsch: 1 in I + (1 - t g) in S[t].
# Same conventions as check_generators.m2 (ZZ/32003, variables by position).
RADICAL_M2 = r"""
load "%(lcn)s";
args := drop(scriptCommandLine, 1);
ks := parseIntList(args#1); ss := parseIntList(args#2);
K := lcnKernel(ZZ/32003, ks, ss);
S := ring K;
value get args#0;
Rc := value getSymbol "R"; Ic := value getSymbol "I";
if numgens Rc != numgens S then (stderr << "size mismatch" << endl; exit 2);
Ip := (map(S, Rc, gens S)) Ic;
contained := isSubset(Ip, K);
G := gb Ip;
gs := flatten entries mingens K;
inI := select(gs, g -> g %% G == 0);
rest := select(gs, g -> g %% G != 0);
sq := select(rest, g -> (g^2) %% G == 0);
rest = select(rest, g -> (g^2) %% G != 0);
cu := select(rest, g -> (g^3) %% G == 0);
rest = select(rest, g -> (g^3) %% G != 0);
T := (coefficientRing S)[gens S | {getSymbol "tRabinowitsch"}];
IT := ideal sub(gens Ip, T);
rab := select(rest, g -> 1_T %% gb(IT + ideal(1 - T_(numgens S) * sub(g, T))) == 0);
inRadical := #rab == #rest;
print("I_contained_in_K: " | jsonBool contained);
print("K_in_radical_I: " | jsonBool inRadical);
print("same_variety: " | jsonBool(contained and inRadical));
print("I_equals_K: " | jsonBool(contained and #inI == #gs));
print("num_mingens_K: " | toString(#gs));
print("mingens_K_in_I: " | toString(#inI));
print("mingens_K_square_in_I: " | toString(#sq));
print("mingens_K_cube_in_I: " | toString(#cu));
print("mingens_K_rabinowitsch: " | toString(#rab) | "/" | toString(#rest));
exit(if contained and inRadical then 0 else 1);
"""


def check_m2(lcn_block, filters, strides, timeout, script=CHECK_M2):
    with tempfile.NamedTemporaryFile("w", suffix=".m2", delete=False) as f:
        f.write(lcn_block)
        path = f.name
    cmd = ["timeout", str(timeout), "M2", "--script", script, path, ",".join(map(str, filters)), ",".join(map(str, strides))]
    p, dt = run(cmd)
    os.unlink(path)
    res = {"seconds": round(dt, 2), "exit": p.returncode if p else None}
    if p is None or p.returncode == 124:
        res["timeout"] = True
        return res
    out = {}
    for line in p.stdout.splitlines():
        m = re.match(r"\s*(\w+):\s*(\S+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    res.update(out)
    if p.returncode not in (0, 1):
        res["stderr"] = p.stderr.strip()[-500:]
    return res


def singular_check(lcn, filters, strides, timeout):
    p, _, _ = crate_generators(lcn, filters, strides, "singular", False)
    if p is None or p.returncode != 0:
        return {"ok": False, "error": "crate failed"}
    block = block_from(p.stdout, r"^ring r = ")
    script = block + "print(dim(std(I)));\nprint(mult(std(I)));\nquit;\n"
    with tempfile.NamedTemporaryFile("w", suffix=".sing", delete=False) as f:
        f.write(script)
        path = f.name
    q, dt = run(["timeout", str(timeout), "Singular", "-q", path])
    os.unlink(path)
    if q is None or q.returncode != 0:
        return {"loads": False, "seconds": round(dt, 2), "error": (q.stderr if q else "timeout")[-300:]}
    vals = [ln.strip() for ln in q.stdout.splitlines() if ln.strip()]
    err = "?" in q.stdout or "error" in q.stdout.lower()
    try:
        dim, mult = int(vals[0]), int(vals[1])
    except (IndexError, ValueError):
        return {"loads": False, "seconds": round(dt, 2), "output": q.stdout[-300:]}
    return {"loads": not err, "dim_std": dim, "mult_std": mult, "seconds": round(dt, 2)}


SYMPY_CHECK = r"""
# ---- appended by verify_generators.py ----
import json as _json, sys as _sys, random as _random, sympy as _sp
_pts = _json.loads(_sys.argv[1])
_syms = [globals()["c%d" % _i] for _i in range(len(_pts[0]))]
_ok = True
for _p in _pts:
    _d = dict(zip(_syms, [_sp.Integer(_v) for _v in _p]))
    for _e in I:
        if _sp.expand(_sp.sympify(_e).subs(_d)) != 0:
            _ok = False
_rng = _random.Random(1)
_g = dict(zip(_syms, [_sp.Integer(_rng.randint(-50, 50)) for _ in _syms]))
_nonzero = sum(1 for _e in I if _sp.expand(_sp.sympify(_e).subs(_g)) != 0)
print(_json.dumps({"num_expressions": len(I), "vanish_on_mu": _ok, "nonzero_at_random_point": _nonzero}))
"""


def sympy_check(lcn, filters, strides, rng, timeout):
    p, _, _ = crate_generators(lcn, filters, strides, "sympy", False)
    if p is None or p.returncode != 0:
        return {"ok": False, "error": "crate failed"}
    block = block_from(p.stdout, r"^from sympy import")
    points = [random_mu_point(filters, strides, rng)[1] for _ in range(3)]
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(block + SYMPY_CHECK)
        path = f.name
    q, dt = run(["timeout", str(timeout), sys.executable, path, json.dumps(points)])
    os.unlink(path)
    if q is None or q.returncode != 0:
        return {"runs": False, "seconds": round(dt, 2), "error": (q.stderr if q else "timeout")[-300:]}
    res = json.loads(q.stdout.strip().splitlines()[-1])
    res.update({"runs": True, "points": 3, "seconds": round(dt, 2)})
    return res


def verify(entry, args, rng):
    filters, strides = entry["filters"], entry["strides"]
    key = (tuple(filters), tuple(strides))
    rec = {
        "filters": filters,
        "strides": strides,
        "k": entry["k"],
        "crate_counts_by_degree": None,
        "crate_num_generators": None,
        "kernel_num_mingens": entry.get("num_mingens") if entry.get("finished") else None,
        "kernel_mingens_degrees": entry.get("mingens_degrees") if entry.get("finished") else None,
        "ratio": None,
        "minimal_primes_equal_kernel": None,
        "ideal_contained_in_kernel": None,
        "ideal_equals_kernel": None,
        "m2_seconds": None,
        "crate_seconds": None,
        "crate_dimension": None,
        "crate_degree": None,
        "m2_block_matches_json": None,
        "vanish_on_random_mu": None,
        "nonzero_at_random_point": None,
    }
    notes = []
    p, dt, refused = crate_generators(args.lcn, filters, strides, "m2", True)
    if refused:
        notes.append("refused at the default limit (%s); recomputed with --limit %d" % (refused.splitlines()[-1], REFUSED_RETRY_LIMIT))
    if p is None or p.returncode != 0:
        notes.append("crate failed: %s" % ("timeout" if p is None else (p.stderr or p.stdout).strip()[-300:]))
        rec["note"] = "; ".join(notes)
        return rec
    j = json.loads(p.stdout)
    # the report's polynomials are in plain syntax, which is Macaulay2's with
    # spaces around + and -
    polys = [q.replace(" ", "") for q in j["equations"]["polynomials"]]
    counts = {}
    for s in polys:
        d = poly_degree(s)
        counts[str(d)] = counts.get(str(d), 0) + 1
    rec["crate_counts_by_degree"] = dict(sorted(counts.items(), key=lambda kv: int(kv[0])))
    rec["crate_num_generators"] = len(polys)
    rec["crate_seconds"] = round(dt, 3)
    rec["crate_dimension"] = j["neurovariety"]["dimension"]
    rec["crate_degree"] = int(j["neurovariety"]["degree"])
    kn = rec["kernel_num_mingens"]
    if kn:
        rec["ratio"] = round(len(polys) / kn, 3)
    elif kn == 0:
        notes.append("the neurovariety fills C^k: kernel and crate ideal are both zero" if not polys else "kernel is zero but the crate has generators")
    if entry.get("finished"):
        nv = j["neurovariety"]
        if nv["dimension"] != entry["dim"] or int(nv["degree"]) != entry["degree"]:
            notes.append("crate dim/degree %s/%s differ from M2 %s/%s" % (nv["dimension"], nv["degree"], entry["dim"], entry["degree"]))

    # the M2 export block
    q, _, _ = crate_generators(args.lcn, filters, strides, "m2", False)
    block = block_from(q.stdout, r"^R = QQ\[") if q is not None and q.returncode == 0 else None
    rec["m2_block_matches_json"] = block is not None and m2_block_polys(block) == polys

    # independent containment check: every generator vanishes at mu(w)
    ok = True
    for _ in range(2):
        _, pt = random_mu_point(filters, strides, rng)
        if len(pt) != entry["k"]:
            ok = False
            notes.append("mu has %d coordinates, expected %d" % (len(pt), entry["k"]))
            break
        if any(eval_poly(s, pt) != 0 for s in polys):
            ok = False
    rec["vanish_on_random_mu"] = ok
    # negative control: at a random integer point of C^k the generators do not vanish
    generic = [rng.randint(-50, 50) for _ in range(entry["k"])]
    rec["nonzero_at_random_point"] = sum(1 for s in polys if eval_poly(s, generic) != 0)

    run_m2 = entry.get("finished") or (args.slow and key in SLOW_KNOWN)
    if args.no_m2:
        notes.append("M2 not run (--no-m2)")
    elif not run_m2:
        if key in SLOW_KNOWN:
            notes.append("M2 check not run (kernel marked unfinished in kernels.json; rerun with --slow)")
        else:
            notes.append("M2 check not run: Macaulay2's kernel does not finish (kernels.json)")
    elif block is None:
        notes.append("no M2 block")
    else:
        # 1. the fast radical-membership test
        with tempfile.NamedTemporaryFile("w", suffix=".m2", delete=False) as f:
            f.write(RADICAL_M2 % {"lcn": os.path.join(HERE, "lcn.m2")})
            radical_script = f.name
        rad = check_m2(block, filters, strides, args.timeout, script=radical_script)
        os.unlink(radical_script)
        # 2. check_generators.m2 (minimalPrimes I == {K})
        mp = check_m2(block, filters, strides, args.minprimes_timeout)
        rec["m2_checks"] = {"radical": rad, "check_generators": mp}
        rec["m2_seconds"] = round(rad["seconds"] + mp["seconds"], 2)
        for r, name in ((rad, "radical test"), (mp, "check_generators.m2")):
            if r.get("timeout"):
                notes.append("%s timed out at %d s" % (name, args.timeout if r is rad else args.minprimes_timeout))
            elif "same_variety" not in r:
                notes.append("%s failed (exit %s): %s" % (name, r.get("exit"), r.get("stderr", "")))
        decided = [r for r in (mp, rad) if "same_variety" in r]
        if decided:
            r = decided[0]
            rec["m2_method"] = "minimalPrimes (check_generators.m2)" if r is mp else "radical membership (check_generators.m2 timed out)"
            rec["minimal_primes_equal_kernel"] = r["same_variety"] == "true"
            rec["ideal_contained_in_kernel"] = r.get("I_contained_in_K") == "true"
            rec["ideal_equals_kernel"] = r.get("I_equals_K") == "true"
            if len(decided) == 2 and any(mp[x] != rad[x] for x in ("same_variety", "I_contained_in_K", "I_equals_K")):
                notes.append("DISAGREEMENT between check_generators.m2 and the radical test")
                rec["minimal_primes_equal_kernel"] = False
            if "num_generators_I" in mp and int(mp["num_generators_I"]) != max(len(polys), 1):  # ideal(0_R): one generator
                notes.append("M2 read %s generators, crate printed %d" % (mp["num_generators_I"], len(polys)))
            if kn is None and "num_mingens_K" in r:
                rec["m2_num_mingens_K"] = int(r["num_mingens_K"])
                notes.append("kernel computed in this run (ZZ/32003): %s minimal generators" % r["num_mingens_K"])
                if rec["m2_num_mingens_K"]:
                    rec["ratio"] = round(len(polys) / rec["m2_num_mingens_K"], 3)

    if not args.no_exports and key in {a for a in EXPORT_ARCHS}:
        ec = {}
        if key not in SINGULAR_SKIP:
            s = singular_check(args.lcn, filters, strides, args.timeout)
            s["expected_dim"] = j["dimension"]
            s["dim_ok"] = s.get("dim_std") == j["dimension"]
            ec["singular"] = s
        ec["sympy"] = sympy_check(args.lcn, filters, strides, rng, args.timeout)
        rec["export_checks"] = ec

    if len(polys) <= MAX_RECORDED_GENERATORS:
        rec["crate_generators"] = polys
    if entry.get("note") and not entry.get("finished"):
        notes.append("kernels.json: " + entry["note"])
    rec["note"] = "; ".join(notes)
    return rec


def poly_degree(s):
    best = 0
    for term in TERM_RE.findall(s.replace(" ", "")):
        d = 0
        for f in term.lstrip("+-").split("*"):
            m = re.fullmatch(r"c\d+(?:\^(\d+))?", f)
            if m:
                d += int(m.group(1) or 1)
        best = max(best, d)
    return best


def parse_only(s):
    f, _, st = s.partition("/")
    return (tuple(int(x) for x in f.split(",")), tuple(int(x) for x in st.split(",")) if st else ())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lcn", default=os.path.join(ROOT, "target", "release", "lcn"))
    ap.add_argument("--timeout", type=int, default=600, help="per M2 (radical test) / Singular / SymPy call")
    ap.add_argument("--minprimes-timeout", type=int, default=120, help="per check_generators.m2 (minimalPrimes) call")
    ap.add_argument("--only", action="append", default=[], help="FILTERS/STRIDES, e.g. 3,3/2 (repeatable); merged into --out")
    ap.add_argument("--no-m2", action="store_true")
    ap.add_argument("--no-exports", action="store_true")
    ap.add_argument("--slow", action="store_true", help="also run M2 on (6,6)/2")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    if not os.path.exists(args.lcn):
        sys.exit("no binary %s: run `cargo build --release --features cli --bin lcn` first" % args.lcn)
    with open(KERNELS) as f:
        kernels = json.load(f)
    only = {parse_only(s) for s in args.only}
    previous = {}
    if only and os.path.exists(args.out):
        with open(args.out) as f:
            previous = {(tuple(e["filters"]), tuple(e["strides"])): e for e in json.load(f)}
    rng = random.Random(args.seed)
    done = {}
    problems = []

    def write():
        out = []
        for e in kernels:
            key = (tuple(e["filters"]), tuple(e["strides"]))
            if key in done:
                out.append(done[key])
            elif key in previous:
                out.append(previous[key])
        with open(args.out, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
        return len(out)

    for entry in kernels:
        key = (tuple(entry["filters"]), tuple(entry["strides"]))
        if only and key not in only:
            continue
        t0 = time.time()
        rec = verify(entry, args, rng)
        done[key] = rec
        print(
            "%-22s crate %5s kernel %5s ratio %6s  minPrimes==K %-5s  I==K %-5s  m2 %7ss  (%.1f s) %s"
            % (
                arch_name(*key),
                rec["crate_num_generators"],
                rec["kernel_num_mingens"],
                rec["ratio"],
                rec["minimal_primes_equal_kernel"],
                rec["ideal_equals_kernel"],
                rec["m2_seconds"],
                time.time() - t0,
                rec["note"][:80],
            ),
            flush=True,
        )
        if rec["minimal_primes_equal_kernel"] is False:
            problems.append("%s: minimalPrimes I != {K}" % arch_name(*key))
        if rec["ratio"] is not None and rec["ratio"] > 4:
            problems.append("%s: ratio %s > 4" % (arch_name(*key), rec["ratio"]))
        if rec["vanish_on_random_mu"] is False:
            problems.append("%s: a generator does not vanish at mu(w)" % arch_name(*key))
        if rec["m2_block_matches_json"] is False:
            problems.append("%s: M2 block differs from the JSON polynomials" % arch_name(*key))
        ec = rec.get("export_checks", {})
        if "singular" in ec and not (ec["singular"].get("loads") and ec["singular"].get("dim_ok")):
            problems.append("%s: Singular export check failed: %s" % (arch_name(*key), ec["singular"]))
        if "sympy" in ec and not (ec["sympy"].get("runs") and ec["sympy"].get("vanish_on_mu")):
            problems.append("%s: SymPy export check failed: %s" % (arch_name(*key), ec["sympy"]))
        write()  # after every architecture, so that a partial run survives
    n = write()
    print("\nwrote %s (%d entries)" % (args.out, n))
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  " + p)
        return 1
    print("no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
