//! The prime field `Z/p` as a ring object that carries its modulus.
//!
//! [`Zp`] holds a prime `p < 2^63` together with the constants of Montgomery
//! reduction (`R = 2^64`), computed once in [`Zp::new`]. Elements are plain
//! `u64` residues in `[0, p)` and every operation is a method of the field, so
//! code written against one `Zp` value works for any modulus (the ring-object
//! style of `feanor-math`'s `Zn`).
//!
//! Two representations share the one type:
//! - **standard**: `a` stands for `a mod p`; [`Zp::add`], [`Zp::mul`],
//!   [`Zp::inv`], ... take and return reduced residues. Multiplication is
//!   done by two Montgomery reductions (no 128-bit division).
//! - **Montgomery**: `a` stands for `a R^{-1} mod p`; [`Zp::to_montgomery`]
//!   and [`Zp::from_montgomery`] convert, [`Zp::mont_mul`] multiplies. Hot
//!   loops (elimination) stay in this form; the `lazy_*` variants keep values
//!   in `[0, 2p)` and need `p < 2^62` ([`Zp::supports_lazy`]).
//!
//! The worked example is in the documentation of `Zp`.

use super::primes::is_prime;
use crate::Error;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// The field of integers modulo a prime `p < 2^63` (a ring object: the
/// modulus and its Montgomery constants).
///
/// # Example
///
/// ```
/// use neurovariety::modular::Zp;
/// let f = Zp::new(1_000_000_007).unwrap();
/// assert_eq!(f.mul(f.inv(3).unwrap(), 3), 1);
/// let (a, b) = (f.to_montgomery(12345), f.to_montgomery(678));
/// assert_eq!(f.from_montgomery(f.mont_mul(a, b)), 12345 * 678 % 1_000_000_007);
/// assert_eq!(f.reduce_i128(-1), 1_000_000_006);
/// assert_eq!(f.symmetric_i128(1_000_000_006), -1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zp {
    p: u64,
    /// `-p^{-1} mod 2^64`.
    pinv: u64,
    /// `R mod p` (the Montgomery form of 1).
    one: u64,
    /// `R^2 mod p`.
    r2: u64,
}

