//! Minors of a matrix, computed together.
//!
//! All `k x k` minors on a fixed list of columns are obtained by Laplace
//! expansion along those columns, one column at a time: after `j` columns we
//! hold the non-zero minors on every `j`-subset of rows; adding column `c`
//! gives each `(j+1)`-subset `T` the minor
//! `sum_{r in T} (-1)^{pos(r, T) + j} a[r][c] M(T \ {r})`.
//! Column subsets are enumerated depth first, so minors sharing leading columns
//! share their memoised work. This is what makes the full set of maximal minors
//! of a Sylvester or multi-Sylvester matrix with symbolic entries cheap.
//!
//! The worked example is in the documentation of `all_minors`.

use super::matrix::Matrix;
use crate::limits::{MAX_MINORS, MAX_MINOR_ROWS};
use crate::poly::Ring;
use crate::Error;
use std::collections::HashMap;

/// One minor: its rows, its columns (both increasing) and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minor<R> {
    /// Row indices, increasing.
    pub rows: Vec<usize>,
    /// Column indices, increasing.
    pub cols: Vec<usize>,
    /// The determinant of the submatrix.
    pub value: R,
}

fn check_rows<R: Ring>(m: &Matrix<R>) -> Result<(), Error> {
    if m.nrows() > MAX_MINOR_ROWS {
        return Err(Error::too_large_fixed(
            "number of rows for minors",
            m.nrows(),
            MAX_MINOR_ROWS,
        ));
    }
    Ok(())
}

fn extend<R: Ring>(m: &Matrix<R>, prev: &HashMap<u64, R>, c: usize, j: usize) -> HashMap<u64, R> {
    let mut next: HashMap<u64, R> = HashMap::new();
    for (&s, v) in prev {
        for r in 0..m.nrows() {
            if s >> r & 1 == 1 {
                continue;
            }
            let a = m.get(r, c);
            if a.is_zero() {
                continue;
            }
            let pos = (s & ((1u64 << r) - 1)).count_ones() as usize;
            let term = a.mul_ref(v);
            let term = if (pos + j) % 2 == 1 { -term } else { term };
            let t = s | (1u64 << r);
            match next.get_mut(&t) {
                Some(x) => {
                    let old = std::mem::replace(x, R::zero());
                    *x = old + term;
                }
                None => {
                    next.insert(t, term);
                }
            }
        }
    }
    next.retain(|_, v| !v.is_zero());
    next
}

/// The non-zero minors on all row subsets of size `cols.len()`, for the given
/// columns in the given order, keyed by row bit mask.
///
/// # Errors
///
/// [`Error::TooLarge`] for more than 64 rows or more than 10^7 row
/// subsets, [`Error::InvalidArgument`] for a column out of range.
///
/// ```
/// use neurovariety::linalg::{minors_on_columns, Matrix};
/// use num_bigint::BigInt;
/// let m = Matrix::from_rows(vec![vec![BigInt::from(1), BigInt::from(2)], vec![BigInt::from(3), BigInt::from(4)]]).unwrap();
/// assert_eq!(minors_on_columns(&m, &[0, 1]).unwrap(), vec![(0b11, BigInt::from(-2))]);
/// assert!(minors_on_columns(&m, &[0, 2]).is_err());
/// ```
pub fn minors_on_columns<R: Ring>(m: &Matrix<R>, cols: &[usize]) -> Result<Vec<(u64, R)>, Error> {
    check_rows(m)?;
    if let Some(&c) = cols.iter().find(|&&c| c >= m.ncols()) {
        return Err(Error::InvalidArgument {
            name: "column",
            value: c.to_string(),
            reason: format!("the matrix has {} columns", m.ncols()),
        });
    }
    let subsets = binom(m.nrows(), cols.len());
    if subsets > MAX_MINORS {
        return Err(Error::too_large_fixed(
            "number of minors",
            subsets,
            MAX_MINORS,
        ));
    }
    let mut cur: HashMap<u64, R> = HashMap::from([(0u64, R::one())]);
    for (j, &c) in cols.iter().enumerate() {
        cur = extend(m, &cur, c, j);
    }
    let mut v: Vec<(u64, R)> = cur.into_iter().collect();
    v.sort_by_key(|(k, _)| *k);
    Ok(v)
}

