//! Van Hoeij's knapsack recombination: true factors from p-adic factors by
//! lattice reduction, in time polynomial in practice.
//!
//! **Setting.** `f` in `Z[y]` is square-free and primitive of degree `n` with
//! `b = lc(f)`, `f(0) != 0`, and `f = b f_1 ... f_r (mod P)` with monic
//! factors `f_i` lifted to a modulus `P = p^a` (see [`super::hensel`]). Each
//! irreducible factor `g` of `f` over Z is `lc(g) prod_{i in S} f_i (mod P)`
//! for a set `S`; its indicator vector `v_g in {0,1}^r` is a *true vector*.
//! The true vectors have disjoint supports covering `{1..r}`; they span a
//! lattice `W`. Zassenhaus' method ([`super::zassenhaus`]) finds them by
//! trying subsets, which takes `2^(r-1)` trials when `f` is irreducible but
//! has many modular factors (Swinnerton-Dyer polynomials).
//!
//! **Traces.** For a root `alpha` of `f`, `b alpha` is an algebraic integer.
//! Hence for a factor `g` with roots `alpha in S` the scaled power sum
//! `T_k(g) = b^k sum_{alpha} alpha^k` is a rational algebraic integer, an
//! ordinary integer, and `|T_k(g)| <= n R^k =: B_k` where `R >= |b| max |alpha|`
//! (Fujiwara's root bound, scaled by `|b|`). The power sums of the `f_i` are
//! computed modulo `P` from their coefficients by Newton's identities: `t_ik = b^k Tr_k(f_i) mod P`.
//! For every true vector, `sum_i v_i t_ik = T_k(g) (mod P)`: a residue that is
//! *small*, while for an arbitrary integer vector the sum looks random modulo `P`.
//!
//! **The lattice.** Keep a matrix `M` (rows in `Z^r`, initially the identity)
//! whose row lattice contains `W`. Take a trace `k` and `h` bits with
//! `2^(h+1) B_k <= P`; put `x_i = round(t_ik 2^h / P)`. The lattice spanned by
//! the rows `(M_j | sum_i M_ji x_i)` and `(0 | 2^h)` contains, for each true
//! vector `v`, the vector `(v | z)` with `z = sum_i v_i x_i - m 2^h`, and
//! `|z| <= (|v|_1 + 1)/2 <= (r + 1)/2` (rounding errors of at most 1/2 per
//! term, plus `|2^h T_k / P| <= 1/2`). So all true vectors lift to lattice
//! vectors of squared norm at most `C = r + floor((r+1)/2)^2` per trace column.
//! After exact LLL reduction ([`super::lll`]) with Gram–Schmidt norms
//! `||b*_i||`, every lattice vector of norm `<= sqrt(C)` lies in the span of
//! `b_1..b_s` where `s` is the last index with `||b*_s||^2 <= C`; the new `M`
//! is a basis of the projection of `b_1..b_s` onto the first `r` coordinates,
//! which still contains `W`. Traces `k = 1, 2, ...` are added one at a time;
//! when no trace has enough bits left, the factors are lifted to a higher
//! power of `p` (the `M` found so far stays valid).
//!
//! **Stopping and proof.** `M` has full row rank `s`. When its columns take
//! exactly `s` distinct values, `M = C E` with `C` invertible and `E` the 0/1
//! matrix of a partition of `{1..r}` into `s` parts, so every true vector, a
//! 0/1 vector in the rational row space of `E`, is a union of parts. Each part
//! gives a candidate `b prod_{i in part} f_i mod P` (symmetric residues; `P`
//! exceeds twice the Landau–Mignotte bound, so a true factor is reproduced
//! exactly). If every candidate divides `f`, the parts are the irreducible
//! factors: an irreducible factor is a union of parts that are themselves
//! factors, so it is a single part. With `s = 1`, `f` is irreducible without
//! any trial division. Van Hoeij (*Factoring polynomials and the knapsack
//! problem*, J. Number Theory 95, 2002) shows that enough traces at high enough
//! precision leave exactly `W`, so the loop terminates; in practice a few
//! traces of a few dozen bits each suffice, and the lattices stay of dimension
//! about `r`.

