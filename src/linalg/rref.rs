//! The reduced row echelon form of an integer matrix, exactly.
//!
//! Gauss–Jordan elimination without fractions: the pivot of each row is its
//! first non-zero column, with zeros above and below it. The reduced row echelon
//! form of a row space is unique, so it is a canonical basis: the crate uses it
//! for the canonical generators of the vanishing ideal.

use super::Matrix;

/// The reduced row echelon form of an integer matrix with each row scaled to
/// primitive integers (content 1, positive pivot), and the pivot columns:
/// the rows of the reduced form over Q, cleared of denominators. Fraction-free: a row
/// is updated as `row * a - b * pivot_row` and divided by its content, so no
/// rational number is ever formed.
///
/// ```
/// use neurovariety::linalg::{rref_integer, Matrix};
/// use num_bigint::BigInt;
/// let z = |n: i64| BigInt::from(n);
/// let m = Matrix::from_rows(vec![vec![z(2), z(4), z(2)], vec![z(1), z(3), z(3)]]).unwrap();
/// let (rows, pivots) = rref_integer(&m);
/// assert_eq!(pivots, [0, 1]);
/// // over Q: (1, 0, -3) and (0, 1, 2)
/// assert_eq!(rows, [vec![z(1), z(0), z(-3)], vec![z(0), z(1), z(2)]]);
/// ```
pub fn rref_integer(m: &Matrix<num_bigint::BigInt>) -> (Vec<Vec<num_bigint::BigInt>>, Vec<usize>) {
    use num_bigint::BigInt;
    use num_integer::Integer;
    use num_traits::{Signed, Zero};
    fn make_primitive(row: &mut [BigInt]) {
        let one = BigInt::from(1);
        let mut g = BigInt::zero();
        for x in row.iter().filter(|x| !x.is_zero()) {
            g = g.gcd(x);
            if g == one {
                return;
            }
        }
        if !g.is_zero() {
            for x in row.iter_mut().filter(|x| !x.is_zero()) {
                *x = &*x / &g;
            }
        }
    }
    let mut rows = m.to_rows();
    let ncols = m.ncols();
    let mut pivots = Vec::new();
    let mut rank = 0;
    for col in 0..ncols {
        let Some(p) = (rank..rows.len()).find(|&r| !rows[r][col].is_zero()) else {
            continue;
        };
        rows.swap(p, rank);
        make_primitive(&mut rows[rank]);
        if rows[rank][col].is_negative() {
            for x in rows[rank].iter_mut() {
                *x = -&*x;
            }
        }
        let pivot_row = rows[rank].clone();
        let a = pivot_row[col].clone();
        for (i, row) in rows.iter_mut().enumerate() {
            if i == rank || row[col].is_zero() {
                continue;
            }
            let b = row[col].clone();
            let unit = a == BigInt::from(1);
            for (x, y) in row.iter_mut().zip(&pivot_row) {
                if !unit && !x.is_zero() {
                    *x *= &a;
                }
                if !y.is_zero() {
                    *x -= &b * y;
                }
            }
            make_primitive(row);
        }
        pivots.push(col);
        rank += 1;
    }
    rows.truncate(rank);
    // each row is now a multiple of its row of the rational form; make it primitive
    for (row, &c) in rows.iter_mut().zip(&pivots) {
        make_primitive(row);
        if row[c].is_negative() {
            for x in row.iter_mut() {
                *x = -&*x;
            }
        }
    }
    (rows, pivots)
}