impl Zp {
    /// The field modulo `p`; an error if `p` is not a prime below `2^63`.
    pub fn new(p: u64) -> Result<Self, Error> {
        if p >= 1 << 63 || !is_prime(p) {
            return Err(Error::InvalidArgument {
                name: "modulus",
                value: p.to_string(),
                reason: "must be a prime below 2^63".into(),
            });
        }
        if p == 2 {
            // Montgomery reduction needs an odd modulus; 2 is served by the
            // same formulas with R = 2^64 replaced by exact arithmetic below
            return Ok(Zp {
                p,
                pinv: 0,
                one: 0,
                r2: 0,
            });
        }
        // Newton iteration for p^{-1} mod 2^64 (p odd): each step doubles the
        // number of correct low bits, starting from 3 (p p = 1 mod 8)
        let mut inv: u64 = p;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
        }
        let one = ((1u128 << 64) % u128::from(p)) as u64;
        let r2 = ((u128::from(one) * u128::from(one)) % u128::from(p)) as u64;
        Ok(Zp {
            p,
            pinv: inv.wrapping_neg(),
            one,
            r2,
        })
    }

    /// The modulus.
    #[inline]
    pub fn modulus(self) -> u64 {
        self.p
    }

    /// `true` when the lazy Montgomery operations ([`Zp::lazy_mul`],
    /// [`Zp::lazy_add`]) are valid, i.e. `p < 2^62` (values in `[0, 2p)`
    /// must multiply without overflowing 128 bits).
    #[inline]
    pub fn supports_lazy(self) -> bool {
        self.p < 1 << 62 && self.p != 2
    }

    /// `a + b mod p` (inputs reduced).
    #[inline]
    pub fn add(self, a: u64, b: u64) -> u64 {
        // a + b < 2p < 2^64
        let s = a + b;
        if s >= self.p {
            s - self.p
        } else {
            s
        }
    }

    /// `a - b mod p` (inputs reduced).
    #[inline]
    pub fn sub(self, a: u64, b: u64) -> u64 {
        if a >= b {
            a - b
        } else {
            a + self.p - b
        }
    }

    /// `-a mod p` (input reduced).
    #[inline]
    pub fn neg(self, a: u64) -> u64 {
        if a == 0 {
            0
        } else {
            self.p - a
        }
    }

    /// `t R^{-1} mod p` for `t < p 2^64` (Montgomery reduction).
    #[inline(always)]
    fn redc(self, t: u128) -> u64 {
        let m = (t as u64).wrapping_mul(self.pinv);
        // t + m p < p 2^64 + 2^64 p < 2^128 since p < 2^63
        let r = ((t + u128::from(m) * u128::from(self.p)) >> 64) as u64;
        if r >= self.p {
            r - self.p
        } else {
            r
        }
    }

    /// `a * b mod p` (any inputs; reduced ones take the fast path).
    #[inline]
    pub fn mul(self, a: u64, b: u64) -> u64 {
        if self.p == 2 {
            return a & b & 1;
        }
        let (a, b) = if a >= self.p || b >= self.p {
            (a % self.p, b % self.p)
        } else {
            (a, b)
        };
        // a b R^{-1}, then times R^2 and R^{-1} again
        self.redc(u128::from(self.redc(u128::from(a) * u128::from(b))) * u128::from(self.r2))
    }

    /// `a^e mod p`.
    pub fn pow(self, a: u64, mut e: u64) -> u64 {
        let mut r = 1 % self.p;
        let mut a = a % self.p;
        while e > 0 {
            if e & 1 == 1 {
                r = self.mul(r, a);
            }
            a = self.mul(a, a);
            e >>= 1;
        }
        r
    }

    /// The inverse of `a`, `None` for zero (extended Euclid).
    pub fn inv(self, a: u64) -> Option<u64> {
        let a = a % self.p;
        if a == 0 {
            return None;
        }
        // invariant: s_i a = r_i (mod p), |s_i| < p
        let (mut r0, mut r1) = (i128::from(self.p), i128::from(a));
        let (mut s0, mut s1) = (0i128, 1i128);
        while r1 != 0 {
            let q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (s0, s1) = (s1, s0 - q * s1);
        }
        Some(s0.rem_euclid(i128::from(self.p)) as u64)
    }

    /// `c mod p` for an unsigned integer.
    #[inline]
    pub fn reduce_u64(self, c: u64) -> u64 {
        c % self.p
    }

    /// `c mod p` in `[0, p)` for a signed integer.
    #[inline]
    pub fn reduce_i128(self, c: i128) -> u64 {
        let q = self.p;
        if c.unsigned_abs() < u128::from(q) {
            // |c| < p < 2^63
            if c < 0 {
                q - c.unsigned_abs() as u64
            } else {
                c as u64
            }
        } else {
            c.rem_euclid(i128::from(q)) as u64
        }
    }

    /// `a mod p` in `[0, p)` for an integer of any size.
    pub fn reduce(self, a: &BigInt) -> u64 {
        if let Some(c) = a.to_i128() {
            return self.reduce_i128(c);
        }
        let r = (a % BigInt::from(self.p)).to_i128().unwrap_or(0);
        if r < 0 {
            (r + i128::from(self.p)) as u64
        } else {
            r as u64
        }
    }

    /// The symmetric representative of `a` in `(-p/2, p/2]`.
    pub fn symmetric(self, a: u64) -> BigInt {
        BigInt::from(self.symmetric_i128(a))
    }

    /// The symmetric representative of `a` in `(-p/2, p/2]`, as a machine integer.
    #[inline]
    pub fn symmetric_i128(self, a: u64) -> i128 {
        if a > self.p / 2 {
            i128::from(a) - i128::from(self.p)
        } else {
            i128::from(a)
        }
    }

    /// The Montgomery form `a R mod p` of a reduced residue.
    #[inline]
    pub fn to_montgomery(self, a: u64) -> u64 {
        if self.p == 2 {
            return a & 1;
        }
        self.redc(u128::from(a) * u128::from(self.r2))
    }

    /// The residue whose Montgomery form is `a`.
    #[inline]
    pub fn from_montgomery(self, a: u64) -> u64 {
        if self.p == 2 {
            return a & 1;
        }
        self.redc(u128::from(a))
    }

    /// The Montgomery form of `1` (`R mod p`).
    #[inline]
    pub fn montgomery_one(self) -> u64 {
        if self.p == 2 {
            1
        } else {
            self.one
        }
    }

    /// `a b R^{-1} mod p`: the product of two Montgomery forms is the
    /// Montgomery form of the product. For standard residues it is a non-zero
    /// multiple of `a b` (zero iff `a b = 0`).
    #[inline(always)]
    pub fn mont_mul(self, a: u64, b: u64) -> u64 {
        if self.p == 2 {
            return a & b & 1;
        }
        self.redc(u128::from(a) * u128::from(b))
    }

    /// [`Zp::mont_mul`] for `a, b` in `[0, 2p)`, with the result in `[0, 2p)`
    /// (no final subtraction). Needs [`Zp::supports_lazy`].
    #[inline(always)]
    pub fn lazy_mul(self, a: u64, b: u64) -> u64 {
        debug_assert!(self.supports_lazy());
        let t = u128::from(a) * u128::from(b);
        let m = (t as u64).wrapping_mul(self.pinv);
        ((t + u128::from(m) * u128::from(self.p)) >> 64) as u64
    }

    /// `a + b` for `a, b` in `[0, 2p)`, in `[0, 2p)`. Needs [`Zp::supports_lazy`].
    #[inline(always)]
    pub fn lazy_add(self, a: u64, b: u64) -> u64 {
        debug_assert!(self.supports_lazy());
        let s = a + b;
        if s >= 2 * self.p {
            s - 2 * self.p
        } else {
            s
        }
    }

    /// `a mod p` for `a` in `[0, 2p)`.
    #[inline(always)]
    pub fn lazy_reduce(self, a: u64) -> u64 {
        if a >= self.p {
            a - self.p
        } else {
            a
        }
    }

    /// The factor `t` with `mont_mul(a, t) = R mod p` for a non-zero residue
    /// `a` (in either representation: `t = R^2 / a`). A row scaled by it has
    /// the entry `a` turned into the Montgomery form of 1. `0` for `a = 0`.
    pub fn normaliser(self, a: u64) -> u64 {
        if self.p == 2 {
            return a & 1;
        }
        match self.inv(a) {
            // a^{-1} R^2: the Montgomery form of the Montgomery form of a^{-1}
            Some(i) => self.to_montgomery(self.to_montgomery(i)),
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<Zp> {
        [
            2u64,
            3,
            5,
            32003,
            1_000_000_007,
            (1 << 61) - 1,
            9_223_372_036_854_775_783,
        ]
        .iter()
        .map(|&p| Zp::new(p).unwrap())
        .collect()
    }

    #[test]
    fn standard_operations_agree_with_u128_arithmetic() {
        for f in fields() {
            let p = f.modulus();
            let xs = [0, 1, 2, p / 2, p / 2 + 1, p - 2, p - 1];
            for &a in &xs {
                for &b in &xs {
                    let (a, b) = (a % p, b % p);
                    let m = (u128::from(a) * u128::from(b) % u128::from(p)) as u64;
                    assert_eq!(f.mul(a, b), m, "{a} {b} mod {p}");
                    assert_eq!(
                        f.add(a, b),
                        ((u128::from(a) + u128::from(b)) % u128::from(p)) as u64
                    );
                    assert_eq!(f.add(f.sub(a, b), b), a);
                    assert_eq!(f.add(f.neg(a), a), 0);
                    let (ma, mb) = (f.to_montgomery(a), f.to_montgomery(b));
                    assert_eq!(f.from_montgomery(f.mont_mul(ma, mb)), m);
                    if a != 0 {
                        assert_eq!(f.mul(f.inv(a).unwrap(), a), 1);
                        assert_eq!(f.mont_mul(a, f.normaliser(a)), f.montgomery_one());
                        assert_eq!(f.inv(a), Some(f.pow(a, p - 2)));
                    }
                }
            }
            assert_eq!(f.inv(0), None);
            assert_eq!(f.reduce_i128(-(p as i128) - 1), p - 1);
            assert_eq!(
                f.reduce(&(BigInt::from(p) * BigInt::from(p) * 7 - 3)),
                (p - 3 % p) % p
            );
            let want = if p == 2 { 1 } else { -1 };
            assert_eq!(f.symmetric(p - 1), BigInt::from(want));
            assert_eq!(
                f.mul(u64::MAX, u64::MAX),
                (u128::from(u64::MAX) * u128::from(u64::MAX) % u128::from(p)) as u64
            );
        }
    }

    #[test]
    fn lazy_operations_stay_below_2p() {
        let f = Zp::new((1 << 61) - 1).unwrap();
        assert!(f.supports_lazy());
        let p = f.modulus();
        for a in [0, 1, p - 1, p, 2 * p - 1] {
            for b in [0, 1, p - 1, p, 2 * p - 1] {
                let m = f.lazy_mul(a, b);
                assert!(m < 2 * p);
                assert_eq!(f.lazy_reduce(m), f.mont_mul(a % p, b % p));
                assert!(f.lazy_add(a, b) < 2 * p);
            }
        }
        assert!(!Zp::new(9_223_372_036_854_775_783).unwrap().supports_lazy());
    }
}