use super::fp_factor::Fp;
use super::gcd::primitive_part;
use super::hensel::{multi_lift, symmetric, z_mod, z_mul, ZPoly};
use super::lll::Lll;
use super::univariate::UPoly;
use crate::modular::Zp;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// The LLL parameter `delta = 99/100`.
const DELTA: (u32, u32) = (99, 100);

/// Bits per current lattice dimension taken from a trace in one round,
/// beyond `log2` of the bound on the factor vectors' norm.
const EXTRA_BITS_PER_DIMENSION: u64 = 2;

/// The irreducible factors (primitive, positive leading coefficient) of the
/// square-free primitive `f` (degree `>= 2`, `f(0) != 0`), given its monic
/// factors modulo `p` and the lifting precision `steps` (`P = p^(2^steps)`
/// exceeds twice the Landau–Mignotte bound).
pub(super) fn van_hoeij(
    f: &UPoly<BigInt>,
    p: Zp,
    modular: &[Fp],
    steps: u32,
) -> Result<Vec<UPoly<BigInt>>, Error> {
    let r = modular.len();
    let n = f.degree().unwrap_or(0);
    let lc = f.leading_coeff().cloned().unwrap_or_else(BigInt::one);
    let root_bound = scaled_root_bound(f);
    let bound_sq = BigInt::from(r) + BigInt::from(r.div_ceil(2)).pow(2);
    let bits_per_dimension = bound_sq.bits() / 2 + 1 + EXTRA_BITS_PER_DIMENSION;
    let min_bits = bits_per_dimension;
    // rows of M: initially the identity
    let mut m: Vec<Vec<BigInt>> = (0..r)
        .map(|i| {
            let mut v = vec![BigInt::zero(); r];
            v[i] = BigInt::one();
            v
        })
        .collect();
    for steps in steps..=steps + crate::limits::MAX_EXTRA_DOUBLINGS {
        let modulus = BigInt::from(p.modulus()).pow(1u32 << steps);
        let lifted = multi_lift(f.coeffs(), modular, p, steps, &modulus)?;
        if let Some(found) = try_partition(f, &m, &lifted, &modulus)? {
            return Ok(found);
        }
        let mut power_sums = PowerSums::new(&lifted, &lc, &modulus);
        for k in 1..=n {
            let bk = BigInt::from(n) * root_bound.pow(k as u32);
            let Some(room) = modulus.bits().checked_sub(bk.bits() + 2) else {
                break;
            };
            let h = room.min(bits_per_dimension * m.len() as u64);
            if h < min_bits {
                break; // later traces have even fewer bits: lift further
            }
            let t = power_sums.next_scaled();
            m = knapsack_round(&m, &t, h, &modulus, &bound_sq)?;
            if let Some(found) = try_partition(f, &m, &lifted, &modulus)? {
                return Ok(found);
            }
        }
    }
    Err(Error::internal(
        "van Hoeij recombination: no partition after the maximal lifting precision",
    ))
}

/// One knapsack step: adds the trace column `t` (residues modulo `P`) with `h`
/// bits, reduces, and returns a basis of the projection of the short part.
fn knapsack_round(
    m: &[Vec<BigInt>],
    t: &[BigInt],
    h: u64,
    modulus: &BigInt,
    bound_sq: &BigInt,
) -> Result<Vec<Vec<BigInt>>, Error> {
    let r = t.len();
    let scale = BigInt::one() << h;
    // x_i = round(t_i 2^h / P)
    let x: Vec<BigInt> = t
        .iter()
        .map(|ti| ((ti << (h + 1)) + modulus).div_floor(&(modulus << 1)))
        .collect();
    let mut rows: Vec<Vec<BigInt>> = m
        .iter()
        .map(|row| {
            let z: BigInt = row
                .iter()
                .zip(&x)
                .filter(|(a, _)| !a.is_zero())
                .map(|(a, b)| a * b)
                .sum();
            let mut v = row.clone();
            v.push(z);
            v
        })
        .collect();
    let mut last = vec![BigInt::zero(); r];
    last.push(scale);
    rows.push(last);
    let red = Lll::reduce(rows, DELTA.0, DELTA.1)
        .map_err(|_| Error::internal("van Hoeij recombination: dependent lattice basis"))?;
    let s = red.span_containing_vectors_up_to(bound_sq);
    if s == 0 {
        return Err(Error::internal(
            "van Hoeij recombination: the factor vectors fell outside the short lattice part",
        ));
    }
    let projected: Vec<Vec<BigInt>> = red.basis[..s].iter().map(|v| v[..r].to_vec()).collect();
    row_basis(projected)
}

