#!/usr/bin/env python3
"""Reference timing for `neurovariety::segre::generic_ed_degree`.

A straightforward exact-rational (fractions.Fraction) implementation of the
grouped evaluation of the generic ED degree of the Segre variety
P^{n_1} x ... x P^{n_L} (DHOST Thm 5.8, lcn-math.md section 5):

    gEDdeg = sum_s (-1)^s (2^{m-s+1} - 1) (m-s)! [t^s] prod_i P_{n_i}(t),
    P_n(t) = sum_{a=0}^{n} C(n+1, a) / (n-a)! t^a,       m = sum_i n_i.

The polynomials are multiplied one after another by schoolbook multiplication
with Fraction coefficients. The script prints, for the inputs of
`benches/segre.rs`, the wall-clock and CPU time of one evaluation (best of a few runs
for the fast cases) and a fingerprint of the answer (number of decimal digits,
leading 30 digits and the residue modulo the prime 2^61 - 1) that the Rust
bench asserts before timing.

Usage: python3 scripts/bench/segre_grouped.py
"""

import time
from fractions import Fraction
from math import comb, factorial


def factor_poly(n):
    return [Fraction(comb(n + 1, a), factorial(n - a)) for a in range(n + 1)]


def poly_mul(p, q):
    r = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            r[i + j] += a * b
    return r


def generic_ed_degree(dims):
    m = sum(dims)
    prod = [Fraction(1)]
    for n in dims:
        prod = poly_mul(prod, factor_poly(n))
    total = Fraction(0)
    for s, c in enumerate(prod):
        total += (-1) ** s * (2 ** (m - s + 1) - 1) * factorial(m - s) * c
    assert total.denominator == 1
    return total.numerator


MERSENNE61 = 2**61 - 1


def fingerprint(x):
    d = str(x)
    return len(d), d[:30], x % MERSENNE61


CASES = [
    ("dims (1,2,3,4)", [1, 2, 3, 4], 20),
    ("50 layers of size 20 (dims 19 x 50)", [19] * 50, 1),
    ("8 layers of size 200 (dims 199 x 8)", [199] * 8, 1),
]


def main():
    assert generic_ed_degree([1, 2, 3, 4]) == 2976084
    for name, dims, reps in CASES:
        best = best_cpu = float("inf")
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            value = generic_ed_degree(dims)
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        digits, lead, residue = fingerprint(value)
        print(f"{name}: {best:.6f} s wall, {best_cpu:.6f} s cpu (best of {reps}); "
              f"{digits} digits, leading {lead}, mod 2^61-1 = {residue}", flush=True)


if __name__ == "__main__":
    main()
