//! A dense matrix over a ring, stored row by row.
//!
//! The worked example is in the documentation of `Matrix`.

use crate::poly::Ring;
use crate::Error;
use std::fmt;

/// A dense `rows x cols` matrix.
///
/// # Example
///
/// ```
/// use neurovariety::linalg::Matrix;
/// use num_bigint::BigInt;
/// let m = Matrix::from_rows(vec![vec![BigInt::from(1), BigInt::from(2)], vec![BigInt::from(3), BigInt::from(4)]]).unwrap();
/// assert_eq!(m.get(1, 0), &BigInt::from(3));
/// assert_eq!(m.transpose().get(0, 1), &BigInt::from(3));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Matrix<R> {
    rows: usize,
    cols: usize,
    data: Vec<R>,
}

impl<R: Ring> Matrix<R> {
    /// The zero matrix.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when `rows * cols` exceeds
    /// [`crate::limits::MAX_DENSE_LENGTH`].
    ///
    /// ```
    /// use neurovariety::linalg::Matrix;
    /// use num_bigint::BigInt;
    /// assert_eq!(Matrix::<BigInt>::zeros(2, 3).unwrap().ncols(), 3);
    /// assert!(Matrix::<BigInt>::zeros(usize::MAX, 2).is_err());
    /// ```
    pub fn zeros(rows: usize, cols: usize) -> Result<Self, Error> {
        crate::limits::check_dense("matrix entries", rows.checked_mul(cols))?;
        Ok(Self::zeros_within_limit(rows, cols))
    }