/// A basis of the integer row lattice spanned by `rows` (which are usually
/// independent already; otherwise an integer echelon form removes the
/// dependencies), LLL-reduced.
fn row_basis(rows: Vec<Vec<BigInt>>) -> Result<Vec<Vec<BigInt>>, Error> {
    let basis = match Lll::reduce(rows.clone(), DELTA.0, DELTA.1) {
        Ok(red) => return Ok(red.basis),
        Err(_) => echelon(rows),
    };
    Lll::reduce(basis, DELTA.0, DELTA.1)
        .map(|red| red.basis)
        .map_err(|_| Error::internal("van Hoeij recombination: echelon basis is dependent"))
}

/// Integer row echelon form by Euclid's algorithm on each column (unimodular
/// row operations), zero rows dropped: a basis of the row lattice.
fn echelon(mut rows: Vec<Vec<BigInt>>) -> Vec<Vec<BigInt>> {
    let ncols = rows.first().map_or(0, |r| r.len());
    let mut top = 0;
    for col in 0..ncols {
        // the row (from `top`) with the smallest non-zero entry in `col`
        while let Some(piv) = (top..rows.len())
            .filter(|&i| !rows[i][col].is_zero())
            .min_by_key(|&i| rows[i][col].abs())
        {
            rows.swap(top, piv);
            let mut done = true;
            for i in top + 1..rows.len() {
                if rows[i][col].is_zero() {
                    continue;
                }
                let q = rows[i][col].div_floor(&rows[top][col]);
                let pivot = rows[top].clone();
                for (a, b) in rows[i].iter_mut().zip(&pivot) {
                    *a -= &q * b;
                }
                if !rows[i][col].is_zero() {
                    done = false;
                }
            }
            if done {
                top += 1;
                break;
            }
        }
        if top == rows.len() {
            break;
        }
    }
    rows.truncate(top);
    rows
}

/// If the columns of `m` fall into exactly `rows(m)` classes of equal columns
/// and every class gives a factor of `f`, the irreducible factors; otherwise
/// `None` (see the module docs for why this is a proof).
fn try_partition(
    f: &UPoly<BigInt>,
    m: &[Vec<BigInt>],
    lifted: &[ZPoly],
    modulus: &BigInt,
) -> Result<Option<Vec<UPoly<BigInt>>>, Error> {
    let s = m.len();
    if s == 1 {
        return Ok(Some(vec![f.clone()]));
    }
    let r = lifted.len();
    let column = |i: usize| -> Vec<&BigInt> { m.iter().map(|row| &row[i]).collect() };
    let mut classes: Vec<(Vec<&BigInt>, Vec<usize>)> = Vec::new();
    for i in 0..r {
        let c = column(i);
        match classes.iter_mut().find(|(k, _)| *k == c) {
            Some((_, members)) => members.push(i),
            None => {
                if classes.len() == s {
                    return Ok(None);
                }
                classes.push((c, vec![i]));
            }
        }
    }
    if classes.len() != s {
        return Ok(None);
    }
    let mut rest = f.clone();
    let mut out = Vec::with_capacity(s);
    // the largest class last: it is the cofactor and needs no division
    classes.sort_by_key(|(_, members)| members.len());
    for (_, members) in &classes[..s - 1] {
        let b = rest.leading_coeff().cloned().unwrap_or_else(BigInt::one);
        let prod = members
            .iter()
            .fold(vec![b], |acc, &i| z_mod(&z_mul(&acc, &lifted[i]), modulus));
        let cand = primitive_part(&UPoly::new(
            prod.iter().map(|c| symmetric(c, modulus)).collect(),
        ));
        match rest.exact_div(&cand) {
            Ok(q) => {
                rest = primitive_part(&q);
                out.push(cand);
            }
            Err(_) => return Ok(None),
        }
    }
    out.push(rest);
    Ok(Some(out))
}

