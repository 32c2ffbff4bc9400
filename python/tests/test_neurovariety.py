"""Tests of the Python package against independent sources: SymPy expansions
of the compositions, the Macaulay2 fixtures of the Rust crate
(tests/fixtures/*.json), hand-derived examples (docs/mathematics.md), an
independent evaluation of C_k in Python fractions
(scripts/oracle/ck_50_layers.py), and NumPy evaluations of the loss."""

import json
import os
import threading
import time
from fractions import Fraction

import numpy as np
import pytest
import sympy

import neurovariety as nv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


def sympy_compose(arch, layers):
    """mu(w) by SymPy: the coefficients of prod_l pi_{t_l}(w_l) in x, y
    (c_i the coefficient of x^(k-1-i) y^i)."""
    x, y = sympy.symbols("x y")
    p = sympy.Integer(1)
    for w, t in zip(layers, arch.dilations):
        n = len(w)
        p *= sum(sympy.nsimplify(w[i]) * x ** (t * (n - 1 - i)) * y ** (t * i) for i in range(n))
    poly = sympy.Poly(sympy.expand(p), x, y)
    k = arch.end_to_end_filter_size
    return [poly.coeff_monomial(x ** (k - 1 - i) * y**i) for i in range(k)]


def symbolic_point(arch):
    """mu of symbolic layer filters a_{l,j}, by SymPy."""
    layers = [
        [sympy.Symbol(f"a{l}_{j}") for j in range(kl)] for l, kl in enumerate(arch.filter_sizes)
    ]
    x, y = sympy.symbols("x y")
    p = sympy.Integer(1)
    for w, t in zip(layers, arch.dilations):
        n = len(w)
        p *= sum(w[i] * x ** (t * (n - 1 - i)) * y ** (t * i) for i in range(n))
    poly = sympy.Poly(sympy.expand(p), x, y)
    k = arch.end_to_end_filter_size
    return [poly.coeff_monomial(x ** (k - 1 - i) * y**i) for i in range(k)]


# --- architectures and exact counts -------------------------------------------


def test_the_readme_example_prints_2385():
    # C(3,3,3): docs/mathematics.md lists the formula; the fixture script
    # evaluates it independently in fractions
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ck_oracle", os.path.join(ROOT, "scripts", "oracle", "ck_50_layers.py")
    )
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    a = nv.Architecture([3, 3, 3], [2, 2, 1])
    assert a.critical_point_count() == 2385 == oracle.generic_ed_degree([2, 2, 2])


def test_invariants_of_the_papers_example():
    # docs/mathematics.md: (2,3,4,5)/(2,2,2): k = 1+1+4+12+32 = 50, dim 11,
    # degree 10!/(1!2!3!4!) = 12600, C = 2976084 (Macaulay2)
    a = nv.Architecture([2, 3, 4, 5], [2, 2, 2, 1])
    assert a.end_to_end_filter_size == 50
    assert a.dimension == 11
    assert a.degree == 12600
    assert a.critical_point_count() == 2976084
    assert a.end_to_end_stride == 8
    assert a.dilations == [1, 2, 4, 8]


@pytest.mark.parametrize("case", fixture("ed_degrees.json"), ids=lambda c: str(c["filters"]))
def test_counts_match_the_macaulay2_fixtures(case):
    a = nv.Architecture(case["filters"], case["strides"] + [1])
    assert a.critical_point_count() == case["parameter_space"]
    if case["function_space"] is not None:  # None: Macaulay2 timed out
        assert a.function_space_critical_point_count() == case["function_space"]


def test_fifty_layers_exact_big_integer():
    # sizes 5..21 at stride 2: 3,703 bits, against an independent evaluation
    # in Python fractions (scripts/oracle/ck_50_layers.py)
    with open(os.path.join(FIXTURES, "ck_50_layers.txt")) as f:
        want = int(f.read())
    a = nv.Architecture([5 + l % 17 for l in range(50)], [2] * 50)
    t = time.perf_counter()
    c = a.critical_point_count()
    assert time.perf_counter() - t < 5
    assert isinstance(c, int) and c == want and c.bit_length() == 3703


