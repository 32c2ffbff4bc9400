//! Dense univariate polynomials over `Z/p`: the arithmetic behind modular
//! gcds and factorization modulo a prime.
//!
//! A polynomial is its ascending coefficient vector of reduced residues
//! `a_0, a_1, ..., a_n` without trailing zeros (the zero polynomial is the
//! empty vector), and every operation is a method of the field [`Zp`] (the
//! ring-object style of the rest of this module). Products convert one factor
//! to Montgomery form once, so each coefficient product is a single
//! Montgomery reduction (`mont_mul(a R, b) = a b`).
//!
//! Division is by a non-zero polynomial (its leading coefficient is
//! invertible because `p` is prime); [`Zp::poly_gcd`] is the monic gcd
//! (Euclid), [`Zp::poly_ext_gcd`] also returns Bézout cofactors, and
//! [`Zp::poly_pow_mod`] is square-and-multiply modulo a polynomial.
//!
//! The worked example is in the documentation of `Zp::poly_mul`.

use super::field::Zp;
use num_bigint::BigInt;

fn trim(mut a: Vec<u64>) -> Vec<u64> {
    while a.last() == Some(&0) {
        a.pop();
    }
    a
}

impl Zp {
    /// The residues of integer coefficients (ascending), trailing zeros dropped.
    pub fn poly_reduce(self, coeffs: &[BigInt]) -> Vec<u64> {
        trim(coeffs.iter().map(|c| self.reduce(c)).collect())
    }

    /// `a + b`.
    pub fn poly_add(self, a: &[u64], b: &[u64]) -> Vec<u64> {
        self.zip_with(a, b, |x, y| self.add(x, y))
    }

    /// `a - b`.
    pub fn poly_sub(self, a: &[u64], b: &[u64]) -> Vec<u64> {
        self.zip_with(a, b, |x, y| self.sub(x, y))
    }

    /// Coefficientwise `op` (missing coefficients are 0), trimmed.
    fn zip_with(self, a: &[u64], b: &[u64], op: impl Fn(u64, u64) -> u64) -> Vec<u64> {
        let n = a.len().max(b.len());
        let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
        trim((0..n).map(|i| op(at(a, i), at(b, i))).collect())
    }

    /// `c a` for a residue `c`.
    pub fn poly_scale(self, a: &[u64], c: u64) -> Vec<u64> {
        let cm = self.to_montgomery(c % self.modulus());
        trim(a.iter().map(|&x| self.mont_mul(cm, x)).collect())
    }

    /// `a b` (schoolbook).
    ///
    /// # Example
    ///
    /// ```
    /// use neurovariety::modular::Zp;
    /// let f = Zp::new(101).unwrap();
    /// let a = f.poly_mul(&[100, 1], &[1, 1]); // (y - 1)(y + 1) = y^2 - 1
    /// assert_eq!(a, vec![100, 0, 1]);
    /// let (q, r) = f.poly_divrem(&a, &[100, 1]);
    /// assert_eq!((q, r), (vec![1, 1], vec![]));
    /// assert_eq!(f.poly_gcd(&a, &[1, 2, 1]), vec![1, 1]); // gcd with (y + 1)^2
    /// // y^4 = 1 modulo y^2 + 1, so y^101 = y^(4 * 25 + 1) = y
    /// assert_eq!(f.poly_pow_mod(&[0, 1], 101, &[1, 0, 1]), vec![0, 1]);
    /// ```
    pub fn poly_mul(self, a: &[u64], b: &[u64]) -> Vec<u64> {
        if a.is_empty() || b.is_empty() {
            return Vec::new();
        }
        let mut v = vec![0u64; a.len() + b.len() - 1];
        for (i, &x) in a.iter().enumerate() {
            if x == 0 {
                continue;
            }
            let xm = self.to_montgomery(x);
            for (j, &y) in b.iter().enumerate() {
                v[i + j] = self.add(v[i + j], self.mont_mul(xm, y));
            }
        }
        trim(v)
    }

    /// Quotient and remainder of `a` by a non-zero `b` (an empty `b` gives
    /// `(0, a)`).
    pub fn poly_divrem(self, a: &[u64], b: &[u64]) -> (Vec<u64>, Vec<u64>) {
        let Some(&lead) = b.last() else {
            return (Vec::new(), a.to_vec());
        };
        let db = b.len() - 1;
        let mut r = a.to_vec();
        if r.len() <= db {
            return (Vec::new(), trim(r));
        }
        let inv = self.to_montgomery(self.inv(lead).unwrap_or(0));
        let bm: Vec<u64> = b.iter().map(|&c| self.to_montgomery(c)).collect();
        let mut q = vec![0u64; r.len() - db];
        for i in (0..q.len()).rev() {
            let c = self.mont_mul(r[i + db], inv);
            if c != 0 {
                for (j, &bj) in bm.iter().enumerate() {
                    r[i + j] = self.sub(r[i + j], self.mont_mul(c, bj));
                }
            }
            q[i] = c;
        }
        r.truncate(db);
        (trim(q), trim(r))
    }

