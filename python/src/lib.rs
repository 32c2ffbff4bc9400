//! `neurovariety._native`: the compiled half of the Python package.
//!
//! This module is deliberately thin: it converts between Python objects and
//! the crate's types and releases the GIL around every computation. The
//! public Python API (NumPy arrays, `fractions.Fraction`, tqdm, docstrings)
//! is the pure-Python package `neurovariety` around it
//! (`python/neurovariety/__init__.py`), typed by `_native.pyi`.
//!
//! Exact numbers cross the boundary as Python `int`s: a rational is a pair
//! `(numerator, denominator)`. Errors become `ValueError` (bad input, sizes
//! over a limit) or `RuntimeError` (no convergence, internal errors), with
//! the crate's message.

use neurovariety as nv;
use neurovariety::critical::{MergeTree, StartSystem};
use neurovariety::export::{Export, Format};
use neurovariety::progress::{ProgressObserver, Update};
use neurovariety::{
    Architecture, CriticalPointOptions, CriticalPoints, GeneratorOptions, Loss,
    RationalFactorization, VanishingIdealOptions,
};
use num_bigint::{BigInt, BigUint};
use num_complex::Complex64;
use num_rational::BigRational;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The crate's error as a Python exception carrying its message.
fn to_py(e: nv::Error) -> PyErr {
    match e {
        nv::Error::Internal { .. } | nv::Error::NoConvergence { .. } => {
            PyRuntimeError::new_err(e.to_string())
        }
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// A rational from `(numerator, denominator)`.
fn rational((n, d): (BigInt, BigInt)) -> PyResult<BigRational> {
    if d == BigInt::from(0) {
        return Err(PyValueError::new_err("a rational with denominator 0"));
    }
    Ok(BigRational::new(n, d))
}

fn rationals(v: Vec<(BigInt, BigInt)>) -> PyResult<Vec<BigRational>> {
    v.into_iter().map(rational).collect()
}

/// `(numerator, denominator)` of a rational in lowest terms.
fn pair(q: &BigRational) -> (BigInt, BigInt) {
    (q.numer().clone(), q.denom().clone())
}

fn parse_format(name: &str) -> PyResult<Format> {
    Format::ALL
        .into_iter()
        .find(|f| {
            f.to_string() == name.to_ascii_lowercase() || (name == "m2" && *f == Format::Macaulay2)
        })
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown export format {name:?}: one of macaulay2 (m2), singular, sympy, latex, phc"
            ))
        })
}

/// A progress observer calling `callback(stage, done, total, message)` with
/// the GIL taken for the call (the computation runs without it).
fn observer(callback: Option<Py<PyAny>>) -> ProgressObserver {
    let Some(callback) = callback else {
        return ProgressObserver::none();
    };
    ProgressObserver::new(move |u: &Update| {
        let (stage, done, total, message) = match u {
            Update::Blocks { stage, done, total } => (stage.name(), *done, *total, None),
            Update::Solutions {
                stage,
                found,
                expected,
                ..
            } => (stage.name(), *found, *expected, None),
            Update::Phase { stage, message } => (stage.name(), 0, 0, Some(message.clone())),
            _ => return,
        };
        Python::attach(|py| {
            if let Err(e) = callback.call1(py, (stage, done, total, message)) {
                // an exception in a progress callback must not unwind into
                // the worker threads: report it like Python does for __del__
                e.write_unraisable(py, None);
            }
        });
    })
}

/// A validated LCN architecture (see `neurovariety.Architecture`).
#[pyclass(frozen, name = "Architecture", module = "neurovariety._native")]
struct PyArchitecture {
    inner: Architecture,
}

