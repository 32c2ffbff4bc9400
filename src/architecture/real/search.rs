//! The search over choices of root orbits per reduced level, with backtracking.

use super::*;

// ---------------------------------------------------------------------------
// The search

/// One reduced level: dilation, number of orbits `kappa - 1`, the original
/// layers merged into it and their degrees.
pub(super) struct Level {
    pub(super) tau: usize,
    pub(super) n: usize,
    pub(super) group: Vec<usize>,
    pub(super) degrees: Vec<usize>,
    pub(super) odd: usize,
}

pub(super) fn levels_of(arch: &Architecture) -> Vec<Level> {
    let red = arch.reduced();
    let sizes = arch.filter_sizes();
    red.filter_sizes()
        .iter()
        .zip(red.dilations())
        .zip(red.groups())
        .map(|((&kappa, &tau), group)| {
            let degrees: Vec<usize> = group.iter().map(|&o| sizes[o] - 1).collect();
            Level {
                tau,
                n: kappa - 1,
                odd: degrees.iter().filter(|&&d| d % 2 == 1).count(),
                group: group.clone(),
                degrees,
            }
        })
        .collect()
}

/// A full orbit of remaining clusters: `(cluster, copies needed)` and its `Z`.
pub(super) struct Orbit {
    pub(super) need: Vec<(usize, usize)>,
    pub(super) z: Pt,
    pub(super) avail: usize,
}

/// The full `tau`-orbits among the clusters with positive multiplicity.
pub(super) fn find_orbits(centers: &[Pt], mult: &[usize], tau: usize, delta: f64) -> Vec<Orbit> {
    let live: Vec<usize> = (0..centers.len()).filter(|&i| mult[i] > 0).collect();
    let power = u32::try_from(tau).unwrap_or(u32::MAX);
    let zetas: Vec<Complex64> = (0..tau)
        .map(|j| Complex64::from_polar(1.0, TAU * j as f64 / tau as f64))
        .collect();
    let mut seen = vec![false; centers.len()];
    let mut out = Vec::new();
    'seeds: for &s in &live {
        if seen[s] {
            continue;
        }
        let mut members: Vec<usize> = Vec::with_capacity(tau);
        for &zeta in &zetas {
            let target = centers[s].rotate(zeta);
            let best = live
                .iter()
                .map(|&i| (i, chordal(centers[i], target)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((i, d)) if d <= 2.0 * delta => members.push(i),
                _ => continue 'seeds,
            }
        }
        let zs: Vec<Pt> = members.iter().map(|&i| centers[i].pow(power)).collect();
        let z = mean(&zs);
        let mut need: Vec<(usize, usize)> = Vec::new();
        for &i in &members {
            match need.iter_mut().find(|(c, _)| *c == i) {
                Some((_, cnt)) => *cnt += 1,
                None => need.push((i, 1)),
            }
        }
        let avail = need
            .iter()
            .map(|&(c, cnt)| mult[c] / cnt)
            .min()
            .unwrap_or(0);
        if avail == 0 {
            continue;
        }
        for &(c, _) in &need {
            seen[c] = true;
        }
        out.push(Orbit { need, z, avail });
    }
    out
}

/// What a chosen orbit contributes to its level's layer form.
#[derive(Clone, Copy, Debug)]
pub(super) enum Choice {
    /// A real root `Z` (a real linear factor).
    Real(Pt),
    /// A conjugate pair `Z, conj Z` (a real quadratic factor).
    Pair(Pt),
    /// A root `Z` of a complex layer form.
    Any(Pt),
}

/// A unit of choice: one orbit (real or complex mode) or a conjugate pair of
/// orbits; `size` roots `Z`, of which `reals` are real, at most `max` times.
pub(super) struct Unit {
    pub(super) orbits: Vec<usize>,
    pub(super) choice: Choice,
    pub(super) size: usize,
    pub(super) reals: usize,
    pub(super) max: usize,
}

pub(super) enum Outcome {
    Found,
    Exhausted,
    Budget,
}

/// Early exit from the depth-first search.
pub(super) enum Stop {
    Found,
    Budget,
}

/// The data every search step reads.
pub(super) struct Problem<'a> {
    pub(super) arch: &'a Architecture,
    pub(super) levels: &'a [Level],
    pub(super) w: &'a [f64],
    pub(super) wn: &'a [f64],
    pub(super) scale: f64,
    pub(super) tol: f64,
}