    /// `a mod b` for a non-zero `b`.
    pub fn poly_rem(self, a: &[u64], b: &[u64]) -> Vec<u64> {
        self.poly_divrem(a, b).1
    }

    /// `a b mod m`.
    pub fn poly_mul_mod(self, a: &[u64], b: &[u64], m: &[u64]) -> Vec<u64> {
        self.poly_rem(&self.poly_mul(a, b), m)
    }

    /// `a^e mod m` for a non-constant `m` (square and multiply).
    pub fn poly_pow_mod(self, a: &[u64], mut e: u64, m: &[u64]) -> Vec<u64> {
        let mut base = self.poly_rem(a, m);
        let mut acc = self.poly_rem(&[1], m);
        while e > 0 {
            if e & 1 == 1 {
                acc = self.poly_mul_mod(&acc, &base, m);
            }
            e >>= 1;
            if e > 0 {
                base = self.poly_mul_mod(&base, &base, m);
            }
        }
        acc
    }

    /// `a` divided by its leading coefficient (zero stays zero).
    pub fn poly_monic(self, a: &[u64]) -> Vec<u64> {
        match a.last().and_then(|&l| self.inv(l)) {
            Some(inv) => self.poly_scale(a, inv),
            None => a.to_vec(),
        }
    }

    /// The derivative `da/dy`.
    pub fn poly_derivative(self, a: &[u64]) -> Vec<u64> {
        trim(
            a.iter()
                .enumerate()
                .skip(1)
                .map(|(i, &c)| self.mul(c, self.reduce_u64(i as u64)))
                .collect(),
        )
    }

    /// The monic gcd of `a` and `b` (zero if both are zero), by Euclid's algorithm.
    pub fn poly_gcd(self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let (mut r0, mut r1) = (trim(a.to_vec()), trim(b.to_vec()));
        while !r1.is_empty() {
            let r = self.poly_rem(&r0, &r1);
            r0 = std::mem::replace(&mut r1, r);
        }
        self.poly_monic(&r0)
    }

    /// `(g, s, t)` with `s a + t b = g`, `g` the monic gcd of `a` and `b`.
    pub fn poly_ext_gcd(self, a: &[u64], b: &[u64]) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
        let (mut r0, mut r1) = (trim(a.to_vec()), trim(b.to_vec()));
        let (mut s0, mut s1): (Vec<u64>, Vec<u64>) = (vec![1], Vec::new());
        let (mut t0, mut t1): (Vec<u64>, Vec<u64>) = (Vec::new(), vec![1]);
        while !r1.is_empty() {
            let (q, r) = self.poly_divrem(&r0, &r1);
            let s2 = self.poly_sub(&s0, &self.poly_mul(&q, &s1));
            let t2 = self.poly_sub(&t0, &self.poly_mul(&q, &t1));
            r0 = std::mem::replace(&mut r1, r);
            s0 = std::mem::replace(&mut s1, s2);
            t0 = std::mem::replace(&mut t1, t2);
        }
        match r0.last().and_then(|&l| self.inv(l)) {
            Some(inv) => (
                self.poly_scale(&r0, inv),
                self.poly_scale(&s0, inv),
                self.poly_scale(&t0, inv),
            ),
            None => (r0, s0, t0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extended_gcd_is_a_bezout_identity() {
        let f = Zp::new(1_000_000_007).unwrap();
        let a = f.poly_mul(&[3, 1], &[5, 0, 1]); // (y + 3)(y^2 + 5)
        let b = f.poly_mul(&[3, 1], &[7, 1]); // (y + 3)(y + 7)
        let (g, s, t) = f.poly_ext_gcd(&a, &b);
        assert_eq!(g, vec![3, 1]);
        assert_eq!(f.poly_add(&f.poly_mul(&s, &a), &f.poly_mul(&t, &b)), g);
        assert_eq!(f.poly_derivative(&[5, 3, 1]), vec![3, 2]);
        assert_eq!(
            f.poly_reduce(&[BigInt::from(-1), BigInt::from(0)]),
            vec![1_000_000_006]
        );
        // p = 2 works too
        let two = Zp::new(2).unwrap();
        assert_eq!(two.poly_mul(&[1, 1], &[1, 1]), vec![1, 0, 1]);
    }
}
