//! Swinnerton-Dyer polynomials, computed exactly (shared by tests and benches).
//!
//! `S_k = prod (x ± √q_1 ± ... ± √q_k)` over the first `k` primes has degree
//! `2^k` and integer coefficients; it is irreducible over Q, but modulo every
//! prime each `√q_i` lies in `F_p` or `F_{p^2}`, so `S_k` splits into factors
//! of degree at most 2 (at least `2^(k-1)` of them). Built by norms: with
//! `S_0 = x`, `S_{j}(x) = S_{j-1}(x + √q) S_{j-1}(x - √q) = A^2 - q B^2`
//! where `S_{j-1}(x + t) = A(x) + t B(x)` modulo `t^2 = q`.

use neurovariety::poly::UPoly;
use num_bigint::BigInt;
use num_rational::BigRational;

/// The first primes used for the square roots.
const PRIMES: [i64; 8] = [2, 3, 5, 7, 11, 13, 17, 19];

/// `S_k`, the Swinnerton-Dyer polynomial of degree `2^k` (`k <= 8`).
pub fn swinnerton_dyer(k: usize) -> UPoly<BigInt> {
    let mut f = UPoly::from_i64(&[0, 1]);
    for &q in &PRIMES[..k] {
        let q = BigInt::from(q);
        let c = f.coeffs().to_vec();
        let n = c.len();
        let (mut a, mut b) = (vec![BigInt::from(0); n], vec![BigInt::from(0); n]);
        for (deg, ck) in c.iter().enumerate() {
            // ck (x + t)^deg = ck sum_j C(deg, j) x^(deg - j) t^j
            let mut binom = BigInt::from(1);
            for j in 0..=deg {
                let v = ck * &binom * q.pow((j / 2) as u32);
                if j % 2 == 0 {
                    a[deg - j] += v;
                } else {
                    b[deg - j] += v;
                }
                binom = binom * BigInt::from(deg - j) / BigInt::from(j + 1);
            }
        }
        let (a, b) = (UPoly::new(a), UPoly::new(b));
        f = &(&a * &a) - &(&(&b * &b) * &UPoly::constant(q));
    }
    f
}

/// The end-to-end filter of the binary form `y^n f(x / y)` (`n = deg f`):
/// `c_i` = coefficient of `x^{n-i} y^i` = coefficient of `x^{n-i}` in `f`.
pub fn form_filter(f: &UPoly<BigInt>) -> Vec<BigRational> {
    f.coeffs()
        .iter()
        .rev()
        .map(|c| BigRational::from_integer(c.clone()))
        .collect()
}