pub(super) struct Search<'a> {
    pub(super) p: &'a Problem<'a>,
    pub(super) centers: &'a [Pt],
    pub(super) delta: f64,
    pub(super) real: bool,
    pub(super) nodes: usize,
    pub(super) candidates: usize,
    pub(super) refinements: usize,
    pub(super) chosen: Vec<Vec<Choice>>,
    pub(super) found_real: Option<Vec<Vec<f64>>>,
    pub(super) found_complex: Option<Vec<Vec<Choice>>>,
    /// The deepest level where too few orbits were available, in words.
    pub(super) shortfall: Option<(usize, String)>,
}

impl<'a> Search<'a> {
    pub(super) fn new(p: &'a Problem<'a>, centers: &'a [Pt], delta: f64, real: bool) -> Self {
        Search {
            p,
            centers,
            delta,
            real,
            nodes: 0,
            candidates: 0,
            refinements: 0,
            chosen: vec![Vec::new(); p.levels.len()],
            found_real: None,
            found_complex: None,
            shortfall: None,
        }
    }

    pub(super) fn run(&mut self, mut mult: Vec<usize>) -> Outcome {
        match self.level(self.p.levels.len(), &mut mult) {
            Ok(()) => Outcome::Exhausted,
            Err(Stop::Found) => Outcome::Found,
            Err(Stop::Budget) => Outcome::Budget,
        }
    }

    /// Tolerance on `Z` values (errors grow by the factor `tau` in `omega^tau`).
    pub(super) fn z_tol(&self, tau: usize) -> f64 {
        (4.0 * tau as f64 * self.delta).min(0.25)
    }

    /// Processes level `l - 1` (levels `l..` are done); `l == 0` is a leaf.
    pub(super) fn level(&mut self, l: usize, mult: &mut [usize]) -> Result<(), Stop> {
        if l == 0 {
            return self.leaf(mult);
        }
        let idx = l - 1;
        let (tau, n) = (self.p.levels[idx].tau, self.p.levels[idx].n);
        let orbits = find_orbits(self.centers, mult, tau, self.delta);
        let units = self.units(&orbits, tau);
        let total: usize = orbits.iter().map(|o| o.avail).sum();
        if total < n && self.shortfall.as_ref().is_none_or(|(i, _)| idx < *i) {
            let text = format!(
                "at dilation {tau} (reduced level {}) the remaining roots of pi_1(w) contain {total} full {} of {tau} roots under y -> exp(2 pi i / {tau}) y, but the architecture needs {n} (matching tolerance {:e})",
                idx + 1,
                if total == 1 { "orbit" } else { "orbits" },
                self.delta
            );
            self.shortfall = Some((idx, text));
        }
        let mut suffix_max = vec![0usize; units.len() + 1];
        let mut suffix_real = vec![0usize; units.len() + 1];
        for u in (0..units.len()).rev() {
            suffix_max[u] =
                suffix_max[u + 1].saturating_add(units[u].max.saturating_mul(units[u].size));
            suffix_real[u] =
                suffix_real[u + 1].saturating_add(units[u].max.saturating_mul(units[u].reals));
        }
        let tables = Tables {
            orbits: &orbits,
            units: &units,
            suffix_max: &suffix_max,
            suffix_real: &suffix_real,
        };
        let mut picked = Vec::with_capacity(n);
        self.pick(idx, &tables, 0, n, 0, mult, &mut picked)
    }

    /// The units of choice at a level: in complex mode every orbit; in real
    /// mode the orbits with real `Z`, the conjugate pairs of orbits, and (as a
    /// fallback for coarse tolerances) nearly real orbits taken as real.
    pub(super) fn units(&self, orbits: &[Orbit], tau: usize) -> Vec<Unit> {
        if !self.real {
            return orbits
                .iter()
                .enumerate()
                .map(|(i, o)| Unit {
                    orbits: vec![i],
                    choice: Choice::Any(o.z),
                    size: 1,
                    reals: 0,
                    max: o.avail,
                })
                .collect();
        }
        let strict = self.z_tol(tau);
        let loose = strict.max(2.0 * self.p.tol.sqrt());
        let mut out = Vec::new();
        // an orbit taken as one real root
        let real_unit = |i: usize, o: &Orbit| Unit {
            orbits: vec![i],
            choice: Choice::Real(o.z.real_part()),
            size: 1,
            reals: 1,
            max: o.avail,
        };
        // orbits clearly off the real axis may form conjugate pairs (also
        // those counted as real at a coarse matching tolerance)
        let mut paired: Vec<bool> = orbits
            .iter()
            .map(|o| o.z.non_reality() <= strict / 16.0)
            .collect();
        for (i, o) in orbits.iter().enumerate() {
            if o.z.non_reality() <= strict {
                out.push(real_unit(i, o));
            }
        }
        for i in 0..orbits.len() {
            if paired[i] {
                continue;
            }
            let target = orbits[i].z.conj();
            let partner = (i + 1..orbits.len())
                .filter(|&j| !paired[j])
                .map(|j| (j, chordal(orbits[j].z, target)))
                .filter(|&(_, d)| d <= strict)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((j, _)) = partner {
                paired[i] = true;
                paired[j] = true;
                out.push(Unit {
                    orbits: vec![i, j],
                    choice: Choice::Pair(mean(&[orbits[i].z, orbits[j].z.conj()])),
                    size: 2,
                    reals: 0,
                    max: orbits[i].avail.min(orbits[j].avail),
                });
            }
        }
        for (i, o) in orbits.iter().enumerate() {
            let r = o.z.non_reality();
            if r > strict && r <= loose {
                out.push(real_unit(i, o));
            }
        }
        out
    }

