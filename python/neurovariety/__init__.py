"""Exact algebraic geometry of linear convolutional networks (LCNs).

The Python face of the Rust crate ``neurovariety``. An L-layer
one-dimensional LCN has filter sizes ``k_1..k_L`` and strides ``s_1..s_L``;
its end-to-end filter is the product of the layer filters as binary forms.
This package tells you which end-to-end filters the network represents (the
neurovariety V), its equations and vanishing ideal, its dimension and degree,
the exact number of complex critical points of the squared loss, and every
critical point for your training data, certified.

Exact answers are Python ``int`` and ``fractions.Fraction``; critical points
come as NumPy arrays. Long computations release the GIL and can report
progress (``progress=callback`` or ``progress=True`` for tqdm bars). Bad
input raises ``ValueError`` with the crate's message.

>>> import neurovariety as nv
>>> a = nv.Architecture([3, 3, 3], [2, 2, 1])
>>> a.critical_point_count()
2385
>>> str(a), a.dimension, a.degree
('(3,3,3)/(2,2)', 7, 90)

See ``docs/python.md`` in the repository for a worked example.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _native

__version__: str = _native.__version__

__all__ = [
    "Architecture",
    "CriticalPoints",
    "CriticalPoint",
    "Factorization",
    "MergeTree",
    "Polynomials",
    "Equations",
    "VanishingIdeal",
    "StartSystem",
    "__version__",
]

#: A number accepted where the crate wants an exact rational: ``int``,
#: ``Fraction`` (any ``numbers.Rational``), ``float`` (its exact binary
#: value) or a string such as ``"3/4"`` or ``"1.25"``.
Number = Union[int, Fraction, float, str]

#: ``callback(stage, done, total)``; ``stage`` is e.g. ``"critical points"``.
ProgressCallback = Callable[[str, int, int], object]


def _exact(x: Number) -> Fraction:
    if isinstance(x, bool):
        raise ValueError(f"{x!r} is not a number")
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, Rational):
        return Fraction(x.numerator, x.denominator)
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            raise ValueError(f"non-finite value {x!r}")
        return Fraction(float(x))
    if isinstance(x, str):
        try:
            return Fraction(x.strip())
        except (ValueError, ZeroDivisionError) as e:
            raise ValueError(f"cannot read {x!r} as an exact number: {e}") from None
    raise ValueError(f"{x!r} ({type(x).__name__}) is not a number")


def _pairs(filter: Sequence[Number]) -> List[Tuple[int, int]]:
    out = []
    for x in filter:
        q = _exact(x)
        out.append((q.numerator, q.denominator))
    return out


def _fractions(pairs: Sequence[Tuple[int, int]]) -> List[Fraction]:
    return [Fraction(n, d) for n, d in pairs]


class _Bars:
    """tqdm bars, one per stage, fed by the crate's progress updates."""

    def __init__(self) -> None:
        from tqdm.auto import tqdm  # imported only when asked for

        self._tqdm = tqdm
        self._bars: Dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int, message: Optional[str]) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._tqdm(desc=stage, total=total or None, leave=False)
            self._bars[stage] = bar
        if message:
            bar.set_postfix_str(message, refresh=False)
            return
        if total and bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()


def _observer(progress):
    """``(native callback or None, closer)`` for a ``progress`` argument."""
    if progress is None or progress is False:
        return None, lambda: None
    if progress is True:
        try:
            bars = _Bars()
        except ImportError:
            return None, lambda: None  # tqdm not installed: no bars
        return bars, bars.close
    if callable(progress):
        def call(stage, done, total, message):
            if message is None:
                progress(stage, done, total)

        return call, lambda: None
    raise ValueError("progress must be None, True (tqdm bars) or a callable (stage, done, total)")


def _run(progress, f):
    callback, close = _observer(progress)
    try:
        return f(callback)
    finally:
        close()