/// `R >= |lc f| max |alpha|` over the complex roots `alpha` of `f`, from
/// Fujiwara's bound `|alpha| <= 2 max_i |a_{n-i} / a_n|^(1/i)`:
/// `|a_n| |a_{n-i}/a_n|^(1/i) = (|a_{n-i}| |a_n|^(i-1))^(1/i)`, rounded up.
fn scaled_root_bound(f: &UPoly<BigInt>) -> BigInt {
    let n = f.degree().unwrap_or(0);
    let an = f.coeff(n).abs();
    let mut best = BigInt::one();
    for i in 1..=n {
        let a = f.coeff(n - i).abs();
        if a.is_zero() {
            continue;
        }
        let v = a * an.pow(i as u32 - 1);
        let mut root = v.nth_root(i as u32);
        if root.pow(i as u32) < v {
            root += 1;
        }
        best = best.max(root);
    }
    best * 2
}

/// The scaled power sums `b^k Tr_k(f_i) mod P` of monic factors, one trace
/// `k = 1, 2, ...` at a time, by Newton's identities: for
/// `g = y^d + c_{d-1} y^{d-1} + ... + c_0`,
/// `p_k = -(k c_{d-k} + sum_{j=1}^{k-1} c_{d-j} p_{k-j})` for `k <= d` and
/// `p_k = -sum_{j=1}^{d} c_{d-j} p_{k-j}` for `k > d`.
struct PowerSums<'a> {
    factors: &'a [ZPoly],
    modulus: &'a BigInt,
    lc: BigInt,
    lc_power: BigInt,
    /// `sums[i][k-1] = p_k` of factor `i` (unscaled), for the traces so far
    sums: Vec<Vec<BigInt>>,
}

impl<'a> PowerSums<'a> {
    fn new(factors: &'a [ZPoly], lc: &BigInt, modulus: &'a BigInt) -> Self {
        PowerSums {
            factors,
            modulus,
            lc: lc.mod_floor(modulus),
            lc_power: BigInt::one(),
            sums: vec![Vec::new(); factors.len()],
        }
    }

    /// The next trace column `(b^k Tr_k(f_i) mod P)_i`, residues in `[0, P)`.
    fn next_scaled(&mut self) -> Vec<BigInt> {
        self.lc_power = (&self.lc_power * &self.lc).mod_floor(self.modulus);
        let mut out = Vec::with_capacity(self.factors.len());
        for (g, sums) in self.factors.iter().zip(self.sums.iter_mut()) {
            let d = g.len() - 1;
            let k = sums.len() + 1;
            let c = |j: usize| -> &BigInt { &g[d - j] }; // c_{d-j}
            let mut acc = if k <= d {
                c(k) * BigInt::from(k)
            } else {
                BigInt::zero()
            };
            for j in 1..k.min(d + 1) {
                acc += c(j) * &sums[k - j - 1];
            }
            let pk = (-acc).mod_floor(self.modulus);
            out.push((&pk * &self.lc_power).mod_floor(self.modulus));
            sums.push(pk);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_sums_of_a_monic_product() {
        // (y - 2)(y - 3)(y + 5): p_1 = 0, p_2 = 4 + 9 + 25 = 38, p_3 = 8 + 27 - 125 = -90
        let g: ZPoly = [30, -19, 0, 1].iter().map(|&c| BigInt::from(c)).collect();
        let m = BigInt::from(1_000_003);
        let factors = vec![g];
        let mut ps = PowerSums::new(&factors, &BigInt::one(), &m);
        let got: Vec<BigInt> = (0..4).map(|_| ps.next_scaled()[0].clone()).collect();
        let want = [0i64, 38, -90, 4 * 4 + 81 + 625];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(*g, BigInt::from(w).mod_floor(&m));
        }
    }

    #[test]
    fn root_bound_covers_the_roots() {
        // 3 y^2 - 12 = 3 (y - 2)(y + 2): |lc| max |alpha| = 6
        let f = UPoly::from_i64(&[-12, 0, 3]);
        assert!(scaled_root_bound(&f) >= BigInt::from(6));
    }

    #[test]
    fn echelon_removes_dependencies() {
        let rows: Vec<Vec<BigInt>> = [[2, 4, 6], [1, 2, 3], [0, 1, 1]]
            .iter()
            .map(|r| r.iter().map(|&x| BigInt::from(x)).collect())
            .collect();
        let e = echelon(rows);
        assert_eq!(e.len(), 2);
    }
}