    /// Chooses how many copies of units `u..` to take, `left` roots still to
    /// choose at level `idx`, `reals` real ones so far.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn pick(
        &mut self,
        idx: usize,
        t: &Tables<'_>,
        u: usize,
        left: usize,
        reals: usize,
        mult: &mut [usize],
        picked: &mut Vec<Choice>,
    ) -> Result<(), Stop> {
        self.nodes += 1;
        if self.nodes > MAX_SEARCH_NODES {
            return Err(Stop::Budget);
        }
        let odd = if self.real { self.p.levels[idx].odd } else { 0 };
        if left == 0 {
            if reals >= odd {
                self.chosen[idx] = picked.clone();
                self.level(idx, mult)?;
            }
            return Ok(());
        }
        if u == t.units.len() || t.suffix_max[u] < left || reals + t.suffix_real[u] < odd {
            return Ok(());
        }
        let unit = &t.units[u];
        let top = unit.max.min(left / unit.size);
        for c in (0..=top).rev() {
            if c > 0 && !take(mult, t.orbits, &unit.orbits, c) {
                continue;
            }
            let before = picked.len();
            picked.extend(std::iter::repeat_n(unit.choice, c));
            let r = self.pick(
                idx,
                t,
                u + 1,
                left - c * unit.size,
                reals + c * unit.reals,
                mult,
                picked,
            );
            picked.truncate(before);
            if c > 0 {
                give(mult, t.orbits, &unit.orbits, c);
            }
            r?;
        }
        Ok(())
    }

    /// All levels chosen: assemble the layers and verify them.
    pub(super) fn leaf(&mut self, mult: &[usize]) -> Result<(), Stop> {
        if mult.iter().any(|&m| m > 0) {
            return Ok(());
        }
        self.candidates += 1;
        if self.candidates > MAX_CANDIDATES {
            return Err(Stop::Budget);
        }
        if self.real {
            if let Some(layers) = self.real_layers().and_then(|l| self.verify_real(l)) {
                self.found_real = Some(layers);
                return Err(Stop::Found);
            }
        } else if let Some(layers) = self.complex_layers() {
            if self.fit(layers).is_none() {
                return Ok(());
            }
            self.found_complex = Some(self.chosen.clone());
            return Err(Stop::Found);
        }
        Ok(())
    }

    /// Real layer filters from the chosen `Z` values (scalar not yet fitted).
    pub(super) fn real_layers(&self) -> Option<Vec<Vec<f64>>> {
        let mut layers: Vec<Vec<f64>> = self
            .p
            .arch
            .filter_sizes()
            .iter()
            .map(|_| vec![1.0])
            .collect();
        for (lv, chosen) in self.p.levels.iter().zip(&self.chosen) {
            let mut linear: Vec<Vec<f64>> = Vec::new();
            let mut quadratic: Vec<Vec<f64>> = Vec::new();
            for ch in chosen {
                match *ch {
                    Choice::Real(z) => linear.push(z.linear().iter().map(|c| c.re).collect()),
                    Choice::Pair(z) => quadratic.push(z.quadratic().to_vec()),
                    Choice::Any(_) => return None,
                }
            }
            let (mut li, mut qi) = (linear.into_iter(), quadratic.into_iter());
            for (&o, &d) in lv.group.iter().zip(&lv.degrees) {
                let mut f = vec![1.0];
                let mut left = d;
                while left >= 2 {
                    let Some(q) = qi.next() else { break };
                    f = mul(&f, &q);
                    left -= 2;
                }
                for _ in 0..left {
                    f = mul(&f, &li.next()?);
                }
                layers[o] = f;
            }
            if li.next().is_some() || qi.next().is_some() {
                return None;
            }
        }
        Some(layers)
    }

    /// Fits the scalar (put on the first layer), refines the weights when the
    /// candidate is close, and checks the composition against the original
    /// filter; the real layers on success.
    pub(super) fn verify_real(&mut self, layers: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
        let as_complex = layers
            .iter()
            .map(|f| f.iter().map(|&x| Complex64::new(x, 0.0)).collect())
            .collect();
        // all arithmetic on real inputs stays real: the imaginary parts are 0
        let fitted = self.fit(as_complex)?;
        let mut layers: Vec<Vec<f64>> = fitted
            .iter()
            .map(|f| f.iter().map(|z| z.re).collect())
            .collect();
        for x in layers.first_mut()?.iter_mut() {
            *x *= self.p.scale;
        }
        let back = compose(self.p.arch, &layers).ok()?;
        let err = back
            .iter()
            .zip(self.p.w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0f64, f64::max);
        (err <= self.p.tol * self.p.scale).then_some(layers)
    }

    /// Fits the scalar (on the first layer) by least squares against the
    /// normalised filter; if the residual exceeds the tolerance but is below
    /// [`refine_threshold`], refines by [`refine`]. The layers when the
    /// residual is within the tolerance.
    pub(super) fn fit(&mut self, mut layers: Vec<Vec<Complex64>>) -> Option<Vec<Vec<Complex64>>> {
        let c = compose(self.p.arch, &layers).ok()?;
        let cc: f64 = c.iter().map(|x| x.norm_sqr()).sum();
        if !(cc.is_finite() && cc > 0.0) {
            return None;
        }
        let cw: Complex64 = c.iter().zip(self.p.wn).map(|(x, &y)| x.conj() * y).sum();
        let s = cw / cc;
        for x in layers.first_mut()?.iter_mut() {
            *x *= s;
        }
        let err = c
            .iter()
            .zip(self.p.wn)
            .map(|(x, &y)| (s * x - y).norm())
            .fold(0.0f64, f64::max);
        if err <= self.p.tol {
            return Some(layers);
        }
        if err <= refine_threshold(self.p.tol) && self.refinements < MAX_REFINEMENTS {
            self.refinements += 1;
            if refine(self.p.arch, &mut layers, self.p.wn, self.p.tol) <= self.p.tol {
                return Some(layers);
            }
        }
        None
    }

    /// Complex layer filters from the chosen `Z` values.
    pub(super) fn complex_layers(&self) -> Option<Vec<Vec<Complex64>>> {
        let one = Complex64::new(1.0, 0.0);
        let mut layers: Vec<Vec<Complex64>> = self
            .p
            .arch
            .filter_sizes()
            .iter()
            .map(|_| vec![one])
            .collect();
        for (lv, chosen) in self.p.levels.iter().zip(&self.chosen) {
            let mut roots = chosen.iter().map(|ch| match *ch {
                Choice::Any(z) | Choice::Real(z) | Choice::Pair(z) => z,
            });
            for (&o, &d) in lv.group.iter().zip(&lv.degrees) {
                let mut f = vec![one];
                for _ in 0..d {
                    f = cmul(&f, &roots.next()?.linear());
                }
                layers[o] = f;
            }
            if roots.next().is_some() {
                return None;
            }
        }
        Some(layers)
    }
}

