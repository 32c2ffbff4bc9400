//! The monomials of one degree as an indexed basis: the crate's one monomial
//! enumerator, one graded reverse lexicographic order and one index of
//! exponent vectors for dense linear algebra on homogeneous polynomials.
//!
//! The monomials of degree `d` in `m` variables `x_0 > x_1 > ... > x_{m-1}`
//! are listed in *increasing* graded reverse lexicographic order: `a < b`
//! when, at the last variable where they differ, `a` has the larger
//! exponent. So the first monomial is `x_{m-1}^d` and the last `x_0^d`. The
//! position (rank) of a monomial is a closed formula in its prefix sums
//! `s_i = a_0 + ... + a_{i-1}`:
//!
//! ```text
//! rank(a) = sum_{i = 1}^{m - 1} C(s_i + i - 1, i)
//! ```
//!
//! (the monomials before `a` that agree with it after position `i` and have
//! a larger exponent there number `C(s_i + i - 1, i)`, by the hockey-stick
//! identity), so index and exponents convert into each other without a hash
//! table, and `x_v * a` is found from the rank of `a` in `O(m)`.
//! Multiplication by a variable preserves the order (it is a monomial
//! order), so a vector sorted by index stays sorted when every index is
//! multiplied by the same variable.
//!
//! ```
//! use neurovariety::poly::MonomialBasis;
//! // degree 2 in x0, x1, x2: x2^2 < x1 x2 < x0 x2 < x1^2 < x0 x1 < x0^2
//! let b = MonomialBasis::new(3, 2).unwrap();
//! assert_eq!(b.len(), 6);
//! assert_eq!(b.exponents(0), &[0, 0, 2]);
//! assert_eq!(b.exponents(3), &[0, 2, 0]);
//! assert_eq!(b.index_of(&[1, 0, 1]), Some(2));
//! // x0 * (x1 x2) = x0 x1 x2, in the basis of degree 3
//! let c = MonomialBasis::new(3, 3).unwrap();
//! assert_eq!(c.exponents(b.times_var(1, 0)), &[1, 1, 1]);
//! ```

use crate::Error;
use std::cmp::Ordering;

/// The monomials of one degree in increasing graded reverse lexicographic
/// order, with their exponent vectors stored contiguously (module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonomialBasis {
    vars: usize,
    degree: usize,
    /// `exps[i * vars..(i + 1) * vars]`: the exponents of monomial `i`.
    exps: Vec<u8>,
    /// `table[i][s] = C(s + i - 1, i)` for `1 <= i < vars`, `s <= degree + 1`.
    table: Vec<Vec<u64>>,
    /// When built by [`MonomialBasis::with_times_table`]: `next[i * vars +
    /// v]` is the index of `x_v` times monomial `i` in the next degree.
    next: Vec<u32>,
}

/// Number of monomials of degree `d` in `m` variables, `C(m + d - 1, d)`,
/// or `None` when it does not fit in a `u128` (`1` for `m = d = 0`).
///
/// ```
/// assert_eq!(neurovariety::poly::count_monomials(16, 6), Some(54264));
/// ```
pub fn count_monomials(m: usize, d: usize) -> Option<u128> {
    if m == 0 {
        return Some(u128::from(d == 0));
    }
    let mut c: u128 = 1;
    for i in 0..d {
        c = c.checked_mul((m + i) as u128)? / (i as u128 + 1);
    }
    Some(c)
}

/// Graded reverse lexicographic comparison of two exponent vectors of one
/// degree and length: the larger is the one with the smaller exponent in the
/// last variable where they differ.
///
/// ```
/// use neurovariety::poly::grevlex;
/// use std::cmp::Ordering;
/// assert_eq!(grevlex(&[1, 0, 1], &[0, 2, 0]), Ordering::Less); // x0 x2 < x1^2
/// ```
pub fn grevlex(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b).rev() {
        if x != y {
            return y.cmp(x);
        }
    }
    Ordering::Equal
}

/// Calls `f` with every exponent vector of degree `d` in `m` variables, in
/// increasing graded reverse lexicographic order (the order of
/// [`MonomialBasis`]); once with the empty vector for `m = d = 0`, never for
/// `m = 0 < d`.
///
/// ```
/// let mut seen = Vec::new();
/// neurovariety::poly::for_each_monomial(2, 2, |e| seen.push(e.to_vec()));
/// assert_eq!(seen, [[0, 2], [1, 1], [2, 0]]);
/// ```
pub fn for_each_monomial(m: usize, d: usize, mut f: impl FnMut(&[u8])) {
    if m == 0 {
        if d == 0 {
            f(&[]);
        }
        return;
    }
    let mut exps = vec![0u8; m];
    // the last variable first, larger exponents first
    fn rec(v: usize, left: usize, exps: &mut [u8], f: &mut impl FnMut(&[u8])) {
        if v == 0 {
            exps[0] = left as u8;
            f(exps);
            exps[0] = 0;
            return;
        }
        for e in (0..=left).rev() {
            exps[v] = e as u8;
            rec(v - 1, left - e, exps, f);
        }
        exps[v] = 0;
    }
    rec(m - 1, d, &mut exps, &mut f);
}

