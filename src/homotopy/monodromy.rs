//! Monodromy solving: all regular solutions of a parameter homotopy from one.
//!
//! # The mathematics
//!
//! Let `F(z; p) = 0` be a square system whose regular solutions over a
//! generic parameter `p_0` are finitely many, say `d`. The incidence variety
//! `{(z, p) : F(z; p) = 0, det dF/dz != 0}` maps onto an open set of parameter
//! space as a `d`-sheeted covering; when the component through a known
//! solution is irreducible (as for the gradient system of a generic
//! quadratic loss on the irreducible Segre parametrisation) its monodromy
//! group acts **transitively** on the `d` solutions. Tracking the known
//! solutions around a loop `p_0 -> p_1 -> p_2 -> p_0` (three [`Segment`]s with
//! random `p_1, p_2` and random gammas) permutes them; new endpoints are added
//! and tracked in later loops. Transitivity guarantees that the orbit of one
//! solution under enough loops is all `d` of them. Nothing in the method
//! says when the orbit is complete; the caller stops at a known count `d`
//! (the point of this crate: [`crate::Architecture::critical_point_count`])
//! or after `stall_loops` loops without a new solution.
//!
//! **The graph of loops** (the strategy of Duff, Hill, Jensen, Lee, Leykin
//! and Sommars, *Solving polynomial systems via homotopy continuation and
//! monodromy*, IMA J. Numer. Anal. 2019, as in HomotopyContinuation.jl).
//! Instead of tracking every known solution around a whole loop again and
//! again, the parameters `p_0` (the base), `p_1`, `p_2`, `p_3` are the nodes
//! of two triangles `p_0 p_1 p_2` and `p_0 p_1 p_3` sharing an edge (two
//! independent loops), each edge a gamma-trick [`Segment`]. Tracking a solution `x`
//! at node `a` along the edge to `b` gives a solution `y` at `b`, and the
//! pair `x <-> y` is recorded in both directions, so no solution is ever
//! tracked twice along the same edge, in either direction. A solution that
//! is new at its node is queued for the other edges out of that node (paths
//! into the base first). So at most `5 d` paths are tracked for `d`
//! solutions when the loops act transitively, and the run stops the moment
//! the base node holds the target count. Paths that need more than
//! `QUICK_STEPS` steps are set aside and tracked with the full budget only
//! when the queue is empty; one that fails even so is replaced by a detour
//! through a new random node. A tracked pair that contradicts a recorded one (a path jumped to
//! another sheet) is dropped. When the queue empties early (path failures,
//! or solutions in several orbits), a new random node joined to the base and
//! to the last node adds fresh loops ("a loop" below).
//!
//! Paths are tracked in batches through [`crate::parallel::par_map`]
//! (panics in a worker reach the caller; order is kept, so a run is
//! reproducible from its seed whatever the number of threads).
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::{monodromy_solve, Evaluation, MonodromyOptions, ParameterHomotopy};
//! use num_complex::Complex64;
//!
//! /// z^3 - p = 0: three cube roots, found from one by monodromy.
//! struct Cube;
//! impl ParameterHomotopy for Cube {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn num_parameters(&self) -> usize { 1 }
//!     fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
//!         Evaluation {
//!             value: vec![z[0] * z[0] * z[0] - p[0]],
//!             jacobian: vec![z[0] * z[0] * 3.0],
//!             parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
//!         }
//!     }
//! }
//! let one = Complex64::new(1.0, 0.0);
//! let r = monodromy_solve(&Cube, &[one], vec![vec![one]], Some(3), &MonodromyOptions::default()).unwrap();
//! assert_eq!(r.solutions.len(), 3);
//! ```

use super::statistics::PathStatistics;
use super::tracker::{track_path, ParameterHomotopy, Segment, TrackerOptions, TrackerWorkspace};
use crate::numeric::{max_dist, max_norm};
use crate::parallel::{in_pool, par_map};
use crate::progress::{ProgressObserver, Stage, Update};
use crate::random::SplitMix;
use crate::Error;
use num_complex::Complex64;
use std::collections::{HashMap, VecDeque};

/// Settings of [`monodromy_solve`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
pub struct MonodromyOptions {
    /// Seed of the random nodes and gammas.
    pub seed: u64,
    /// Largest number of nodes added to the initial triangle when its loops
    /// stop producing solutions ("loops").
    pub max_loops: usize,
    /// Stop after this many added nodes in a row without a new solution.
    pub stall_loops: usize,
    /// Worker threads for tracking (at least 1; 0 is an error). By default
    /// the current pool's ([`crate::parallel::threads`]).
    pub threads: usize,
    /// Path tracker settings.
    pub tracker: TrackerOptions,
    /// Receives [`Update::Solutions`] after every batch of paths.
    pub progress: ProgressObserver,
}

