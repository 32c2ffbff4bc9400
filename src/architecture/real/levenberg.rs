//! Levenberg–Marquardt refinement of candidate layer filters.

use super::*;

/// Candidates whose residual (relative to `max |w|`) is at most this are refined.
pub(super) fn refine_threshold(tol: f64) -> f64 {
    REFINE_FROM.max(tol)
}

/// Levenberg-Marquardt on the layer weights, minimising
/// `sum_n |mu(layers)_n - target_n|^2`; in each layer after the first the
/// weight of largest modulus is held fixed (the rescalings between layers
/// leave `mu` unchanged). Real layers stay real. Returns the final
/// `max_n |mu(layers)_n - target_n|` (the layers are updated in place).
pub(super) fn refine(
    arch: &Architecture,
    layers: &mut [Vec<Complex64>],
    target: &[f64],
    tol: f64,
) -> f64 {
    let residual = |layers: &[Vec<Complex64>]| -> Option<Vec<Complex64>> {
        let c = compose(arch, layers).ok()?;
        Some(c.iter().zip(target).map(|(x, &y)| x - y).collect())
    };
    let max_norm = |r: &[Complex64]| r.iter().map(|z| z.norm()).fold(0.0f64, f64::max);
    let sum_sq = |r: &[Complex64]| r.iter().map(|z| z.norm_sqr()).sum::<f64>();
    let Some(mut r) = residual(layers) else {
        return f64::INFINITY;
    };
    let mut free: Vec<(usize, usize)> = Vec::new();
    for (l, f) in layers.iter().enumerate() {
        let fixed = (l > 0)
            .then(|| (0..f.len()).max_by(|&a, &b| f[a].norm().total_cmp(&f[b].norm())))
            .flatten();
        free.extend((0..f.len()).filter(|&i| Some(i) != fixed).map(|i| (l, i)));
    }
    let (np, k) = (free.len(), target.len());
    let work = np.saturating_mul(np).saturating_mul(k);
    if np == 0 || np > MAX_REFINE_PARAMETERS || work > MAX_REFINE_WORK {
        return max_norm(&r);
    }
    let zero = Complex64::new(0.0, 0.0);
    let mut lambda = 1e-3;
    for _ in 0..MAX_REFINE_ITERATIONS {
        if max_norm(&r) <= 0.25 * tol {
            break;
        }
        // d mu / d w_{l,i} is mu with layer l replaced by e_i: the composition
        // with e_0 shifted by i t_l.
        let mut shifted_base: Vec<Vec<Complex64>> = Vec::with_capacity(layers.len());
        for l in 0..layers.len() {
            let mut e0 = vec![zero; layers[l].len()];
            e0[0] = Complex64::new(1.0, 0.0);
            let saved = std::mem::replace(&mut layers[l], e0);
            let q = compose(arch, layers);
            layers[l] = saved;
            match q {
                Ok(q) => shifted_base.push(q),
                Err(_) => return max_norm(&r),
            }
        }
        let dil = arch.dilations();
        let column = |p: usize, n: usize| -> Complex64 {
            let (l, i) = free[p];
            let shift = i * dil[l];
            if n >= shift {
                shifted_base[l][n - shift]
            } else {
                zero
            }
        };
        let mut a = vec![vec![zero; np]; np];
        let mut g = vec![zero; np];
        for (p, (row, gp)) in a.iter_mut().zip(g.iter_mut()).enumerate() {
            for (n, rn) in r.iter().enumerate() {
                let jp = column(p, n).conj();
                if jp == zero {
                    continue;
                }
                *gp += jp * rn;
                for (q, aq) in row.iter_mut().enumerate() {
                    *aq += jp * column(q, n);
                }
            }
        }
        let dmax = (0..np).map(|p| a[p][p].re).fold(0.0f64, f64::max);
        if !(dmax.is_finite() && dmax > 0.0) {
            break;
        }
        let cost = sum_sq(&r);
        let mut accepted = false;
        for _ in 0..8 {
            let mut m = a.clone();
            for (p, row) in m.iter_mut().enumerate() {
                row[p] += lambda * a[p][p].re.max(1e-12 * dmax);
            }
            let rhs: Vec<Complex64> = g.iter().map(|x| -x).collect();
            let Some(step) = crate::numeric::solve(&m.concat(), &rhs) else {
                lambda *= 4.0;
                continue;
            };
            let mut trial = layers.to_vec();
            for (&(l, i), d) in free.iter().zip(&step) {
                trial[l][i] += d;
            }
            match residual(&trial) {
                Some(rt) if sum_sq(&rt) < cost => {
                    layers.clone_from_slice(&trial);
                    r = rt;
                    lambda = (lambda / 3.0).max(1e-12);
                    accepted = true;
                    break;
                }
                _ => lambda *= 4.0,
            }
        }
        if !accepted {
            break;
        }
    }
    max_norm(&r)
}