def test_notation_round_trips_in_both_forms():
    for a in [nv.Architecture([3, 2], [2, 1]), nv.Architecture([3, 2], [2, 2])]:
        assert nv.Architecture.parse(str(a)) == a
        assert nv.Architecture.parse(f"{a:#}") == a
        assert eval(repr(a), {"Architecture": nv.Architecture}) == a
    assert str(nv.Architecture([3, 2], [2, 2])) == "(3,2)/(2,2)"
    assert f"{nv.Architecture([3, 2], [2, 2]):#}" == "k = (3,2), s = (2,2)"
    assert len({nv.Architecture([3, 2], [2, 1]), nv.Architecture.parse("3,2/2")}) == 1


def test_errors_are_value_errors_with_the_crates_message():
    with pytest.raises(ValueError, match="filter size of layer 2 is 0"):
        nv.Architecture([2, 0], [2, 1])
    with pytest.raises(ValueError, match="stride of layer 1 is 0"):
        nv.Architecture([2, 2], [0, 1])
    with pytest.raises(ValueError, match="length mismatch"):
        nv.Architecture([2, 2], [2])
    with pytest.raises(ValueError, match="cannot parse"):
        nv.Architecture.parse("(3,x)/(2)")
    a = nv.Architecture([3, 2], [2, 1])
    with pytest.raises(ValueError, match="end-to-end filter length"):
        a.contains([1, 2, 3])
    with pytest.raises(ValueError):
        a.contains([1, 2, 3, 4, float("nan")])


def test_merge_tree_counts():
    # docs/mathematics.md: C(2,3,4,5) = 2976084 > C(2,3,8) = 12698 > C(2,10) = 38 > C(11) = 1
    t = nv.Architecture([2, 3, 4, 5], [2, 2, 2, 1]).merge_tree()
    assert t.root.critical_points == 2976084
    assert t[(2, 3, 8)].critical_points == 12698
    assert t[(2, 10)].critical_points == 38
    assert t[(11,)].critical_points == 1
    assert len(t) == 8 and "digraph" in t.dot


# --- the neurovariety ----------------------------------------------------------


def test_equations_of_32_vanish_on_the_sympy_composition():
    a = nv.Architecture([3, 2], [2, 1])
    e = a.equations()
    # docs/mathematics.md, section 4: one cubic, the resultant
    assert e.generators == ["c1*c2*c3 - c0*c3^2 - c1^2*c4"]
    assert e.count_by_degree() == {3: 1}
    c = sympy.symbols("c0:5")
    assert e.to_sympy() == [c[1] * c[2] * c[3] - c[0] * c[3] ** 2 - c[1] ** 2 * c[4]]
    point = symbolic_point(a)
    for g in e.to_sympy():
        assert sympy.expand(g.subs(dict(zip(c, point)))) == 0
    assert e.export("m2") == "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c1*c2*c3-c0*c3^2-c1^2*c4\n);\n"
    assert e.export("singular").startswith("ring r = 0,(c0,c1,c2,c3,c4),dp;")
    assert e.export("phc") == "1 5\nc1*c2*c3-c0*c3^2-c1^2*c4;\n"
    with pytest.raises(ValueError, match="unknown export format"):
        e.export("maple")


def test_the_sympy_export_runs_in_python():
    e = nv.Architecture([3, 3], [2, 1]).equations()
    scope = {}
    exec(e.export("sympy"), scope)
    assert [sympy.expand(p) for p in scope["I"]] == [sympy.expand(p) for p in e.to_sympy()]


@pytest.mark.parametrize(
    "filters,strides",
    [([3, 3, 3], [2, 2]), ([3, 3], [2]), ([2, 2, 2], [2, 2]), ([3, 2, 2], [2, 2]), ([4, 3], [3])],
)
def test_vanishing_ideal_matches_macaulay2(filters, strides):
    case = next(
        c
        for c in fixture("vanishing_ideals.json")["architectures"]
        if c["filters"] == filters and c["strides"] == strides
    )
    i = nv.Architecture(filters, strides + [1]).vanishing_ideal()
    assert {str(d): n for d, n in i.count_by_degree().items()} == case["mingens_by_degree"]
    assert i.hilbert_function == case["hilbert_function"][: i.through_degree + 1]
    if case.get("cohen_macaulay"):
        assert i.certified and i.cohen_macaulay
        assert i.h_vector == case["h_vector"]
    else:
        assert not i.certified and i.cohen_macaulay is None