impl Default for MonodromyOptions {
    fn default() -> Self {
        MonodromyOptions {
            seed: 1,
            max_loops: 50,
            stall_loops: 5,
            threads: crate::parallel::threads(),
            tracker: TrackerOptions::default(),
            progress: ProgressObserver::none(),
        }
    }
}

impl MonodromyOptions {
    /// The same options with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// The same options with another bound on added nodes.
    pub fn with_max_loops(mut self, max_loops: usize) -> Self {
        self.max_loops = max_loops;
        self
    }
    /// The same options with another stall bound.
    pub fn with_stall_loops(mut self, stall_loops: usize) -> Self {
        self.stall_loops = stall_loops;
        self
    }
    /// The same options with another thread count.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }
    /// The same options with other tracker settings.
    pub fn with_tracker(mut self, tracker: TrackerOptions) -> Self {
        self.tracker = tracker;
        self
    }
    /// The same options with a progress observer.
    pub fn with_progress(mut self, progress: ProgressObserver) -> Self {
        self.progress = progress;
        self
    }

    /// Checks the settings.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for `threads == 0`, `max_loops == 0` or
    /// bad tracker settings.
    pub fn validate(&self) -> Result<(), Error> {
        self.tracker.validate()?;
        if self.threads == 0 || self.max_loops == 0 {
            return Err(Error::InvalidArgument {
                name: "MonodromyOptions",
                value: format!("threads = {}, max_loops = {}", self.threads, self.max_loops),
                reason: "both must be positive".into(),
            });
        }
        Ok(())
    }
}

/// The outcome of [`monodromy_solve`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MonodromyResult {
    /// The base parameters.
    pub parameters: Vec<Complex64>,
    /// Distinct solutions over the base parameters.
    pub solutions: Vec<Vec<Complex64>>,
    /// Nodes added to the initial triangle.
    pub loops: usize,
    /// Paths tracked (each edge of each solution counts once).
    pub paths_tracked: usize,
    /// Paths that failed.
    pub path_failures: usize,
    /// What the run did.
    pub diagnostics: MonodromyDiagnostics,
}

/// A set of points of `C^n` with lookup up to relative distance `1e-6`
/// ([`SolutionSet::find`]) in expected constant time: points are bucketed by
/// a random real projection, normalised by `1 + |z|`.
#[derive(Clone, Debug)]
pub(crate) struct SolutionSet {
    points: Vec<Vec<Complex64>>,
    grid: HashMap<i64, Vec<usize>>,
    direction: Vec<Complex64>,
}

/// Relative distance under which two points are the same ([`SolutionSet`]).
pub(crate) const SAME_POINT: f64 = 1e-6;
/// Cell width of the grid: two points within [`SAME_POINT`] have keys within
/// `2 SAME_POINT` (see [`SolutionSet::key`]), so they are in the same or
/// adjacent cells.
const CELL: f64 = 4.0 * SAME_POINT;

impl SolutionSet {
    /// An empty set for points of `n` coordinates.
    pub(crate) fn new(n: usize, seed: u64) -> Self {
        let mut rng = SplitMix::new(seed ^ 0x5E75_0000_0000_0001);
        let raw: Vec<Complex64> = (0..n)
            .map(|_| Complex64::new(rng.normal(), rng.normal()))
            .collect();
        let total: f64 = raw.iter().map(|z| z.l1_norm()).sum::<f64>().max(1e-300);
        SolutionSet {
            points: Vec::new(),
            grid: HashMap::new(),
            direction: raw.iter().map(|z| z / total).collect(),
        }
    }

    /// `Re(d . z) / (1 + |z|)` with `sum |d_i| <= 1`: moves by at most
    /// `2 SAME_POINT` between points within `SAME_POINT (1 + |z|)`.
    fn key(&self, z: &[Complex64]) -> i64 {
        let p: Complex64 = self.direction.iter().zip(z).map(|(d, x)| d * x).sum();
        let k = p.re / (1.0 + max_norm(z));
        if k.is_finite() {
            (k / CELL).floor() as i64
        } else {
            i64::MIN
        }
    }

