#!/usr/bin/env python3
"""The exact critical point count C_k of the 50-layer architecture with filter
sizes k_l = 5 + (l mod 17) (l = 0..49, sizes 5..21), an independent reference
for tests/report_limits.rs and python/tests.

The generic ED degree of P^{n_1} x ... x P^{n_L} (DHOST, Thm 5.8; n_i = k_i - 1)
is summed here over j = |a| with exact Fractions: the coefficient of t^j in
prod_i sum_{a_i} C(n_i + 1, a_i) t^{a_i} / (n_i - a_i)! is computed by a plain
polynomial product over Q, with no integer scaling, no Kronecker substitution and
no Horner scheme (the crate's segre.rs uses all three).

Usage: python3 scripts/oracle/ck_50_layers.py > tests/fixtures/ck_50_layers.txt
"""
from fractions import Fraction
from math import comb, factorial


def generic_ed_degree(dims):
    dims = [n for n in dims if n > 0]
    m = sum(dims)
    poly = [Fraction(1)]
    for n in dims:
        factor = [Fraction(comb(n + 1, a), factorial(n - a)) for a in range(n + 1)]
        out = [Fraction(0)] * (len(poly) + n)
        for i, x in enumerate(poly):
            for j, y in enumerate(factor):
                out[i + j] += x * y
        poly = out
    total = Fraction(0)
    for j, c in enumerate(poly):
        total += (-1) ** j * (2 ** (m - j + 1) - 1) * factorial(m - j) * c
    assert total.denominator == 1
    return total.numerator


if __name__ == "__main__":
    assert generic_ed_degree([1, 2, 3, 4]) == 2976084  # C(2,3,4,5), docs/mathematics.md
    assert generic_ed_degree([2, 2]) == 39
    sizes = [5 + (l % 17) for l in range(50)]
    print(generic_ed_degree([k - 1 for k in sizes]))
