//! Arithmetic modulo a word-sized prime: the engine behind modular gcds and the
//! rank computations that decide linear independence of generators.
//!
//! A result computed modulo a prime is only ever used where the crate's output
//! stays exact: a modular gcd is verified by exact division, and independence
//! modulo `p` implies independence over Q.
//!
//! ```
//! use neurovariety::modular::{Zp, is_prime};
//! let f = Zp::new(1_000_000_007).unwrap();
//! assert_eq!(f.mul(f.inv(3).unwrap(), 3), 1);
//! assert!(is_prime(1_000_000_007));
//! ```

use crate::Error;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// The field of integers modulo a prime `p < 2^63`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zp {
    p: u64,
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
        Ok(Zp { p })
    }

    /// The modulus.
    pub fn modulus(self) -> u64 {
        self.p
    }

    /// `a + b mod p` (inputs reduced).
    #[inline]
    pub fn add(self, a: u64, b: u64) -> u64 {
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

    /// `-a mod p`.
    #[inline]
    pub fn neg(self, a: u64) -> u64 {
        if a == 0 {
            0
        } else {
            self.p - a
        }
    }

    /// `a * b mod p`.
    #[inline]
    pub fn mul(self, a: u64, b: u64) -> u64 {
        ((a as u128 * b as u128) % self.p as u128) as u64
    }

    /// `a^e mod p`.
    pub fn pow(self, mut a: u64, mut e: u64) -> u64 {
        let mut r = 1 % self.p;
        a %= self.p;
        while e > 0 {
            if e & 1 == 1 {
                r = self.mul(r, a);
            }
            a = self.mul(a, a);
            e >>= 1;
        }
        r
    }

    /// The inverse of `a`, `None` for zero.
    pub fn inv(self, a: u64) -> Option<u64> {
        let a = a % self.p;
        if a == 0 {
            None
        } else {
            Some(self.pow(a, self.p - 2))
        }
    }

    /// Reduction of an integer.
    pub fn reduce(self, a: &BigInt) -> u64 {
        let r = (a % BigInt::from(self.p)).to_i128().unwrap_or(0);
        if r < 0 {
            (r + self.p as i128) as u64
        } else {
            r as u64
        }
    }

    /// The symmetric representative of `a` in `(-p/2, p/2]`.
    pub fn symmetric(self, a: u64) -> BigInt {
        if a > self.p / 2 {
            BigInt::from(a) - BigInt::from(self.p)
        } else {
            BigInt::from(a)
        }
    }

    /// Rank of a matrix (rows of reduced entries), by Gaussian elimination.
    pub fn rank(self, rows: &[Vec<u64>]) -> usize {
        let ncols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut m: Vec<Vec<u64>> = rows
            .iter()
            .map(|r| {
                let mut v = r.clone();
                v.resize(ncols, 0);
                v
            })
            .collect();
        let mut rank = 0;
        for col in 0..ncols {
            let Some(piv) = (rank..m.len()).find(|&r| m[r].get(col).copied().unwrap_or(0) != 0)
            else {
                continue;
            };
            m.swap(rank, piv);
            let inv = self.inv(m[rank][col]).unwrap_or(0);
            let pivot_row = m[rank].clone();
            for row in m.iter_mut().skip(rank + 1) {
                let f = row[col];
                if f == 0 {
                    continue;
                }
                let f = self.mul(f, inv);
                for (c, &pv) in pivot_row.iter().enumerate().skip(col) {
                    if pv != 0 {
                        row[c] = self.sub(row[c], self.mul(f, pv));
                    }
                }
            }
            rank += 1;
        }
        rank
    }
}

/// Deterministic Miller–Rabin for 64-bit integers.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    for p in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        if n % p == 0 {
            return n == p;
        }
    }
    let (mut d, mut s) = (n - 1, 0);
    while d % 2 == 0 {
        d /= 2;
        s += 1;
    }
    let mulm = |a: u64, b: u64| ((a as u128 * b as u128) % n as u128) as u64;
    let powm = |mut a: u64, mut e: u64| {
        let mut r = 1u64;
        while e > 0 {
            if e & 1 == 1 {
                r = mulm(r, a);
            }
            a = mulm(a, a);
            e >>= 1;
        }
        r
    };
    'witness: for a in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        let mut x = powm(a, d);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mulm(x, x);
            if x == n - 1 {
                continue 'witness;
            }
        }
        return false;
    }
    true
}

/// How many of the largest primes below `2^62` are computed once and cached.
const CACHED_PRIMES: usize = 256;

fn cached_primes() -> &'static [u64] {
    static PRIMES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    PRIMES.get_or_init(|| primes_below((1 << 62) - 1).take(CACHED_PRIMES).collect())
}

fn primes_below(start: u64) -> impl Iterator<Item = u64> {
    let mut n = start | 1;
    std::iter::from_fn(move || {
        while n > 3 {
            let c = n;
            n -= 2;
            if is_prime(c) {
                return Some(c);
            }
        }
        None
    })
}

/// Primes below `2^62`, descending from the largest: an endless supply of
/// moduli (the first 256 are computed once and cached).
pub fn large_primes() -> impl Iterator<Item = u64> {
    let cached = cached_primes();
    let rest_start = cached.last().map_or((1 << 62) - 1, |&p| p - 2);
    cached.iter().copied().chain(primes_below(rest_start))
}

/// Chinese remaindering of `a mod m` and `r mod p` into a residue modulo `m p`.
pub(crate) fn crt(a: &BigInt, m: &BigInt, r: u64, p: Zp) -> BigInt {
    // x = a + m * ((r - a) * m^{-1} mod p)
    let am = p.reduce(a);
    let mm = p.reduce(m);
    let k = p.mul(p.sub(r, am), p.inv(mm).unwrap_or(0));
    let x = a + m * BigInt::from(k);
    let mp = m * BigInt::from(p.modulus());
    if x.sign() == Sign::Minus {
        x + mp
    } else {
        x
    }
}