def _matrix(data, name: str) -> Optional[List[List[float]]]:
    if data is None:
        return None
    a = np.asarray(data, dtype=float)
    if a.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-d array of shape (samples, length), got shape {a.shape}"
        )
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} contains a NaN or infinite value")
    return a.tolist()


class Architecture:
    """A one-dimensional linear convolutional network: filter sizes and one
    stride per layer.

    ``Architecture([3, 2], [2, 1])`` is the paper's ``(3,2)/(2)``: layer 1 has
    a filter of size 3 and stride 2, layer 2 a filter of size 2 (its stride 1
    only subsamples the output). Layers are numbered from 1 in every message,
    as ``w_1..w_L`` in the mathematics.

    Raises ``ValueError`` for an empty architecture, a size or stride 0, a
    number of strides other than the number of layers, or sizes beyond the
    crate's limits.
    """

    __slots__ = ("_a",)

    def __init__(self, filters: Sequence[int], strides: Sequence[int]) -> None:
        self._a = _native.Architecture(
            [int(k) for k in filters], [int(s) for s in strides]
        )

    @classmethod
    def parse(cls, text: str) -> "Architecture":
        """Reads ``"(3,3,3)/(2,2)"`` (the last stride 1 left out), ``"k = (3,3,3),
        s = (2,2,1)"`` or ``"3,3,3/2,2,1"``: what ``str`` and ``repr`` print."""
        a = cls.__new__(cls)
        a._a = _native.Architecture.parse(text)
        return a

    # -- invariants ---------------------------------------------------------

    @property
    def filter_sizes(self) -> List[int]:
        """Filter sizes ``k_1..k_L``."""
        return self._a.filter_sizes()

    @property
    def strides(self) -> List[int]:
        """Strides ``s_1..s_L``."""
        return self._a.strides()

    @property
    def dilations(self) -> List[int]:
        """Dilations ``t_1 = 1, t_{l+1} = t_l s_l``."""
        return self._a.dilations()

    @property
    def end_to_end_filter_size(self) -> int:
        """``k = 1 + sum_l (k_l - 1) t_l``: the coordinates ``c0..c{k-1}``."""
        return self._a.end_to_end_filter_size()

    @property
    def end_to_end_stride(self) -> int:
        """``S = s_1 ... s_L`` (the last stride included): the network maps an
        input of length ``d0 >= k`` to an output of length
        ``(d0 - k) // S + 1``."""
        return self._a.end_to_end_stride()

    @property
    def num_parameters(self) -> int:
        """The number of weights ``sum_l k_l``."""
        return self._a.num_parameters()

    @property
    def dimension(self) -> int:
        """Affine dimension of the neurovariety, ``1 + sum_l (k_l - 1)``."""
        return self._a.dimension()

    @property
    def degree(self) -> int:
        """Degree of the neurovariety (exact)."""
        return self._a.degree()

    @property
    def reduced(self) -> Tuple[List[int], List[int]]:
        """The reduced architecture over C: ``(sizes, dilations)``."""
        return self._a.reduced()

    def output_length(self, input_length: int) -> int:
        """The output length ``(d0 - k) // S + 1`` for inputs of length ``d0``
        (``ValueError`` if ``d0 < k``)."""
        k, s = self.end_to_end_filter_size, self.end_to_end_stride
        if input_length < k:
            raise ValueError(
                f"input length {input_length} is shorter than the end-to-end filter ({k})"
            )
        return (input_length - k) // s + 1

    def critical_point_count(self) -> int:
        """The exact number ``C_k`` of complex critical points of the squared
        loss in parameter space (modulo rescaling of the layers) for generic
        data: the generic ED degree of the Segre variety of the filter sizes."""
        return self._a.critical_point_count()

    def function_space_critical_point_count(self) -> int:
        """The exact number of complex critical points of the squared loss on
        the neurovariety (function space) for generic data."""
        return self._a.function_space_critical_point_count()

    def merge_tree(self, node_limit: int = 10_000) -> "MergeTree":
        """The tree of architectures obtained by merging adjacent layers, with
        the critical point count of each (the paper's Figure 1)."""
        return MergeTree(*self._a.merge_tree(node_limit))

    # -- the neurovariety ---------------------------------------------------

    def equations(
        self, limit: Optional[int] = None, progress=None
    ) -> "Equations":
        """Polynomials in ``c0..c{k-1}`` whose common zero set is the
        neurovariety V (minimal among themselves). ``limit`` raises the work
        limit; ``progress`` as in :meth:`critical_points`."""
        return Equations(_run(progress, lambda cb: self._a.equations(limit, cb)))

    def vanishing_ideal(
        self,
        degree_bound: Optional[int] = None,
        limit: Optional[int] = None,
        progress=None,
    ) -> "VanishingIdeal":
        """The minimal generators of the vanishing ideal I(V) (what Macaulay2's
        ``ker`` returns), with the Hilbert function and, when the certificate
        succeeds, a proof that they generate I(V) (``certified``), the
        h-vector and the regularity. ``degree_bound`` stops the interpolation
        at that degree (the answer is then complete through it)."""
        return VanishingIdeal(
            _run(progress, lambda cb: self._a.vanishing_ideal(degree_bound, limit, cb))
        )

    def contains(self, filter: Sequence[Number]) -> bool:
        """Exact membership of an end-to-end filter ``(c0, ..., c{k-1})`` in V
        (over C). Entries are ints, Fractions, floats (their exact value) or
        strings like ``"3/4"``."""
        return self._a.contains(_pairs(filter))

    def failing_conditions(self, filter: Sequence[Number]) -> List[str]:
        """The conditions of the theorem that ``filter`` violates, in words
        (empty iff it is in V)."""
        return self._a.failing_conditions(_pairs(filter))

    def factorize(self, filter: Sequence[Number]) -> "Factorization":
        """Rational layer filters composing to ``filter``, a proof that there
        are none, or "undecided" when the search budget runs out."""
        status, layers, text = self._a.factorize(_pairs(filter))
        return Factorization(
            status,
            None if layers is None else [_fractions(l) for l in layers],
            text,
        )

    def compose(self, layers: Sequence[Sequence[Number]]) -> List[Fraction]:
        """The end-to-end filter ``mu(w_1, ..., w_L)`` of exact layer filters."""
        return _fractions(self._a.compose([_pairs(l) for l in layers]))

    # -- training -----------------------------------------------------------

    def loss(self, inputs, outputs) -> Tuple[List[List[Fraction]], List[Fraction], Fraction]:
        """The squared loss of training data on function space, exactly:
        ``(Q, u, r)`` with ``E(c) = (c - u)^T Q (c - u) + r``. Shapes as in
        :meth:`critical_points`."""
        q, u, r = self._a.loss(_matrix(inputs, "inputs"), _matrix(outputs, "outputs"))
        return [_fractions(row) for row in q], _fractions(u), Fraction(*r)

    def critical_points(
        self,
        inputs=None,
        outputs=None,
        *,
        seed: int = 1,
        threads: Optional[int] = None,
        progress=None,
    ) -> "CriticalPoints":
        """Every critical point of the squared loss of training, found by
        monodromy and a parameter homotopy and certified (a Krawczyk box per
        point), stopping at the exact count ``C_k``.

        ``inputs`` has shape ``(samples, d0)`` with ``d0 >= k``
        (``end_to_end_filter_size``) and ``outputs`` shape ``(samples,
        (d0 - k) // S + 1)`` with ``S = end_to_end_stride`` (see
        :meth:`output_length`); the same layout as the CSV files of
        ``lcn --data``. Floats are used exactly. Without data, a random
        generic loss of ``seed`` is used. ``progress`` is ``None``, ``True``
        (tqdm bars, when tqdm is installed) or ``callback(stage, done,
        total)``. The GIL is released while the solver runs.
        """
        x, y = _matrix(inputs, "inputs"), _matrix(outputs, "outputs")
        self._check_data(x, y)
        native = _run(
            progress, lambda cb: self._a.critical_points(x, y, int(seed), threads, cb)
        )
        return CriticalPoints(native, self)

    def start_system(
        self, seed: int = 1, *, threads: Optional[int] = None, progress=None
    ) -> "StartSystem":
        """All critical points of a random generic loss (by monodromy),
        certified: the start of :meth:`critical_points_from`, which then needs
        only about ``C_k`` paths per data set. Save it with
        :meth:`StartSystem.save`."""
        return StartSystem(
            _run(progress, lambda cb: self._a.start_system(int(seed), threads, cb))
        )

    def critical_points_from(
        self,
        start: "StartSystem",
        inputs=None,
        outputs=None,
        *,
        seed: int = 1,
        threads: Optional[int] = None,
        progress=None,
    ) -> "CriticalPoints":
        """:meth:`critical_points` from a solved start system (one path per
        start solution, then certification). ``seed`` fixes the homotopy's
        random choices and, without data, the random loss."""
        if not isinstance(start, StartSystem):
            raise ValueError("start must be a StartSystem")
        x, y = _matrix(inputs, "inputs"), _matrix(outputs, "outputs")
        self._check_data(x, y)
        native = _run(
            progress,
            lambda cb: self._a.critical_points_from(start._s, x, y, int(seed), threads, cb),
        )
        return CriticalPoints(native, self)

    def _check_data(self, x, y) -> None:
        if (x is None) != (y is None):
            raise ValueError(
                "give both inputs and outputs (training data), or neither (a random generic loss)"
            )
        if x is None:
            return
        if len(x) != len(y):
            raise ValueError(
                f"inputs has {len(x)} samples but outputs has {len(y)}: one row per sample in each"
            )
        if x and len(x[0]) >= self.end_to_end_filter_size:
            want = self.output_length(len(x[0]))
            if y and len(y[0]) != want:
                raise ValueError(
                    f"outputs rows have length {len(y[0])}, but inputs of length {len(x[0])} give "
                    f"outputs of length (d0 - k) // S + 1 = ({len(x[0])} - "
                    f"{self.end_to_end_filter_size}) // {self.end_to_end_stride} + 1 = {want}"
                )

    # -- Python protocol ----------------------------------------------------

    def __str__(self) -> str:
        return self._a.notation()

    def __repr__(self) -> str:
        return f"Architecture({self.filter_sizes}, {self.strides})"

    def __format__(self, spec: str) -> str:
        if spec == "#":
            return self._a.alternate_notation()
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Architecture) and self._a == other._a

    def __hash__(self) -> int:
        return hash(self._a)