    /// The index of a point within relative distance `SAME_POINT` of `z`.
    pub(crate) fn find(&self, z: &[Complex64]) -> Option<usize> {
        let tol = SAME_POINT * (1.0 + max_norm(z));
        let c = self.key(z);
        for cell in [c.saturating_sub(1), c, c.saturating_add(1)] {
            if let Some(ids) = self.grid.get(&cell) {
                for &i in ids {
                    if max_dist(&self.points[i], z) < tol {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    /// Adds `z` unless known: its index and whether it is new.
    pub(crate) fn insert(&mut self, z: Vec<Complex64>) -> (usize, bool) {
        if let Some(i) = self.find(&z) {
            return (i, false);
        }
        let i = self.points.len();
        self.grid.entry(self.key(&z)).or_default().push(i);
        self.points.push(z);
        (i, true)
    }

    pub(crate) fn len(&self) -> usize {
        self.points.len()
    }

    pub(crate) fn points(&self) -> &[Vec<Complex64>] {
        &self.points
    }
}

/// A random complex point with entries of the size of those of `like`.
fn random_point(rng: &mut SplitMix, like: &[Complex64]) -> Vec<Complex64> {
    let scale = (like.iter().map(|z| z.norm_sqr()).sum::<f64>() / like.len().max(1) as f64)
        .sqrt()
        .max(1.0);
    like.iter()
        .map(|_| Complex64::new(rng.normal(), rng.normal()) * scale)
        .collect()
}

/// A random gamma on the unit circle (never a negative real in practice).
pub(crate) fn random_gamma(rng: &mut SplitMix) -> Complex64 {
    loop {
        let g = Complex64::from_polar(1.0, std::f64::consts::TAU * rng.next_f64());
        if g.im.abs() > 1e-3 {
            return g;
        }
    }
}

/// Tracks each start point along `segments` in order, in parallel
/// ([`crate::parallel::par_map`]: a panicking worker re-raises its panic
/// here, it never turns into missing paths); the endpoints in the order of
/// `starts` (`None` where a path failed) and the statistics of the paths.
pub(crate) fn track_all<H: ParameterHomotopy + Sync + ?Sized>(
    h: &H,
    segments: &[Segment],
    starts: &[Vec<Complex64>],
    opts: &TrackerOptions,
) -> (Vec<Option<Vec<Complex64>>>, PathStatistics) {
    let results = par_map(starts, 1, |z| {
        let mut ws = TrackerWorkspace::for_system(h);
        let mut stats = PathStatistics::default();
        let mut z = z.clone();
        for s in segments {
            let r = track_path(h, s, &z, opts, &mut ws);
            stats.record(&ws, r.as_ref().err().map(|e| e.0));
            match r {
                Ok(end) => z = end,
                Err(_) => return (None, stats),
            }
        }
        (Some(z), stats)
    });
    let mut stats = PathStatistics::default();
    let ends = results
        .into_iter()
        .map(|(end, s)| {
            stats += s;
            end
        })
        .collect();
    (ends, stats)
}

/// What a monodromy run did: paths by phase, failures by reason, jumps,
/// and when each solution at the base arrived (see the module
/// documentation).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct MonodromyDiagnostics {
    /// First tries of paths along the edges of the graph.
    pub first: PathStatistics,
    /// Careful re-tracks ([`TrackerOptions::careful`]) of paths that failed
    /// or jumped on their first try.
    pub careful: PathStatistics,
    /// Detours through a new node for paths that failed even carefully.
    pub detours: PathStatistics,
    /// Paths whose end contradicted a recorded correspondence (one of the
    /// two paths jumped to another sheet): both were re-tracked carefully.
    pub jumps: usize,
    /// Nodes added to the initial graph.
    pub loops: usize,
    /// Paths tracked along each edge (first tries and careful re-tracks).
    pub paths_per_edge: Vec<usize>,
    /// For each solution at the base, in order of arrival: the number of
    /// paths tracked in all when it arrived (0 for solutions given).
    pub arrivals: Vec<usize>,
    /// Per orbit (when orbits are set, [`Monodromy::set_orbits`]): the
    /// solutions known at the base.
    pub orbit_found: Vec<usize>,
}

impl MonodromyDiagnostics {
    /// Paths tracked in all.
    #[must_use]
    pub fn paths(&self) -> usize {
        self.first.paths + self.careful.paths + self.detours.paths
    }

    /// Failed paths in all (first tries, re-tracks and detours).
    #[must_use]
    pub fn failed(&self) -> usize {
        self.first.failed() + self.careful.failed() + self.detours.failed()
    }

    /// The number of paths tracked when the first `fraction` of the
    /// solutions at the base were known (`fraction` in `(0, 1]`), if they
    /// were.
    #[must_use]
    pub fn paths_at(&self, fraction: f64, total: usize) -> Option<usize> {
        let need = ((fraction * total as f64).ceil() as usize).max(1);
        self.arrivals.get(need - 1).copied()
    }
}

/// One path to track: along edge `.0`, forwards (`.1`), from solution `.2`
/// of the edge's start node.
type Task = (usize, bool, usize);

struct Node {
    parameters: Vec<Complex64>,
    solutions: SolutionSet,
    /// The orbit of each solution (all 0 without orbits).
    orbit: Vec<usize>,
}

struct Edge {
    a: usize,
    b: usize,
    forward: Segment,
    backward: Segment,
    /// solution index at `a` -> at `b`, and back
    ab: HashMap<usize, usize>,
    ba: HashMap<usize, usize>,
}

/// Which orbit a solution is on.
type Classifier<'h> = Box<dyn Fn(&[Complex64]) -> usize + Send + Sync + 'h>;

/// The orbits of a monodromy run: a classifier of solutions and, per
/// orbit, the number of solutions it has (if known).
struct Orbits<'h> {
    classify: Classifier<'h>,
    targets: Vec<Option<usize>>,
    /// When `false` the targets are ignored (after a run ended short of them).
    enforce: bool,
}

/// A monodromy computation over a growing graph of parameter nodes (see the
/// module documentation); node 0 is the base. Solutions can be added at the
/// base at any time ([`Monodromy::add_solutions`]), e.g. seeds of further
/// orbits, and [`Monodromy::run`] continues from where it stopped.
pub struct Monodromy<'h, H: ParameterHomotopy + Sync + ?Sized> {
    h: &'h H,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    queue: VecDeque<Task>,
    /// Tasks whose path failed or jumped on the first try.
    careful: Vec<Task>,
    /// Tasks whose path failed carefully too (for detours).
    lost: Vec<Task>,
    rng: SplitMix,
    opts: MonodromyOptions,
    orbits: Option<Orbits<'h>>,
    /// Close the base under complex conjugation (real base parameters).
    real_base: bool,
    diagnostics: MonodromyDiagnostics,
}

impl<'h, H: ParameterHomotopy + Sync + ?Sized> Monodromy<'h, H> {
    /// Two nodes, the base `base` and a random one, joined by three edges
    /// (three gammas: two independent loops), with no solutions yet.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] / [`Error::NonFinite`] for bad base
    /// parameters, [`Error::InvalidArgument`] for bad options.
    pub fn new(h: &'h H, base: &[Complex64], opts: &MonodromyOptions) -> Result<Self, Error> {
        let mut rng = SplitMix::new(opts.seed);
        let other = random_point(&mut rng, base);
        Self::with_nodes(h, base, &other, opts)
    }

    /// [`Monodromy::new`] with the second node's parameters given (for
    /// instance the parameters at which a first solution is known, see
    /// [`Monodromy::add_solutions_at`]).
    ///
    /// # Errors
    ///
    /// As [`Monodromy::new`].
    pub fn with_nodes(
        h: &'h H,
        base: &[Complex64],
        other: &[Complex64],
        opts: &MonodromyOptions,
    ) -> Result<Self, Error> {
        opts.validate()?;
        let mut m = Monodromy {
            h,
            nodes: Vec::new(),
            edges: Vec::new(),
            queue: VecDeque::new(),
            careful: Vec::new(),
            lost: Vec::new(),
            rng: SplitMix::new(opts.seed ^ 0x3ED6_6E70_0000_0001),
            opts: opts.clone(),
            orbits: None,
            real_base: false,
            diagnostics: MonodromyDiagnostics::default(),
        };
        for p in [base, other] {
            m.push_node(p, "base parameters")?;
        }
        for _ in 0..3 {
            m.add_edge(0, 1)?;
        }
        Ok(m)
    }

    /// Sets the orbits: `classify` names the orbit of a solution (at any
    /// node: the orbit is a property of the point, not of the parameters),
    /// `targets[o]` the number of solutions of orbit `o`, if known. An orbit
    /// whose count is reached at the base is not tracked further; when the
    /// graph is exhausted short of the count the targets are dropped (a
    /// misclassified point can never stop a run short).
    pub fn set_orbits(
        &mut self,
        classify: impl Fn(&[Complex64]) -> usize + Send + Sync + 'h,
        targets: Vec<Option<usize>>,
    ) {
        for node in &mut self.nodes {
            node.orbit = node
                .solutions
                .points()
                .iter()
                .map(|z| classify(z))
                .collect();
        }
        self.diagnostics.orbit_found = vec![0; targets.len()];
        for &o in &self.nodes[0].orbit {
            if let Some(c) = self.diagnostics.orbit_found.get_mut(o) {
                *c += 1;
            }
        }
        self.orbits = Some(Orbits {
            classify: Box::new(classify),
            targets,
            enforce: true,
        });
    }

    /// Declares the base parameters real, so that the system over them has
    /// real coefficients and its solutions come in conjugate pairs: every
    /// solution found at the base brings its conjugate, without a path.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if the base parameters are not all real.
    pub fn set_real_base(&mut self) -> Result<(), Error> {
        if let Some(i) = self.nodes[0].parameters.iter().position(|p| p.im != 0.0) {
            return Err(Error::InvalidArgument {
                name: "base parameters",
                value: self.nodes[0].parameters[i].to_string(),
                reason: "not real".into(),
            });
        }
        self.real_base = true;
        let known = self.nodes[0].solutions.points().to_vec();
        for z in known {
            self.insert(0, z.iter().map(|x| x.conj()).collect());
        }
        Ok(())
    }

    /// Adds an edge (a new gamma) between the nodes `a` and `b`, queueing the
    /// solutions of `a` along it.
    fn add_edge(&mut self, a: usize, b: usize) -> Result<(), Error> {
        let forward = Segment::new(
            self.nodes[a].parameters.clone(),
            self.nodes[b].parameters.clone(),
            random_gamma(&mut self.rng),
        )?;
        let e = self.edges.len();
        self.edges.push(Edge {
            a,
            b,
            backward: forward.reversed(),
            forward,
            ab: HashMap::new(),
            ba: HashMap::new(),
        });
        self.diagnostics.paths_per_edge.push(0);
        for i in 0..self.nodes[a].solutions.len() {
            self.queue.push_back((e, true, i));
        }
        for i in 0..self.nodes[b].solutions.len() {
            self.queue.push_back((e, false, i));
        }
        Ok(())
    }

    /// Queues solution `i` of `node` along every edge at `node` whose
    /// correspondence for it is unknown.
    fn enqueue(&mut self, node: usize, i: usize) {
        // paths into the base first: they are the ones that raise the count
        for (e, edge) in self.edges.iter().enumerate() {
            if edge.a == node && !edge.ab.contains_key(&i) {
                if edge.b == 0 {
                    self.queue.push_front((e, true, i));
                } else {
                    self.queue.push_back((e, true, i));
                }
            }
            if edge.b == node && !edge.ba.contains_key(&i) {
                if edge.a == 0 {
                    self.queue.push_front((e, false, i));
                } else {
                    self.queue.push_back((e, false, i));
                }
            }
        }
    }

    /// Adds a solution at `node`: its index and whether it is new (new
    /// solutions are classified and queued).
    fn insert(&mut self, node: usize, z: Vec<Complex64>) -> (usize, bool) {
        let conjugate = (node == 0 && self.real_base).then(|| z.iter().map(|x| x.conj()).collect());
        let orbit = self.orbits.as_ref().map_or(0, |o| (o.classify)(&z));
        let (i, new) = self.nodes[node].solutions.insert(z);
        if new {
            self.nodes[node].orbit.push(orbit);
            if node == 0 {
                self.diagnostics.arrivals.push(self.diagnostics.paths());
                if let Some(c) = self.diagnostics.orbit_found.get_mut(orbit) {
                    *c += 1;
                }
            }
            self.enqueue(node, i);
            if let Some(c) = conjugate {
                self.insert(0, c);
            }
        }
        (i, new)
    }

    /// Adds solutions at the base (duplicates are ignored); the number of
    /// new ones.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] / [`Error::NonFinite`] for a bad point.
    pub fn add_solutions(&mut self, solutions: Vec<Vec<Complex64>>) -> Result<usize, Error> {
        self.add_solutions_at(0, solutions)
    }

    /// Adds solutions at node `node` (0 the base, 1 the second node of
    /// [`Monodromy::with_nodes`]); the number of new ones.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] / [`Error::NonFinite`] for a bad point,
    /// [`Error::InvalidArgument`] for an unknown node.
    pub fn add_solutions_at(
        &mut self,
        node: usize,
        solutions: Vec<Vec<Complex64>>,
    ) -> Result<usize, Error> {
        let n = self.h.num_variables();
        if node >= self.nodes.len() {
            return Err(Error::InvalidArgument {
                name: "node",
                value: node.to_string(),
                reason: format!("the graph has {} nodes", self.nodes.len()),
            });
        }
        if let Some(bad) = solutions.iter().find(|z| z.len() != n) {
            return Err(Error::LengthMismatch {
                what: "start solution",
                expected: n,
                found: bad.len(),
            });
        }
        for (index, z) in solutions.iter().flatten().enumerate() {
            if !z.re.is_finite() || !z.im.is_finite() {
                return Err(Error::NonFinite {
                    index,
                    value: z.to_string(),
                });
            }
        }
        let mut added = 0;
        for z in solutions {
            if self.insert(node, z).1 {
                added += 1;
            }
        }
        Ok(added)
    }

    /// The solutions known at the base.
    pub fn solutions(&self) -> &[Vec<Complex64>] {
        self.nodes[0].solutions.points()
    }

    /// The base parameters.
    pub fn base(&self) -> &[Complex64] {
        &self.nodes[0].parameters
    }

    /// What the run did so far.
    pub fn diagnostics(&self) -> &MonodromyDiagnostics {
        &self.diagnostics
    }

    /// Paths tracked so far.
    pub fn paths_tracked(&self) -> usize {
        self.diagnostics.paths()
    }

    /// Nodes added to the initial graph so far.
    pub fn loops(&self) -> usize {
        self.diagnostics.loops
    }

    /// Tracks queued paths until the base holds `target` solutions (if
    /// given) or nothing is left to track in the current graph.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if the thread pool cannot be started.
    pub fn run(&mut self, target: Option<usize>) -> Result<(), Error> {
        let threads = self.opts.threads;
        in_pool(threads, || self.run_queue(target))
    }

    /// [`Monodromy::run`], then, while the count is short, new loops
    /// ([`Monodromy::add_loop`]) until `stall_loops` in a row (or
    /// `max_loops` in all) brought nothing new.
    ///
    /// # Errors
    ///
    /// As [`Monodromy::run`].
    pub fn run_with_loops(&mut self, target: Option<usize>) -> Result<(), Error> {
        self.run(target)?;
        let mut stall = 0;
        while target.is_none_or(|t| self.solutions().len() < t)
            && self.diagnostics.loops < self.opts.max_loops
            && stall < self.opts.stall_loops
        {
            let before = self.solutions().len();
            self.add_loop()?;
            self.run(target)?;
            stall = if self.solutions().len() > before {
                0
            } else {
                stall + 1
            };
        }
        Ok(())
    }

    /// Adds a loop: a new edge (a new gamma) between the base and the second
    /// node, the known solutions of both queued along it. With `e` edges the
    /// loops `e_1 e_i^-1` enclose the branch points whose arcs lie between
    /// the gammas; a new gamma splits one of these sets.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] in the (probability-zero) case of a degenerate
    /// gamma.
    pub fn add_loop(&mut self) -> Result<(), Error> {
        self.diagnostics.loops += 1;
        self.add_edge(0, 1)
    }

    /// Adds a node at the parameters `p`, joined to the base by two edges
    /// (a loop through it); its index, for [`Monodromy::add_solutions_at`].
    /// A stalled orbit may be stuck on the second node's permutations (its
    /// missing solutions are never met through it): a node elsewhere gives
    /// the orbit new loops.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] / [`Error::NonFinite`] for bad parameters.
    pub(crate) fn add_node(&mut self, p: &[Complex64]) -> Result<usize, Error> {
        let id = self.push_node(p, "node parameters")?;
        for _ in 0..2 {
            self.add_edge(0, id)?;
        }
        self.diagnostics.loops += 1;
        Ok(id)
    }

    /// Validates the parameters `p` (length, finiteness; `what` names them
    /// in the error) and adds a node there with no solutions and no edges;
    /// its index.
    fn push_node(&mut self, p: &[Complex64], what: &'static str) -> Result<usize, Error> {
        Segment::new(p.to_vec(), p.to_vec(), Complex64::new(1.0, 0.0))?;
        if p.len() != self.h.num_parameters() {
            return Err(Error::LengthMismatch {
                what,
                expected: self.h.num_parameters(),
                found: p.len(),
            });
        }
        let id = self.nodes.len();
        self.nodes.push(Node {
            parameters: p.to_vec(),
            solutions: SolutionSet::new(
                self.h.num_variables(),
                self.opts.seed.wrapping_add(id as u64),
            ),
            orbit: Vec::new(),
        });
        Ok(id)
    }

    fn done(&self, target: Option<usize>) -> bool {
        target.is_some_and(|t| self.nodes[0].solutions.len() >= t)
    }

    /// `true` if the orbit of the start of `task` is complete at the base
    /// (and orbit targets are enforced).
    fn orbit_complete(&self, (e, fwd, i): Task) -> bool {
        let Some(orbits) = self.orbits.as_ref().filter(|o| o.enforce) else {
            return false;
        };
        let edge = &self.edges[e];
        let from = if fwd { edge.a } else { edge.b };
        let o = self.nodes[from].orbit[i];
        matches!(
            (orbits.targets.get(o), self.diagnostics.orbit_found.get(o)),
            (Some(Some(t)), Some(&f)) if f >= *t
        )
    }

    /// Tracks queued paths, then careful re-tracks of failed or jumped
    /// ones, then detours for paths that failed carefully too, until the
    /// target is met or nothing is left. When the graph is exhausted short
    /// of the target, orbit targets are dropped and the run goes on once.
    fn run_queue(&mut self, target: Option<usize>) {
        let batch = (16 * crate::parallel::threads()).max(32);
        loop {
            if self.done(target) {
                return;
            }
            if !self.queue.is_empty() {
                self.drain(target, batch);
                continue;
            }
            if !self.careful.is_empty() {
                let retry = std::mem::take(&mut self.careful);
                for chunk in retry.chunks(batch) {
                    if self.done(target) {
                        return;
                    }
                    let todo: Vec<Task> =
                        chunk.iter().copied().filter(|&t| !self.known(t)).collect();
                    self.track_batch(&todo, true);
                }
                continue;
            }
            if !self.lost.is_empty() {
                // paths that fail even carefully pass near the discriminant:
                // the solution is sent to the other end along a detour
                // through a random node instead (another path class, so it
                // lands on some solution there)
                let lost = std::mem::take(&mut self.lost);
                self.detour(&lost, target);
                continue;
            }
            // exhausted: if orbit targets held solutions back, release them
            let held = self.orbits.as_ref().is_some_and(|o| o.enforce);
            if held && !self.done(target) {
                if let Some(o) = self.orbits.as_mut() {
                    o.enforce = false;
                }
                for node in 0..self.nodes.len() {
                    for i in 0..self.nodes[node].solutions.len() {
                        self.enqueue(node, i);
                    }
                }
                if !self.queue.is_empty() {
                    continue;
                }
            }
            return;
        }
    }

    /// Sends the start solutions of `tasks` to their edges' other ends
    /// through a random point of the complex line through the two nodes
    /// (an affine combination: it stays in any linear family of parameters
    /// the nodes lie in), two paths each, no correspondence recorded; new
    /// endpoints join their nodes.
    fn detour(&mut self, tasks: &[Task], target: Option<usize>) {
        let c = Complex64::new(0.5 + self.rng.normal(), 1.0 + self.rng.normal().abs());
        let mut jobs: Vec<(Vec<Complex64>, [Segment; 2], usize)> = Vec::new();
        for &(e, fwd, i) in tasks {
            let edge = &self.edges[e];
            let (from, to) = if fwd {
                (edge.a, edge.b)
            } else {
                (edge.b, edge.a)
            };
            let (pa, pb) = (&self.nodes[from].parameters, &self.nodes[to].parameters);
            let mid: Vec<Complex64> = pa.iter().zip(pb).map(|(a, b)| a + (b - a) * c).collect();
            let (Ok(s1), Ok(s2)) = (
                Segment::new(
                    self.nodes[from].parameters.clone(),
                    mid.clone(),
                    random_gamma(&mut self.rng),
                ),
                Segment::new(
                    mid.clone(),
                    self.nodes[to].parameters.clone(),
                    random_gamma(&mut self.rng),
                ),
            ) else {
                continue;
            };
            jobs.push((self.nodes[from].solutions.points()[i].clone(), [s1, s2], to));
        }
        let tracker = TrackerOptions::careful();
        let h = self.h;
        let ends = par_map(&jobs, 1, |(z, segs, _)| {
            let (mut e, s) = track_all(h, segs, std::slice::from_ref(z), &tracker);
            (e.pop().flatten(), s)
        });
        for ((_, _, to), (end, stats)) in jobs.iter().zip(ends) {
            self.diagnostics.detours += stats;
            if self.done(target) {
                break;
            }
            if let Some(y) = end {
                self.insert(*to, y);
            }
        }
    }

    /// `true` if the correspondence of a task is already known.
    fn known(&self, (e, fwd, i): Task) -> bool {
        let edge = &self.edges[e];
        if fwd {
            edge.ab.contains_key(&i)
        } else {
            edge.ba.contains_key(&i)
        }
    }

    /// Processes the queue in batches until it is empty or the target is met.
    fn drain(&mut self, target: Option<usize>, batch: usize) {
        while !self.queue.is_empty() && !self.done(target) {
            let mut tasks = Vec::with_capacity(batch);
            while tasks.len() < batch {
                let Some(task) = self.queue.pop_front() else {
                    break;
                };
                if !self.known(task) && !self.orbit_complete(task) {
                    tasks.push(task);
                }
            }
            self.track_batch(&tasks, false);
            let found = self.nodes[0].solutions.len() as u64;
            self.opts.progress.report(&Update::Solutions {
                stage: Stage::CriticalPoints,
                found,
                expected: target.unwrap_or(0) as u64,
                paths: self.diagnostics.paths() as u64,
                certified: 0,
            });
        }
    }

    /// Tracks one batch of tasks in parallel and records the results: the
    /// first try with the default tracker settings, a re-track with
    /// [`TrackerOptions::careful`] (`careful`). A path that fails, or whose
    /// end contradicts a recorded correspondence (then the recorded one is
    /// dropped too), is queued for a careful re-track; one that fails
    /// carefully, for a detour.
    fn track_batch(&mut self, tasks: &[Task], careful: bool) {
        let tracker = if careful {
            TrackerOptions::careful()
        } else {
            self.opts.tracker
        };
        let h = self.h;
        let (nodes, edges) = (&self.nodes, &self.edges);
        let results = par_map(tasks, 1, |&(e, fwd, i)| {
            let edge = &edges[e];
            let (seg, from) = if fwd {
                (&edge.forward, edge.a)
            } else {
                (&edge.backward, edge.b)
            };
            let mut ws = TrackerWorkspace::for_system(h);
            let r = track_path(
                h,
                seg,
                &nodes[from].solutions.points()[i],
                &tracker,
                &mut ws,
            );
            let mut stats = PathStatistics::default();
            stats.record(&ws, r.as_ref().err().map(|f| f.0));
            (r.ok(), stats)
        });
        for (&(e, fwd, i), (end, stats)) in tasks.iter().zip(results) {
            self.diagnostics.paths_per_edge[e] += 1;
            if careful {
                self.diagnostics.careful += stats;
            } else {
                self.diagnostics.first += stats;
            }
            let Some(y) = end else {
                if careful {
                    self.lost.push((e, fwd, i));
                } else {
                    self.careful.push((e, fwd, i));
                }
                continue;
            };
            if self.known((e, fwd, i)) {
                continue;
            }
            let to = if fwd {
                self.edges[e].b
            } else {
                self.edges[e].a
            };
            let (j, _) = self.insert(to, y);
            let edge = &mut self.edges[e];
            let (there, back) = if fwd {
                (&mut edge.ab, &mut edge.ba)
            } else {
                (&mut edge.ba, &mut edge.ab)
            };
            if let Some(&k) = back.get(&j) {
                // two paths of one edge ended at one point: one of them
                // jumped. Forget the recorded one, re-track both carefully.
                self.diagnostics.jumps += 1;
                back.remove(&j);
                there.remove(&k);
                if careful {
                    self.lost.push((e, fwd, i));
                } else {
                    self.careful.push((e, fwd, i));
                    self.careful.push((e, fwd, k));
                }
                continue;
            }
            there.insert(i, j);
            back.insert(j, i);
        }
    }

    /// The result so far.
    pub fn result(&self) -> MonodromyResult {
        MonodromyResult {
            parameters: self.nodes[0].parameters.clone(),
            solutions: self.nodes[0].solutions.points().to_vec(),
            loops: self.diagnostics.loops,
            paths_tracked: self.diagnostics.paths(),
            path_failures: self.diagnostics.failed(),
            diagnostics: self.diagnostics.clone(),
        }
    }
}

/// Finds solutions of `F(z; p) = 0` over the base parameters `base` by
/// monodromy ([`Monodromy`]) starting from the known solutions `starts`,
/// until `target` solutions are known (if given), or the loops stop
/// producing new ones (`stall_loops` added nodes in a row, or `max_loops`
/// in all).
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `base` or a start do not fit the system,
/// [`Error::InvalidArgument`] for no starts,
/// [`Error::InvalidArgument`] for `threads == 0` or `max_loops == 0`,
/// [`Error::NonFinite`] for non-finite input.
pub fn monodromy_solve<H: ParameterHomotopy + Sync + ?Sized>(
    h: &H,
    base: &[Complex64],
    starts: Vec<Vec<Complex64>>,
    target: Option<usize>,
    opts: &MonodromyOptions,
) -> Result<MonodromyResult, Error> {
    if starts.is_empty() {
        return Err(Error::InvalidArgument {
            name: "starts",
            value: "[]".into(),
            reason: "monodromy needs at least one known solution".into(),
        });
    }
    if let Some(bad) = starts.iter().find(|z| z.len() != h.num_variables()) {
        return Err(Error::LengthMismatch {
            what: "start solution",
            expected: h.num_variables(),
            found: bad.len(),
        });
    }
    let mut m = Monodromy::new(h, base, opts)?;
    m.add_solutions(starts)?;
    m.run_with_loops(target)?;
    Ok(m.result())
}