    /// The zero matrix of a size already known to be within the limit (the
    /// size of an existing matrix, or its transpose).
    pub(crate) fn zeros_within_limit(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![R::zero(); rows * cols],
        }
    }

    /// The identity matrix.
    ///
    /// # Errors
    ///
    /// As [`Matrix::zeros`].
    pub fn identity(n: usize) -> Result<Self, Error> {
        let mut m = Self::zeros(n, n)?;
        for i in 0..n {
            m.set(i, i, R::one());
        }
        Ok(m)
    }

    /// From a list of rows of equal length.
    pub fn from_rows(rows: Vec<Vec<R>>) -> Result<Self, Error> {
        let cols = rows.first().map_or(0, |r| r.len());
        for r in &rows {
            if r.len() != cols {
                return Err(Error::LengthMismatch {
                    what: "matrix row",
                    expected: cols,
                    found: r.len(),
                });
            }
        }
        Ok(Matrix {
            rows: rows.len(),
            cols,
            data: rows.into_iter().flatten().collect(),
        })
    }

    /// Number of rows.
    pub fn nrows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.cols
    }

    /// The size `n` of a square matrix.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if the matrix is not square.
    pub fn square_size(&self) -> Result<usize, Error> {
        if self.cols != self.rows {
            return Err(Error::LengthMismatch {
                what: "columns of a square matrix",
                expected: self.rows,
                found: self.cols,
            });
        }
        Ok(self.rows)
    }

    /// Entry `(i, j)`.
    ///
    /// # Panics
    ///
    /// Out of range, like slice indexing; [`Matrix::try_get`] is the checked twin.
    pub fn get(&self, i: usize, j: usize) -> &R {
        assert!(
            i < self.rows && j < self.cols,
            "matrix index ({i}, {j}) out of range for a {} x {} matrix",
            self.rows,
            self.cols
        );
        &self.data[i * self.cols + j]
    }

    /// Entry `(i, j)`, or `None` out of range.
    ///
    /// ```
    /// use neurovariety::linalg::Matrix;
    /// use num_bigint::BigInt;
    /// let m = Matrix::<BigInt>::identity(2).unwrap();
    /// assert_eq!(m.try_get(1, 1), Some(&BigInt::from(1)));
    /// assert_eq!(m.try_get(0, 2), None);
    /// ```
    pub fn try_get(&self, i: usize, j: usize) -> Option<&R> {
        (i < self.rows && j < self.cols).then(|| &self.data[i * self.cols + j])
    }

    /// Sets entry `(i, j)`.
    ///
    /// # Panics
    ///
    /// Out of range, like slice indexing.
    pub fn set(&mut self, i: usize, j: usize, v: R) {
        assert!(
            i < self.rows && j < self.cols,
            "matrix index ({i}, {j}) out of range for a {} x {} matrix",
            self.rows,
            self.cols
        );
        self.data[i * self.cols + j] = v;
    }

    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[R] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// The rows as vectors.
    pub fn to_rows(&self) -> Vec<Vec<R>> {
        (0..self.rows).map(|i| self.row(i).to_vec()).collect()
    }

    /// The transpose.
    pub fn transpose(&self) -> Self {
        let mut t = Self::zeros_within_limit(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t.set(j, i, self.get(i, j).clone());
            }
        }
        t
    }

    /// The submatrix on the given rows and columns (in the given order).
    ///
    /// # Panics
    ///
    /// When an index is out of range, like slice indexing;
    /// [`Matrix::try_submatrix`] is the checked twin.
    pub fn submatrix(&self, rows: &[usize], cols: &[usize]) -> Self {
        self.try_submatrix(rows, cols)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The submatrix on the given rows and columns, or
    /// [`Error::InvalidArgument`] for an index out of range.
    ///
    /// ```
    /// use neurovariety::linalg::Matrix;
    /// use num_bigint::BigInt;
    /// let m = Matrix::<BigInt>::identity(3).unwrap();
    /// assert_eq!(m.try_submatrix(&[0, 2], &[2]).unwrap().to_rows(), vec![vec![BigInt::from(0)], vec![BigInt::from(1)]]);
    /// assert!(m.try_submatrix(&[3], &[0]).is_err());
    /// ```
    pub fn try_submatrix(&self, rows: &[usize], cols: &[usize]) -> Result<Self, Error> {
        for (name, idx, bound) in [("row", rows, self.rows), ("column", cols, self.cols)] {
            if let Some(&i) = idx.iter().find(|&&i| i >= bound) {
                return Err(Error::InvalidArgument {
                    name,
                    value: i.to_string(),
                    reason: format!("the matrix is {} x {}", self.rows, self.cols),
                });
            }
        }
        crate::limits::check_dense("matrix entries", rows.len().checked_mul(cols.len()))?;
        let mut m = Self::zeros_within_limit(rows.len(), cols.len());
        for (a, &i) in rows.iter().enumerate() {
            for (b, &j) in cols.iter().enumerate() {
                m.set(a, b, self.get(i, j).clone());
            }
        }
        Ok(m)
    }

    /// Matrix product; an error if the inner dimensions differ.
    pub fn mul(&self, o: &Self) -> Result<Self, Error> {
        if self.cols != o.rows {
            return Err(Error::LengthMismatch {
                what: "matrix product inner dimension",
                expected: self.cols,
                found: o.rows,
            });
        }
        let mut m = Self::zeros(self.rows, o.cols)?;
        for i in 0..self.rows {
            for k in 0..self.cols {
                let a = self.get(i, k);
                if a.is_zero() {
                    continue;
                }
                for j in 0..o.cols {
                    let v = m.get(i, j).clone() + a.clone() * o.get(k, j).clone();
                    m.set(i, j, v);
                }
            }
        }
        Ok(m)
    }

    /// Applies `f` entrywise.
    pub fn map<S: Ring>(&self, f: impl Fn(&R) -> S) -> Matrix<S> {
        Matrix {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().map(f).collect(),
        }
    }
}

impl<R: Ring> fmt::Display for Matrix<R> {
    /// Macaulay2-like: `| a b |` one row per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..self.rows {
            let row: Vec<String> = self.row(i).iter().map(|x| x.to_string()).collect();
            writeln!(f, "| {} |", row.join(" "))?;
        }
        Ok(())
    }
}