@dataclass(frozen=True)
class Factorization:
    """The answer of :meth:`Architecture.factorize`: ``status`` is
    ``"found"`` (``layers`` holds exact layer filters, first layer first),
    ``"not_in_neurovariety"``, ``"no_rational_factorization"`` (proved by a
    complete search) or ``"undecided"`` (the search budget ran out: neither
    yes nor no). ``explanation`` says it in words."""

    status: str
    layers: Optional[List[List[Fraction]]]
    explanation: str

    def __bool__(self) -> bool:
        return self.status == "found"

    def __str__(self) -> str:
        return self.explanation


class Polynomials:
    """Polynomials in the coordinates ``c0..c{k-1}`` of function space
    (``c_i`` the coefficient of ``x^(k-1-i) y^i`` of the end-to-end filter)."""

    __slots__ = ("_p",)

    def __init__(self, native) -> None:
        self._p = native

    @property
    def variables(self) -> List[str]:
        """``["c0", ..., "c{k-1}"]``."""
        return self._p.variables()

    @property
    def generators(self) -> List[str]:
        """The polynomials as strings, e.g. ``"c1*c2 - c0*c3"`` (``^`` for
        powers, terms in graded reverse lexicographic order)."""
        return self._p.generators()

    def count_by_degree(self) -> Dict[int, int]:
        """``{degree: number of generators}``."""
        return dict(self._p.count_by_degree())

    def export(self, format: str = "macaulay2") -> str:
        """Text that loads unchanged in ``"macaulay2"`` (or ``"m2"``),
        ``"singular"``, ``"sympy"``, ``"latex"`` or ``"phc"``."""
        return self._p.export(format)

    def to_sympy(self):
        """The polynomials as SymPy expressions in the symbols ``c0..``
        (needs SymPy)."""
        import sympy

        symbols = {name: sympy.Symbol(name) for name in self.variables}
        return [
            sympy.parse_expr(g.replace("^", "**"), local_dict=symbols)
            for g in self.generators
        ]

    def __len__(self) -> int:
        return len(self.generators)

    def __iter__(self):
        return iter(self.generators)

    def __str__(self) -> str:
        return self._p.summary()


