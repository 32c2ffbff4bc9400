#!/usr/bin/env python3
"""Closed formulas from docs/lcn-math.md, in exact arithmetic.

* `ged(ns)`: the generic Euclidean distance degree of the Segre product
  P^{n_1} x ... x P^{n_L} (Draisma-Horobet-Ottaviani-Sturmfels-Thomas, Thm 5.8):

      sum_{0 <= a_i <= n_i} (-1)^{|a|} (2^{m-|a|+1} - 1) (m-|a|)!
                            prod_i C(n_i+1, a_i) / (n_i - a_i)!,      m = sum n_i.

  The paper's C_k is ged([k_i - 1 for k_i in k]).
* `reduce_arch(ks, ss)`: the reduced architecture of lcn-math.md section 2 (merge
  layers at equal dilation, drop size-1 layers).
* `expected_dim`, `expected_degree`: dim V = 1 + sum (k_l - 1) and
  deg V = m! / prod (kappa_j - 1)! (section 2).

Run `python3 ged.py` to print the table of values quoted in lcn-math.md section 5
(self-check); `python3 ged.py 3,2,2 2,2` prints the values for one architecture.
"""

import itertools
import sys
from fractions import Fraction
from math import comb, factorial, prod


def ged(ns):
    """gEDdeg(P^{n_1} x ... x P^{n_L}) by the closed formula, as an exact integer."""
    ns = [n for n in ns]
    if any(n < 0 for n in ns):
        raise ValueError("negative projective dimension")
    m = sum(ns)
    total = Fraction(0)
    for a in itertools.product(*[range(n + 1) for n in ns]):
        s = sum(a)
        term = Fraction((-1) ** s * (2 ** (m - s + 1) - 1) * factorial(m - s))
        for n, ai in zip(ns, a):
            term *= Fraction(comb(n + 1, ai), factorial(n - ai))
        total += term
    if total.denominator != 1:
        raise AssertionError(f"gEDdeg{ns} not an integer: {total}")
    return int(total)


def dilations(ks, ss):
    """t_1 = 1, t_{l+1} = t_l s_l (ss = the first L-1 strides)."""
    ts = [1]
    for s in ss[: len(ks) - 1]:
        ts.append(ts[-1] * s)
    return ts


def num_coords(ks, ss):
    ts = dilations(ks, ss)
    return 1 + sum((k - 1) * t for k, t in zip(ks, ts))


def reduce_arch(ks, ss):
    """Reduced architecture: (kappas, taus). Layers at equal dilation merge into one
    of size sum(k_l - 1) + 1; size-1 layers (and merged groups of size 1) drop out."""
    ts = dilations(ks, ss)
    groups = {}
    order = []
    for k, t in zip(ks, ts):
        if t not in groups:
            groups[t] = 0
            order.append(t)
        groups[t] += k - 1
    kappas, taus = [], []
    for t in order:
        if groups[t] > 0:
            kappas.append(groups[t] + 1)
            taus.append(t)
    return kappas, taus


def expected_dim(ks):
    return 1 + sum(k - 1 for k in ks)


def expected_degree(ks, ss):
    kappas, _ = reduce_arch(ks, ss)
    ns = [k - 1 for k in kappas]
    return factorial(sum(ns)) // prod(factorial(n) for n in ns)


def ged_parameter(ks):
    """Parameter-space count: gEDdeg of the Segre of the *given* filter sizes."""
    return ged([k - 1 for k in ks])


def ged_function(ks, ss):
    """Function-space ED degree: gEDdeg of the Segre of the *reduced* architecture."""
    kappas, _ = reduce_arch(ks, ss)
    return ged([k - 1 for k in kappas])


def _self_check():
    # values quoted in lcn-math.md section 5
    quoted = {
        (2, 2): 6, (2, 3): 10, (3, 3): 39, (2, 2, 2): 34, (2, 2, 3): 100,
        (4, 4): 284, (2, 2, 2, 2): 280, (2, 3, 4, 5): 2976084, (4, 4, 5): 806396,
        (2, 3, 8): 12698, (11,): 1, (2, 10): 38,
    }
    ok = True
    for ks, v in quoted.items():
        got = ged_parameter(ks)
        flag = "ok" if got == v else "MISMATCH"
        ok &= got == v
        print(f"C{ks} = {got} (doc: {v}) {flag}")
    return ok


if __name__ == "__main__":
    if len(sys.argv) == 1:
        sys.exit(0 if _self_check() else 1)
    ks = [int(x) for x in sys.argv[1].split(",")]
    ss = [int(x) for x in sys.argv[2].split(",")] if len(sys.argv) > 2 and sys.argv[2] else []
    kappas, taus = reduce_arch(ks, ss)
    print(f"filters {ks} strides {ss}: k = {num_coords(ks, ss)}, reduced {kappas} at dilations {taus}")
    print(f"dim {expected_dim(ks)}, degree {expected_degree(ks, ss)}, "
          f"gEDdeg parameter {ged_parameter(ks)}, function {ged_function(ks, ss)}")