/// The per-level tables [`Search::pick`] walks.
pub(super) struct Tables<'a> {
    pub(super) orbits: &'a [Orbit],
    pub(super) units: &'a [Unit],
    pub(super) suffix_max: &'a [usize],
    pub(super) suffix_real: &'a [usize],
}

/// Removes `c` copies of each orbit in `which` from `mult`; `false` (and no
/// change) if the multiplicities do not allow it.
pub(super) fn take(mult: &mut [usize], orbits: &[Orbit], which: &[usize], c: usize) -> bool {
    for (k, &o) in which.iter().enumerate() {
        let fits = orbits[o].need.iter().all(|&(cl, cnt)| mult[cl] >= cnt * c);
        if !fits {
            give(mult, orbits, &which[..k], c);
            return false;
        }
        for &(cl, cnt) in &orbits[o].need {
            mult[cl] -= cnt * c;
        }
    }
    true
}

/// Undoes [`take`].
pub(super) fn give(mult: &mut [usize], orbits: &[Orbit], which: &[usize], c: usize) {
    for &o in which {
        for &(cl, cnt) in &orbits[o].need {
            mult[cl] += cnt * c;
        }
    }
}

pub(super) fn mul(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut v = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    v
}

pub(super) fn cmul(a: &[Complex64], b: &[Complex64]) -> Vec<Complex64> {
    let mut v = vec![Complex64::new(0.0, 0.0); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    v
}