class Equations(Polynomials):
    """Equations whose common zero set is the neurovariety V (see
    :meth:`Architecture.equations`); they may generate a smaller ideal than
    I(V)."""


class VanishingIdeal(Polynomials):
    """The minimal generators of the vanishing ideal I(V) (see
    :meth:`Architecture.vanishing_ideal`)."""

    @property
    def _facts(self):
        return self._p.ideal_facts()

    @property
    def certified(self) -> bool:
        """``True``: proved to generate I(V) (and ``S/I(V)`` is Cohen–Macaulay)."""
        return self._facts[0]

    @property
    def cohen_macaulay(self) -> Optional[bool]:
        """``True`` when proved, ``None`` when not decided."""
        return self._facts[1]

    @property
    def through_degree(self) -> int:
        """The generators are complete through this degree."""
        return self._facts[2]

    @property
    def hilbert_function(self) -> List[int]:
        """``dim (S/I(V))_d`` for ``d = 0..through_degree``."""
        return list(self._facts[3])

    @property
    def h_vector(self) -> Optional[List[int]]:
        """The h-vector (numerator of the Hilbert series), when certified."""
        h = self._facts[4]
        return None if h is None else list(h)

    @property
    def regularity(self) -> Optional[int]:
        """The Castelnuovo–Mumford regularity, when certified."""
        return self._facts[5]

    @property
    def certificate(self) -> str:
        """The certificate's verdict in words."""
        return self._facts[6]