def test_vanishing_ideal_of_333_vanishes_on_the_composition():
    a = nv.Architecture([3, 3, 3], [2, 2, 1])
    i = a.vanishing_ideal()
    assert i.count_by_degree() == {3: 80, 4: 15}
    assert i.h_vector == [1, 8, 36, 40, 5] and i.regularity == 4
    # every generator vanishes at mu of random integer layers (SymPy expansion)
    rng = np.random.default_rng(5)
    layers = [[int(v) for v in rng.integers(-5, 6, size=k)] for k in a.filter_sizes]
    point = sympy_compose(a, layers)
    assert [Fraction(int(p)) for p in point] == a.compose(layers)
    c = sympy.symbols("c0:%d" % a.end_to_end_filter_size)
    values = dict(zip(c, point))
    assert all(g.subs(values) == 0 for g in i.to_sympy())


def test_contains_and_factorize_in_fractions():
    a = nv.Architecture([3, 2], [2, 1])
    # README: (2x^2 + 5xy + 3y^2)(x^2 + 2y^2)
    w = [2, 5, 7, 10, 6]
    assert a.contains(w)
    assert a.contains([Fraction(2), 5.0, "7", Fraction(20, 2), 6])
    assert not a.contains([1, 1, 0, 0, 1])  # x^4 + x^3 y + y^4
    f = a.factorize([Fraction(1, 2) * v for v in w])
    assert f and f.status == "found"
    assert all(isinstance(v, Fraction) for l in f.layers for v in l)
    assert sympy_compose(a, f.layers) == [sympy.Rational(v, 2) for v in w]
    bad = a.factorize([1, 1, 0, 0, 1])
    assert not bad and bad.status == "not_in_neurovariety" and "level 2" in bad.explanation
    # x^2 + y^2 is in V of (2,2)/(1) over C but has no rational split
    none = nv.Architecture([2, 2], [1, 1]).factorize([1, 0, 1])
    assert none.status == "no_rational_factorization"
    assert a.failing_conditions([1, 1, 0, 0, 1])[0].startswith("level 2 (tau = 2)")


# --- critical points -----------------------------------------------------------


def training_data(arch, samples, d0, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(samples, d0))
    y = rng.normal(size=(samples, arch.output_length(d0)))
    return x, y


def numpy_loss(arch, c, x, y):
    """The squared error of the end-to-end filter c on the data, in NumPy."""
    k, s = arch.end_to_end_filter_size, arch.end_to_end_stride
    out = np.array(
        [[row[i * s : i * s + k] @ c for i in range(y.shape[1])] for row in x]
    )
    return float(((out - y) ** 2).sum())


def numpy_compose(arch, layers):
    """mu(w) in NumPy: the product of the dilated layer polynomials."""
    p = np.array([1.0])
    for w, t in zip(layers, arch.dilations):
        d = np.zeros((len(w) - 1) * t + 1, dtype=np.asarray(w).dtype)
        d[::t] = w
        p = np.convolve(p, d)
    return p


def test_certified_critical_points_from_numpy_data():
    a = nv.Architecture([3, 2], [2, 1])
    x, y = training_data(a, samples=6, d0=8, seed=2)
    calls = []
    r = a.critical_points(x, y, seed=3, progress=lambda *u: calls.append(u))
    assert r.expected == 10 == a.critical_point_count()
    assert r.is_complete() and r.found == 10 and r.certified.all()
    assert r.end_to_end.shape == (10, 5) and [w.shape for w in r.layers] == [(10, 3), (10, 2)]
    assert r.loss.shape == r.real.shape == r.hessian_index.shape == (10,)
    assert calls and all(isinstance(s, str) for s, *_ in calls)
    # the real points are real, their Morse index is defined
    assert np.abs(r.end_to_end[r.real].imag).max(initial=0) < 1e-9
    assert (r.hessian_index[r.real] >= 0).all() and (r.hessian_index[~r.real] == -1).all()
    for i in range(r.found):
        # the layers compose to the end-to-end filter, and are balanced
        assert np.allclose(numpy_compose(a, [w[i] for w in r.layers]), r.end_to_end[i])
        norms = [np.linalg.norm(w[i]) for w in r.layers]
        assert np.isclose(norms[0], norms[1])
    # the loss is the squared error of the data at the end-to-end filter (NumPy)
    for i in np.flatnonzero(r.real):
        assert np.isclose(r.loss[i].real, numpy_loss(a, r.end_to_end[i].real, x, y))
    best = r.global_minimum()
    assert best.hessian_index == 0
    assert best.loss == pytest.approx(r.loss[r.real].real.min())
    # no gradient-descent run from random starts beats the certified minimum
    assert best.loss <= descend(a, x, y, seeds=5) + 1e-9