#[pymethods]
impl PyArchitecture {
    #[new]
    fn new(filters: Vec<usize>, strides: Vec<usize>) -> PyResult<Self> {
        Architecture::new(&filters, &strides)
            .map(|inner| PyArchitecture { inner })
            .map_err(to_py)
    }

    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        text.parse::<Architecture>()
            .map(|inner| PyArchitecture { inner })
            .map_err(to_py)
    }

    fn notation(&self) -> String {
        self.inner.to_string()
    }

    fn alternate_notation(&self) -> String {
        format!("{:#}", self.inner)
    }

    fn filter_sizes(&self) -> Vec<usize> {
        self.inner.filter_sizes().to_vec()
    }

    fn strides(&self) -> Vec<usize> {
        self.inner.strides().to_vec()
    }

    fn dilations(&self) -> Vec<usize> {
        self.inner.dilations().to_vec()
    }

    fn end_to_end_filter_size(&self) -> usize {
        self.inner.end_to_end_filter_size()
    }

    fn end_to_end_stride(&self) -> usize {
        self.inner.end_to_end_stride()
    }

    fn num_parameters(&self) -> usize {
        self.inner.num_parameters()
    }

    fn dimension(&self) -> usize {
        self.inner.dimension()
    }

    fn degree(&self, py: Python<'_>) -> BigUint {
        py.detach(|| self.inner.degree())
    }

    fn reduced(&self) -> (Vec<usize>, Vec<usize>) {
        let r = self.inner.reduced();
        (r.filter_sizes().to_vec(), r.dilations().to_vec())
    }

    fn critical_point_count(&self, py: Python<'_>) -> PyResult<BigUint> {
        py.detach(|| self.inner.critical_point_count())
            .map_err(to_py)
    }

    fn function_space_critical_point_count(&self, py: Python<'_>) -> PyResult<BigUint> {
        py.detach(|| self.inner.function_space_critical_point_count())
            .map_err(to_py)
    }

    /// `(nodes, edges, text, dot)`; a node is `(filter_sizes, depth, C)`.
    #[allow(clippy::type_complexity)]
    fn merge_tree(
        &self,
        py: Python<'_>,
        node_limit: usize,
    ) -> PyResult<(
        Vec<(Vec<usize>, usize, BigUint)>,
        Vec<(usize, usize)>,
        String,
        String,
    )> {
        let tree = py
            .detach(|| MergeTree::with_limit(self.inner.filter_sizes(), node_limit))
            .map_err(to_py)?;
        let nodes = tree
            .nodes()
            .iter()
            .map(|n| (n.filter_sizes.clone(), n.depth, n.critical_points.clone()))
            .collect();
        Ok((nodes, tree.edges().to_vec(), tree.to_text(), tree.to_dot()))
    }

    #[pyo3(signature = (limit=None, progress=None))]
    fn equations(
        &self,
        py: Python<'_>,
        limit: Option<u128>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPolynomials> {
        let mut options = GeneratorOptions::default().with_progress(observer(progress));
        if let Some(limit) = limit {
            options = options.with_limit(limit);
        }
        let set = py
            .detach(|| self.inner.neurovariety().equations_with(&options))
            .map_err(to_py)?;
        Ok(PyPolynomials {
            inner: Polys::Equations(set),
        })
    }

    #[pyo3(signature = (degree_bound=None, limit=None, progress=None))]
    fn vanishing_ideal(
        &self,
        py: Python<'_>,
        degree_bound: Option<usize>,
        limit: Option<u128>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyPolynomials> {
        let mut options = VanishingIdealOptions::default().with_progress(observer(progress));
        if let Some(d) = degree_bound {
            options = options.with_degree_bound(d);
        }
        if let Some(limit) = limit {
            options = options.with_limit(limit);
        }
        let ideal = py
            .detach(|| self.inner.neurovariety().vanishing_ideal(&options))
            .map_err(to_py)?;
        Ok(PyPolynomials {
            inner: Polys::Ideal(ideal),
        })
    }

    fn contains(&self, py: Python<'_>, filter: Vec<(BigInt, BigInt)>) -> PyResult<bool> {
        let w = rationals(filter)?;
        py.detach(|| self.inner.neurovariety().contains(&w))
            .map_err(to_py)
    }

    fn failing_conditions(
        &self,
        py: Python<'_>,
        filter: Vec<(BigInt, BigInt)>,
    ) -> PyResult<Vec<String>> {
        let w = rationals(filter)?;
        let v = self.inner.neurovariety();
        let failing = py.detach(|| v.failing_conditions(&w)).map_err(to_py)?;
        Ok(failing.iter().map(|c| c.describe()).collect())
    }

    /// `(status, layers or None, explanation)` with status `found`,
    /// `not_in_neurovariety`, `no_rational_factorization` or `undecided`.
    #[allow(clippy::type_complexity)]
    fn factorize(
        &self,
        py: Python<'_>,
        filter: Vec<(BigInt, BigInt)>,
    ) -> PyResult<(&'static str, Option<Vec<Vec<(BigInt, BigInt)>>>, String)> {
        let w = rationals(filter)?;
        let answer = py.detach(|| self.inner.factorize(&w)).map_err(to_py)?;
        let text = answer.to_string();
        Ok(match answer {
            RationalFactorization::Found { layers } => (
                "found",
                Some(
                    layers
                        .iter()
                        .map(|l| l.iter().map(pair).collect())
                        .collect(),
                ),
                text,
            ),
            RationalFactorization::NotInNeurovariety { .. } => ("not_in_neurovariety", None, text),
            RationalFactorization::NoRationalFactorization { .. } => {
                ("no_rational_factorization", None, text)
            }
            RationalFactorization::Undecided { .. } => ("undecided", None, text),
            _ => ("undecided", None, text),
        })
    }

    fn compose(
        &self,
        py: Python<'_>,
        layers: Vec<Vec<(BigInt, BigInt)>>,
    ) -> PyResult<Vec<(BigInt, BigInt)>> {
        let layers: Vec<Vec<BigRational>> =
            layers.into_iter().map(rationals).collect::<PyResult<_>>()?;
        let w = py
            .detach(|| nv::architecture::compose(&self.inner, &layers))
            .map_err(to_py)?;
        Ok(w.iter().map(pair).collect())
    }

    /// The exact loss of training data: `(Q, u, r)` as rational pairs.
    #[allow(clippy::type_complexity)]
    fn loss(
        &self,
        inputs: Vec<Vec<f64>>,
        outputs: Vec<Vec<f64>>,
    ) -> PyResult<(
        Vec<Vec<(BigInt, BigInt)>>,
        Vec<(BigInt, BigInt)>,
        (BigInt, BigInt),
    )> {
        let loss = Loss::from_training_data_f64(&self.inner, &inputs, &outputs).map_err(to_py)?;
        let k = loss.dimension();
        let form = (0..k)
            .map(|i| (0..k).map(|j| pair(loss.form().get(i, j))).collect())
            .collect();
        Ok((
            form,
            loss.target().iter().map(pair).collect(),
            pair(loss.offset()),
        ))
    }

    #[pyo3(signature = (inputs, outputs, seed, threads, progress=None))]
    fn critical_points(
        &self,
        py: Python<'_>,
        inputs: Option<Vec<Vec<f64>>>,
        outputs: Option<Vec<Vec<f64>>>,
        seed: u64,
        threads: Option<usize>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyCriticalPoints> {
        let loss = self.loss_of(inputs, outputs, seed)?;
        let options = options(seed, threads, progress);
        let found = py
            .detach(|| self.inner.critical_points(&loss, &options))
            .map_err(to_py)?;
        Ok(PyCriticalPoints { inner: found })
    }

    #[pyo3(signature = (seed, threads, progress=None))]
    fn start_system(
        &self,
        py: Python<'_>,
        seed: u64,
        threads: Option<usize>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyStartSystem> {
        let options = options(seed, threads, progress);
        let start = py
            .detach(|| self.inner.start_system_with(&options))
            .map_err(to_py)?;
        Ok(PyStartSystem { inner: start })
    }

    #[pyo3(signature = (start, inputs, outputs, seed, threads, progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn critical_points_from(
        &self,
        py: Python<'_>,
        start: &PyStartSystem,
        inputs: Option<Vec<Vec<f64>>>,
        outputs: Option<Vec<Vec<f64>>>,
        seed: u64,
        threads: Option<usize>,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyCriticalPoints> {
        let loss = self.loss_of(inputs, outputs, seed)?;
        let options = options(seed, threads, progress);
        let found = py
            .detach(|| {
                self.inner
                    .critical_points_from(&start.inner, &loss, &options)
            })
            .map_err(to_py)?;
        Ok(PyCriticalPoints { inner: found })
    }

    fn __eq__(&self, other: &PyArchitecture) -> bool {
        self.inner == other.inner
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
}

impl PyArchitecture {
    /// The loss of the training data, or the random generic loss of `seed`.
    fn loss_of(
        &self,
        inputs: Option<Vec<Vec<f64>>>,
        outputs: Option<Vec<Vec<f64>>>,
        seed: u64,
    ) -> PyResult<Loss> {
        match (inputs, outputs) {
            (Some(x), Some(y)) => Loss::from_training_data_f64(&self.inner, &x, &y).map_err(to_py),
            (None, None) => Ok(Loss::random(&self.inner, seed)),
            _ => Err(PyValueError::new_err(
                "give both inputs and outputs (training data), or neither (a random generic loss)",
            )),
        }
    }
}

fn options(seed: u64, threads: Option<usize>, progress: Option<Py<PyAny>>) -> CriticalPointOptions {
    let mut o = CriticalPointOptions::default()
        .with_seed(seed)
        .with_progress(observer(progress));
    if let Some(t) = threads {
        o = o.with_threads(t);
    }
    o
}

/// Equations (zero set V) or the vanishing ideal I(V).
enum Polys {
    Equations(nv::GeneratorSet),
    Ideal(nv::VanishingIdeal),
}

/// Equations or the vanishing ideal: polynomials in c0..
#[pyclass(frozen, name = "Polynomials", module = "neurovariety._native")]
struct PyPolynomials {
    inner: Polys,
}

#[pymethods]
impl PyPolynomials {
    fn variables(&self) -> Vec<String> {
        match &self.inner {
            Polys::Equations(g) => g.ring().names().to_vec(),
            Polys::Ideal(i) => i.ring().names().to_vec(),
        }
    }

    /// The polynomials in the plain syntax (`^` for powers).
    fn generators(&self) -> Vec<String> {
        match &self.inner {
            Polys::Equations(g) => g.formatted(nv::poly::Syntax::Plain),
            Polys::Ideal(i) => i.formatted(nv::poly::Syntax::Plain),
        }
    }

    fn count_by_degree(&self) -> Vec<(u64, usize)> {
        match &self.inner {
            Polys::Equations(g) => g.count_by_degree().into_iter().collect(),
            Polys::Ideal(i) => i.count_by_degree().into_iter().collect(),
        }
    }

    fn export(&self, format: &str) -> PyResult<String> {
        let f = parse_format(format)?;
        Ok(match &self.inner {
            Polys::Equations(g) => g.export(f),
            Polys::Ideal(i) => i.export(f),
        })
    }

    fn summary(&self) -> String {
        match &self.inner {
            Polys::Equations(g) => g.to_string(),
            Polys::Ideal(i) => i.to_string(),
        }
    }

    /// Ideal only: `(certified, cohen_macaulay, through_degree, hilbert
    /// function, h-vector, regularity, certificate text)`.
    #[allow(clippy::type_complexity)]
    fn ideal_facts(
        &self,
    ) -> Option<(
        bool,
        Option<bool>,
        usize,
        Vec<u128>,
        Option<Vec<u128>>,
        Option<usize>,
        String,
    )> {
        match &self.inner {
            Polys::Equations(_) => None,
            Polys::Ideal(i) => Some((
                i.is_certified(),
                i.cohen_macaulay(),
                i.through_degree(),
                i.hilbert_function().to_vec(),
                i.h_vector().map(|h| h.to_vec()),
                i.regularity(),
                i.certificate().to_string(),
            )),
        }
    }
}

/// A solved start system (see `neurovariety.StartSystem`).
#[pyclass(frozen, name = "StartSystem", module = "neurovariety._native")]
struct PyStartSystem {
    inner: StartSystem,
}

#[pymethods]
impl PyStartSystem {
    #[staticmethod]
    fn from_text(text: &str) -> PyResult<Self> {
        StartSystem::from_text(text)
            .map(|inner| PyStartSystem { inner })
            .map_err(to_py)
    }

    fn to_text(&self) -> String {
        self.inner.to_text()
    }

    fn filter_sizes(&self) -> Vec<usize> {
        self.inner.filter_sizes().to_vec()
    }

    fn strides(&self) -> Vec<usize> {
        self.inner.strides().to_vec()
    }

    fn seed(&self) -> u64 {
        self.inner.seed()
    }

    fn expected(&self) -> usize {
        self.inner.expected()
    }

    fn certified(&self) -> usize {
        self.inner.certified()
    }

    fn is_complete(&self) -> bool {
        self.inner.is_complete()
    }

    fn fingerprint(&self) -> u64 {
        self.inner.fingerprint()
    }
}

/// The solver's answer (see `neurovariety.CriticalPoints`).
#[pyclass(frozen, name = "CriticalPoints", module = "neurovariety._native")]
struct PyCriticalPoints {
    inner: CriticalPoints,
}

#[pymethods]
impl PyCriticalPoints {
    fn expected(&self) -> usize {
        self.inner.expected()
    }

    fn is_complete(&self) -> bool {
        self.inner.is_complete()
    }

    fn paths_tracked(&self) -> usize {
        self.inner.paths_tracked()
    }

    fn summary(&self) -> String {
        self.inner.to_string()
    }

    /// Index of the global minimum in `solutions()` (`None` unless complete).
    fn global_minimum(&self) -> Option<usize> {
        let best = self.inner.global_minimum()?;
        self.inner
            .solutions()
            .iter()
            .position(|p| std::ptr::eq(p, best))
    }

    /// Every solution as `(end_to_end, layers, loss, real, hessian_index,
    /// certified)`.
    #[allow(clippy::type_complexity)]
    fn solutions(
        &self,
    ) -> Vec<(
        Vec<Complex64>,
        Vec<Vec<Complex64>>,
        Complex64,
        bool,
        Option<usize>,
        bool,
    )> {
        self.inner
            .solutions()
            .iter()
            .map(|p| {
                (
                    p.end_to_end().to_vec(),
                    p.layers().to_vec(),
                    p.loss(),
                    p.is_real(),
                    p.hessian_index(),
                    p.is_certified(),
                )
            })
            .collect()
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyArchitecture>()?;
    m.add_class::<PyPolynomials>()?;
    m.add_class::<PyStartSystem>()?;
    m.add_class::<PyCriticalPoints>()?;
    Ok(())
}