@dataclass(frozen=True)
class MergeNode:
    """A node of the merge tree: filter sizes, merges from the root, count."""

    filter_sizes: Tuple[int, ...]
    depth: int
    critical_points: int


class MergeTree:
    """The architectures reached by merging adjacent layers (``k_i, k_{i+1}``
    into ``k_i + k_{i+1} - 1``), each with its exact critical point count."""

    def __init__(self, nodes, edges, text, dot) -> None:
        self.nodes: List[MergeNode] = [MergeNode(tuple(f), d, c) for f, d, c in nodes]
        self.edges: List[Tuple[int, int]] = [tuple(e) for e in edges]
        self._text = text
        self.dot: str = dot  #: Graphviz DOT text

    @property
    def root(self) -> MergeNode:
        return self.nodes[0]

    def __getitem__(self, filter_sizes: Sequence[int]) -> MergeNode:
        key = tuple(filter_sizes)
        for n in self.nodes:
            if n.filter_sizes == key:
                return n
        raise KeyError(key)

    def __len__(self) -> int:
        return len(self.nodes)

    def __str__(self) -> str:
        return self._text


class StartSystem:
    """A solved and certified start system: every critical point of a random
    generic loss. Reuse it for many data sets with
    :meth:`Architecture.critical_points_from`; save and load it as text."""

    __slots__ = ("_s",)

    def __init__(self, native) -> None:
        self._s = native

    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "StartSystem":
        """Reads a file written by :meth:`save` (or ``lcn --save-start``)."""
        with open(path, encoding="utf-8") as f:
            return cls(_native.StartSystem.from_text(f.read()))

    def save(self, path: Union[str, os.PathLike]) -> None:
        """Writes the versioned text format (exact hexadecimal floats)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self._s.to_text())

    @property
    def architecture(self) -> Architecture:
        return Architecture(self._s.filter_sizes(), self._s.strides())

    @property
    def expected(self) -> int:
        """``C_k``."""
        return self._s.expected()

    @property
    def seed(self) -> int:
        return self._s.seed()

    @property
    def certified(self) -> int:
        return self._s.certified()

    def is_complete(self) -> bool:
        """``True`` when all ``C_k`` start solutions are certified."""
        return self._s.is_complete()

    @property
    def fingerprint(self) -> int:
        return self._s.fingerprint()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StartSystem) and self._s.to_text() == other._s.to_text()

    def __repr__(self) -> str:
        return f"<StartSystem {self.architecture} seed={self.seed} {self.certified}/{self.expected} certified>"


@dataclass(frozen=True)
class CriticalPoint:
    """One real critical point: end-to-end filter, balanced layer filters
    (equal norms), loss and Morse index (0: a local minimum)."""

    end_to_end: np.ndarray
    layers: List[np.ndarray]
    loss: float
    hessian_index: int


class CriticalPoints:
    """Every critical point found (certified ones first), as NumPy arrays, one
    row per solution.

    * ``expected``: the exact count ``C_k``; ``found``: solutions found;
      ``is_complete()``: ``found == certified == expected``, proven.
    * ``end_to_end``: complex array ``(found, k)``;
      ``layers``: list of complex arrays ``(found, k_l)``, balanced (equal
      layer norms);
      ``loss``: complex array ``(found,)`` (real for real points);
      ``real``, ``certified``: boolean masks;
      ``hessian_index``: int array, the Morse index of real points, -1 for
      the others.
    * ``global_minimum()``: the real critical point of least loss, only when
      the answer is complete (``None`` otherwise).
    """

    def __init__(self, native, arch: Architecture) -> None:
        self._n = native
        self.architecture = arch
        sols = native.solutions()
        k = arch.end_to_end_filter_size
        sizes = arch.filter_sizes
        self.expected: int = native.expected()
        self.found: int = len(sols)
        self.end_to_end = np.array([s[0] for s in sols], dtype=complex).reshape(len(sols), k)
        self.layers: List[np.ndarray] = [
            np.array([s[1][l] for s in sols], dtype=complex).reshape(len(sols), kl)
            for l, kl in enumerate(sizes)
        ]
        self.loss = np.array([s[2] for s in sols], dtype=complex)
        self.real = np.array([s[3] for s in sols], dtype=bool)
        self.hessian_index = np.array(
            [-1 if s[4] is None else s[4] for s in sols], dtype=int
        )
        self.certified = np.array([s[5] for s in sols], dtype=bool)
        self.paths_tracked: int = native.paths_tracked()
        self._min = native.global_minimum()

    def is_complete(self) -> bool:
        """``True`` when the certified, pairwise distinct solutions are exactly
        ``C_k`` many: the set of critical points is provably complete."""
        return self._n.is_complete()

    def global_minimum(self) -> Optional[CriticalPoint]:
        """The global minimum of the loss over the real neuromanifold (attained
        at a real critical point), only when the answer is complete."""
        i = self._min
        if i is None:
            return None
        return CriticalPoint(
            self.end_to_end[i].real.copy(),
            [w[i].real.copy() for w in self.layers],
            float(self.loss[i].real),
            int(self.hessian_index[i]),
        )

    def __len__(self) -> int:
        return self.found

    def __str__(self) -> str:
        return self._n.summary()
