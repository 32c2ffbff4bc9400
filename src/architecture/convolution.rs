//! Convolution matrices.
//!
//! A layer with filter `w` (size `k`) and stride `s` acting on inputs of length
//! `n >= k` is the `n_out x n` matrix with `M[i][i s + j] = w_j`,
//! `n_out = (n - k) / s + 1` (a valid, strided, Toeplitz convolution). The
//! product of the layer matrices (last layer on the left) equals the matrix of
//! the end-to-end filter `mu(w)` with stride `s_1 ... s_L` on the same input.
//!
//! The worked example is in the documentation of `layer_convolution_matrices`.

use super::Architecture;
use crate::linalg::Matrix;
use crate::poly::Ring;
use crate::Error;

/// The matrix of the strided convolution with filter `w` and stride `s` on
/// inputs of length `n` (`n >= w.len() >= 1`, `s >= 1`).
pub fn convolution_matrix<R: Ring>(w: &[R], s: usize, n: usize) -> Result<Matrix<R>, Error> {
    if w.is_empty() {
        return Err(Error::ZeroFilterSize { layer: 1 });
    }
    if s == 0 {
        return Err(Error::ZeroStride { layer: 1 });
    }
    if n < w.len() {
        return Err(Error::InvalidArgument {
            name: "input length",
            value: n.to_string(),
            reason: format!("shorter than the filter ({})", w.len()),
        });
    }
    let rows = (n - w.len()) / s + 1;
    if (rows as u128) * (n as u128) > crate::limits::MAX_DENSE_LENGTH as u128 {
        return Err(Error::too_large_fixed(
            "convolution matrix entries",
            rows as u128 * n as u128,
            crate::limits::MAX_DENSE_LENGTH as u128,
        ));
    }
    let mut m = Matrix::zeros(rows, n)?;
    for i in 0..rows {
        for (j, wj) in w.iter().enumerate() {
            m.set(i, i * s + j, wj.clone());
        }
    }
    Ok(m)
}

/// The matrices of all layers for an input of length `n` (each layer's input is
/// the previous layer's output).
///
/// # Example
///
/// ```
/// use neurovariety::{Architecture, architecture::{compose, convolution_matrix, layer_convolution_matrices}};
/// use num_bigint::BigInt;
/// let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
/// let w: Vec<Vec<BigInt>> = vec![vec![1.into(), 2.into()], vec![3.into(), 4.into()]];
/// let layers = layer_convolution_matrices(&arch, &w, 8).unwrap();
/// let product = layers[1].mul(&layers[0]).unwrap();
/// let e2e = convolution_matrix(&compose(&arch, &w).unwrap(), arch.end_to_end_stride(), 8).unwrap();
/// assert_eq!(product, e2e);
/// ```
pub fn layer_convolution_matrices<R: Ring>(
    arch: &Architecture,
    layers: &[Vec<R>],
    n: usize,
) -> Result<Vec<Matrix<R>>, Error> {
    arch.check_layer_lengths(layers)?;
    let mut len = n;
    let mut out = Vec::with_capacity(layers.len());
    for (l, w) in layers.iter().enumerate() {
        let m = convolution_matrix(w, arch.strides()[l], len)?;
        len = m.nrows();
        out.push(m);
    }
    Ok(out)
}