/// Number of `k x k` minors of an `r x c` matrix, `C(r, k) C(c, k)`, saturating.
pub fn count_minors(r: usize, c: usize, k: usize) -> u128 {
    binom(r, k).saturating_mul(binom(c, k))
}

pub(crate) fn binom(n: usize, k: usize) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut acc: u128 = 1;
    for i in 0..k {
        acc = match acc.checked_mul((n - i) as u128) {
            Some(v) => v / (i as u128 + 1),
            None => return u128::MAX,
        };
    }
    acc
}

/// All `k x k` minors, zero ones included, ordered by column subset
/// (lexicographically) and then by row subset. Refuses more than `10^7` minors
/// or more than 64 rows with [`Error::TooLarge`].
///
/// # Example
///
/// ```
/// use neurovariety::linalg::{Matrix, all_minors};
/// use num_bigint::BigInt;
/// let m = Matrix::from_rows(vec![
///     vec![BigInt::from(1), BigInt::from(2), BigInt::from(3)],
///     vec![BigInt::from(4), BigInt::from(5), BigInt::from(6)],
/// ]).unwrap();
/// let minors = all_minors(&m, 2).unwrap();
/// // columns {0,1}: -3, {0,2}: -6, {1,2}: -3
/// let values: Vec<BigInt> = minors.iter().map(|m| m.value.clone()).collect();
/// assert_eq!(values, vec![BigInt::from(-3), BigInt::from(-6), BigInt::from(-3)]);
/// ```
pub fn all_minors<R: Ring>(m: &Matrix<R>, k: usize) -> Result<Vec<Minor<R>>, Error> {
    let mut out = Vec::new();
    for_each_minor(m, k, |mi| out.push(mi))?;
    Ok(out)
}

/// Calls `f` on every `k x k` minor (zero ones included) in the order of
/// [`all_minors`], without collecting them.
pub fn for_each_minor<R: Ring>(
    m: &Matrix<R>,
    k: usize,
    mut f: impl FnMut(Minor<R>),
) -> Result<(), Error> {
    check_rows(m)?;
    let est = count_minors(m.nrows(), m.ncols(), k);
    if est > MAX_MINORS {
        return Err(Error::too_large_fixed("number of minors", est, MAX_MINORS));
    }
    if k > m.nrows() || k > m.ncols() {
        return Ok(());
    }
    let root: HashMap<u64, R> = HashMap::from([(0u64, R::one())]);
    let mut chosen = Vec::with_capacity(k);
    dfs(m, k, 0, &root, &mut chosen, &mut f);
    Ok(())
}

fn dfs<R: Ring>(
    m: &Matrix<R>,
    k: usize,
    start: usize,
    memo: &HashMap<u64, R>,
    chosen: &mut Vec<usize>,
    f: &mut impl FnMut(Minor<R>),
) {
    let j = chosen.len();
    if j == k {
        let row_sets = combinations(m.nrows(), k);
        for rows in row_sets {
            let mask = rows.iter().fold(0u64, |a, &r| a | 1 << r);
            let value = memo.get(&mask).cloned().unwrap_or_else(R::zero);
            f(Minor {
                rows,
                cols: chosen.clone(),
                value,
            });
        }
        return;
    }
    let remaining = k - j;
    for c in start..=(m.ncols() - remaining) {
        let next = extend(m, memo, c, j);
        chosen.push(c);
        dfs(m, k, c + 1, &next, chosen, f);
        chosen.pop();
    }
}

/// All `k`-subsets of `0..n` in lexicographic order.
pub(crate) fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(cur.clone());
        let mut i = k;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if cur[i] < n - k + i {
                cur[i] += 1;
                for j in i + 1..k {
                    cur[j] = cur[j - 1] + 1;
                }
                break;
            }
        }
    }
}