impl MonomialBasis {
    /// The basis of the monomials of degree `degree` in `vars` variables.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the degree exceeds 255 (exponents are
    /// bytes) or the exponent table would exceed
    /// [`crate::limits::MAX_DENSE_LENGTH`] bytes.
    pub fn new(vars: usize, degree: usize) -> Result<Self, Error> {
        if degree > u8::MAX as usize {
            return Err(Error::too_large_fixed(
                "degree of a monomial basis (exponents are bytes)",
                degree,
                u8::MAX,
            ));
        }
        let len = count_monomials(vars, degree)
            .and_then(|c| usize::try_from(c).ok())
            .and_then(|c| c.checked_mul(vars.max(1)));
        let total = crate::limits::check_dense("exponents of a monomial basis", len)?;
        let mut exps = Vec::with_capacity(total);
        for_each_monomial(vars, degree, |e| exps.extend_from_slice(e));
        let table = (0..vars)
            .map(|i| {
                (0..=degree + 1)
                    .map(|s| if i == 0 { 0 } else { binom_u64(s + i - 1, i) })
                    .collect()
            })
            .collect();
        Ok(MonomialBasis {
            vars,
            degree,
            exps,
            table,
            next: Vec::new(),
        })
    }

    /// The same basis with a table of the products by variables, so that
    /// [`MonomialBasis::times_var`] is one lookup (for bases used in
    /// products over and over).
    ///
    /// # Errors
    ///
    /// As [`MonomialBasis::new`], and when the table's `len * vars` entries
    /// exceed [`crate::limits::MAX_DENSE_LENGTH`] or an index of the next
    /// degree exceeds `u32::MAX`.
    pub fn with_times_table(vars: usize, degree: usize) -> Result<Self, Error> {
        let mut b = MonomialBasis::new(vars, degree)?;
        let n = crate::limits::check_dense(
            "products by variables of a monomial basis",
            b.len().checked_mul(vars),
        )?;
        let mut next = Vec::with_capacity(n);
        for i in 0..b.len() {
            for v in 0..vars {
                let j = u32::try_from(b.rank(b.exponents(i), v)).map_err(|_| {
                    Error::too_large_fixed(
                        "index of a monomial basis",
                        u128::from(u32::MAX) + 1,
                        u32::MAX,
                    )
                })?;
                next.push(j);
            }
        }
        b.next = next;
        Ok(b)
    }

    /// Number of variables.
    pub fn vars(&self) -> usize {
        self.vars
    }

    /// The degree of the monomials.
    pub fn degree(&self) -> usize {
        self.degree
    }

    /// Number of monomials.
    pub fn len(&self) -> usize {
        self.exps
            .len()
            .checked_div(self.vars)
            .unwrap_or(usize::from(self.degree == 0))
    }

    /// `true` when there is no monomial (no variable and positive degree).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The exponents of monomial `i`.
    ///
    /// # Panics
    ///
    /// When `i >= self.len()`, like slice indexing.
    pub fn exponents(&self, i: usize) -> &[u8] {
        &self.exps[i * self.vars..(i + 1) * self.vars]
    }

    /// The index of a monomial of this degree, `None` when `e` has another
    /// length or degree.
    pub fn index_of(&self, e: &[u8]) -> Option<usize> {
        if e.len() != self.vars || e.iter().map(|&x| x as usize).sum::<usize>() != self.degree {
            return None;
        }
        Some(self.rank(e, usize::MAX))
    }

    /// The rank of `e` (of this basis' degree, or one more when `plus` is a
    /// variable: then the rank of `e * x_plus` in the next degree).
    fn rank(&self, e: &[u8], plus: usize) -> usize {
        let mut s = 0usize;
        let mut r = 0u64;
        for i in 1..self.vars {
            s += e[i - 1] as usize + usize::from(plus == i - 1);
            r += self.table[i][s];
        }
        r as usize
    }

    /// The index of `x_v` times monomial `i` in the basis of degree
    /// `degree + 1` (same variables).
    pub fn times_var(&self, i: usize, v: usize) -> usize {
        match self.next.get(i * self.vars + v) {
            Some(&j) => j as usize,
            None => self.rank(self.exponents(i), v),
        }
    }

    /// An iterator over the exponent vectors, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).map(move |i| self.exponents(i))
    }
}

fn binom_u64(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * (n - i) as u128 / (i as u128 + 1);
    }
    u64::try_from(c).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_enumeration_and_grevlex() {
        for (m, d) in [(1, 4), (2, 3), (3, 2), (4, 3), (5, 4), (7, 2)] {
            let b = MonomialBasis::new(m, d).unwrap();
            assert_eq!(b.len() as u128, count_monomials(m, d).unwrap());
            for i in 0..b.len() {
                assert_eq!(b.index_of(b.exponents(i)), Some(i));
                if i > 0 {
                    assert_eq!(grevlex(b.exponents(i - 1), b.exponents(i)), Ordering::Less);
                }
            }
            let next = MonomialBasis::new(m, d + 1).unwrap();
            let tabled = MonomialBasis::with_times_table(m, d).unwrap();
            for i in 0..b.len() {
                for v in 0..m {
                    let mut e = b.exponents(i).to_vec();
                    e[v] += 1;
                    assert_eq!(next.exponents(b.times_var(i, v)), e.as_slice());
                    assert_eq!(tabled.times_var(i, v), b.times_var(i, v));
                }
            }
        }
        let empty = MonomialBasis::new(0, 0).unwrap();
        assert_eq!(empty.len(), 1);
        assert!(MonomialBasis::new(0, 2).unwrap().is_empty());
        assert!(MonomialBasis::new(3, 300).is_err());
    }
}