def descend(arch, x, y, seeds, steps=3000, lr=1e-3):
    """Plain gradient descent on the layer weights in NumPy; the best loss."""
    (q, u, r) = arch.loss(x, y)
    Q = np.array([[float(v) for v in row] for row in q])
    U = np.array([float(v) for v in u])
    R = float(r)
    best = np.inf
    for seed in range(seeds):
        rng = np.random.default_rng(100 + seed)
        w = [rng.normal(size=k) for k in arch.filter_sizes]
        for _ in range(steps):
            c = numpy_compose(arch, w)
            g = 2 * Q @ (c - U)  # gradient on function space
            grads = []
            for l in range(len(w)):
                # d mu / d w_l by finite structure: mu is linear in w_l
                basis = np.eye(len(w[l]))
                J = np.stack(
                    [numpy_compose(arch, w[:l] + [basis[j]] + w[l + 1 :]) for j in range(len(w[l]))]
                )
                grads.append(J @ g)
            w = [wl - lr * gl for wl, gl in zip(w, grads)]
        c = numpy_compose(arch, w)
        best = min(best, float((c - U) @ Q @ (c - U) + R))
    return best


def test_the_exact_loss_is_the_squared_error():
    a = nv.Architecture([2, 2], [2, 1])
    x, y = training_data(a, samples=4, d0=7, seed=9)
    q, u, r = a.loss(x, y)
    assert all(isinstance(v, Fraction) for row in q for v in row)
    c = np.array([0.5, -1.0, 2.0, 0.25])
    Q = np.array([[float(v) for v in row] for row in q])
    U = np.array([float(v) for v in u])
    assert (c - U) @ Q @ (c - U) + float(r) == pytest.approx(numpy_loss(a, c, x, y))


def test_data_of_the_wrong_shape_is_a_value_error():
    a = nv.Architecture([3, 2], [2, 2])  # S = 4
    x = np.zeros((3, 9))
    with pytest.raises(ValueError, match=r"\(9 - 5\) // 4 \+ 1 = 2"):
        a.critical_points(x, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="samples"):
        a.critical_points(x, np.zeros((2, 2)))
    with pytest.raises(ValueError, match="2-d array"):
        a.critical_points(np.zeros(9), np.zeros(2))
    with pytest.raises(ValueError, match="both inputs and outputs"):
        a.critical_points(x)


def test_start_systems_save_load_and_reuse(tmp_path):
    a = nv.Architecture([2, 2, 2], [2, 2, 1])
    start = a.start_system(seed=4)
    assert start.is_complete() and start.expected == 34  # Macaulay2: (2,2,2)/(2,2) -> 34
    path = tmp_path / "start.txt"
    start.save(path)
    again = nv.StartSystem.load(path)
    assert again == start and again.architecture == a and again.fingerprint == start.fingerprint
    x, y = training_data(a, samples=6, d0=12, seed=1)
    r = a.critical_points_from(again, x, y)
    assert r.is_complete() and r.found == 34
    # same loss, same global minimum as the direct route
    direct = a.critical_points(x, y, seed=4)
    assert direct.global_minimum().loss == pytest.approx(r.global_minimum().loss, rel=1e-9)
    junk = tmp_path / "junk.txt"
    junk.write_text("not a start system\n")
    with pytest.raises(ValueError):
        nv.StartSystem.load(junk)


def test_long_computations_release_the_gil():
    a = nv.Architecture([3, 3], [2, 1])
    done = threading.Event()
    result = {}

    def work():
        result["r"] = a.critical_points(seed=2)
        done.set()

    ticks = 0
    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    assert result["r"].is_complete() and result["r"].found == 39  # Macaulay2: (3,3)/2 -> 39
    # the main thread kept running while the solver worked
    assert elapsed < 0.05 or ticks > 10, (elapsed, ticks)


def test_progress_true_draws_tqdm_bars(capsys):
    pytest.importorskip("tqdm")
    a = nv.Architecture([3, 2], [2, 1])
    r = a.critical_points(seed=5, progress=True)
    assert r.is_complete()
    err = capsys.readouterr().err
    assert "critical points" in err or "certification" in err, err


def test_progress_rejects_other_values():
    with pytest.raises(ValueError, match="progress must be"):
        nv.Architecture([2, 2], [2, 1]).critical_points(progress="yes")
