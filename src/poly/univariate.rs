//! Dense univariate polynomials over any [`Ring`].
//!
//! `UPoly { coeffs }` stores `a_0, a_1, ..., a_n` (ascending powers) with no
//! trailing zeros, so the zero polynomial has no coefficients and
//! [`UPoly::degree`] is `None` for it.
//!
//! The worked example is in the documentation of `UPoly`.

use super::ring::{Field, Ring};
use crate::Error;
use num_bigint::BigInt;
use std::fmt;
use std::ops::{Add, Mul, Neg, Sub};

/// A dense univariate polynomial `a_0 + a_1 y + ... + a_n y^n` over `R`.
///
/// # Example
///
/// ```
/// use neurovariety::poly::UPoly;
/// use num_bigint::BigInt;
/// let p = UPoly::from_i64(&[1, 1]);        // 1 + y
/// let q = UPoly::from_i64(&[-1, 1]);       // -1 + y
/// assert_eq!(&p * &q, UPoly::from_i64(&[-1, 0, 1]));
/// assert_eq!((&p * &q).eval(&BigInt::from(3)), BigInt::from(8));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UPoly<R> {
    coeffs: Vec<R>,
}

impl<R: Ring> UPoly<R> {
    /// The polynomial with the given ascending coefficients (trailing zeros are dropped).
    pub fn new(mut coeffs: Vec<R>) -> Self {
        while coeffs.last().is_some_and(|c| c.is_zero()) {
            coeffs.pop();
        }
        UPoly { coeffs }
    }

    /// The zero polynomial.
    pub fn zero() -> Self {
        UPoly { coeffs: Vec::new() }
    }

    /// The constant `c`.
    pub fn constant(c: R) -> Self {
        Self::new(vec![c])
    }

    /// The monomial `c y^n`.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when `n + 1` coefficients exceed
    /// [`crate::limits::MAX_DENSE_LENGTH`].
    pub fn monomial(c: R, n: usize) -> Result<Self, Error> {
        let len = crate::limits::check_dense("polynomial length", n.checked_add(1))?;
        let mut v = vec![R::zero(); len];
        v[n] = c;
        Ok(Self::new(v))
    }

    /// Ascending coefficients `a_0..a_n` (empty for zero).
    pub fn coeffs(&self) -> &[R] {
        &self.coeffs
    }

    /// Consumes the polynomial and returns its ascending coefficients.
    pub fn into_coeffs(self) -> Vec<R> {
        self.coeffs
    }

    /// Coefficient of `y^i` (zero beyond the degree).
    pub fn coeff(&self, i: usize) -> R {
        self.coeffs.get(i).cloned().unwrap_or_else(R::zero)
    }

    /// `true` for the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.coeffs.is_empty()
    }

    /// Degree, `None` for the zero polynomial.
    pub fn degree(&self) -> Option<usize> {
        self.coeffs.len().checked_sub(1)
    }

    /// Leading coefficient, `None` for zero.
    pub fn leading_coeff(&self) -> Option<&R> {
        self.coeffs.last()
    }

    /// Evaluation at `y = v` (Horner).
    pub fn eval(&self, v: &R) -> R {
        let mut acc = R::zero();
        for c in self.coeffs.iter().rev() {
            acc = acc * v.clone() + c.clone();
        }
        acc
    }

    /// Multiplies every coefficient by `s`.
    pub fn scale(&self, s: &R) -> Self {
        Self::new(self.coeffs.iter().map(|c| c.clone() * s.clone()).collect())
    }

    /// The formal derivative.
    pub fn derivative(&self) -> Self {
        let mut out = Vec::with_capacity(self.coeffs.len().saturating_sub(1));
        let mut k = R::zero();
        for (i, c) in self.coeffs.iter().enumerate() {
            if i > 0 {
                out.push(c.clone() * k.clone());
            }
            k = k + R::one();
        }
        Self::new(out)
    }

    /// Exact division: `Ok(q)` with `q * d == self`, or an error if `d` is zero
    /// or does not divide `self` over `R`.
    pub fn exact_div(&self, d: &Self) -> Result<Self, Error> {
        let dd = d.degree().ok_or(Error::DivisionByZero)?;
        let lc = d.coeffs[dd].clone();
        let not_div = || Error::NotDivisible {
            dividend: format!("{self}"),
            divisor: format!("{d}"),
        };
        let Some(n) = self.degree() else {
            return Ok(Self::zero());
        };
        if n < dd {
            return Err(not_div());
        }
        let mut rem = self.coeffs.clone();
        let mut q = vec![R::zero(); n - dd + 1];
        for i in (0..=n - dd).rev() {
            let c = rem[i + dd].clone();
            if c.is_zero() {
                continue;
            }
            let qi = c.exact_div(&lc).ok_or_else(not_div)?;
            for (j, dj) in d.coeffs.iter().enumerate() {
                rem[i + j] = rem[i + j].clone() - qi.clone() * dj.clone();
            }
            q[i] = qi;
        }
        if rem.iter().any(|c| !c.is_zero()) {
            return Err(not_div());
        }
        Ok(Self::new(q))
    }

    /// Pseudo-remainder `prem(self, d)`: the remainder of `lc(d)^(n-m+1) self` by `d`,
    /// computed without division. `d` must be non-zero.
    pub fn pseudo_rem(&self, d: &Self) -> Result<Self, Error> {
        let m = d.degree().ok_or(Error::DivisionByZero)?;
        let Some(n) = self.degree() else {
            return Ok(Self::zero());
        };
        if n < m {
            return Ok(self.clone());
        }
        let lc = d.coeffs[m].clone();
        let mut r = self.coeffs.clone();
        let mut steps = n - m + 1;
        while r.len() > m && !r.is_empty() {
            let k = r.len() - 1;
            let top = r[k].clone();
            for c in r.iter_mut() {
                *c = c.clone() * lc.clone();
            }
            for (j, dj) in d.coeffs.iter().enumerate() {
                let idx = k - m + j;
                r[idx] = r[idx].clone() - top.clone() * dj.clone();
            }
            r.pop();
            while r.last().is_some_and(|c| c.is_zero()) {
                r.pop();
            }
            steps -= 1;
        }
        let mut out = Self::new(r);
        for _ in 0..steps {
            out = out.scale(&lc);
        }
        Ok(out)
    }

    /// `self(g(y))`, composition.
    pub fn compose(&self, g: &Self) -> Self {
        let mut acc = Self::zero();
        for c in self.coeffs.iter().rev() {
            acc = &(&acc * g) + &Self::constant(c.clone());
        }
        acc
    }

    /// `self(y^t)`: every exponent multiplied by `t` (`t >= 1`).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the result would have more than
    /// [`crate::limits::MAX_DENSE_LENGTH`] coefficients.
    pub fn inflate(&self, t: usize) -> Result<Self, Error> {
        if self.is_zero() || t <= 1 {
            return Ok(self.clone());
        }
        let len = (self.coeffs.len() - 1)
            .checked_mul(t)
            .and_then(|n| n.checked_add(1));
        let len = crate::limits::check_dense("polynomial length", len)?;
        let mut v = vec![R::zero(); len];
        for (i, c) in self.coeffs.iter().enumerate() {
            v[i * t] = c.clone();
        }
        Ok(Self::new(v))
    }
}

impl<R: Field> UPoly<R> {
    /// Division with remainder over a field: `(q, r)` with `self = q d + r`, `deg r < deg d`.
    pub fn div_rem(&self, d: &Self) -> Result<(Self, Self), Error> {
        let m = d.degree().ok_or(Error::DivisionByZero)?;
        let inv = d.coeffs[m].inverse().ok_or(Error::DivisionByZero)?;
        let mut r = self.coeffs.clone();
        if r.len() <= m {
            return Ok((Self::zero(), self.clone()));
        }
        let mut q = vec![R::zero(); r.len() - m];
        for i in (0..q.len()).rev() {
            let c = r[i + m].clone() * inv.clone();
            if !c.is_zero() {
                for (j, dj) in d.coeffs.iter().enumerate() {
                    r[i + j] = r[i + j].clone() - c.clone() * dj.clone();
                }
            }
            q[i] = c;
        }
        r.truncate(m);
        Ok((Self::new(q), Self::new(r)))
    }

    /// The monic associate (zero stays zero).
    pub fn monic(&self) -> Self {
        match self.leading_coeff().and_then(|c| c.inverse()) {
            Some(inv) => self.scale(&inv),
            None => self.clone(),
        }
    }
}

impl UPoly<BigInt> {
    /// Integer polynomial from `i64` coefficients (ascending).
    pub fn from_i64(c: &[i64]) -> Self {
        Self::new(c.iter().map(|&x| BigInt::from(x)).collect())
    }
}

impl<R: Ring> fmt::Display for UPoly<R> {
    /// Prints in the variable `y`, highest power first, e.g. `3*y^2 - y + 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return write!(f, "0");
        }
        let mut first = true;
        for (i, c) in self.coeffs.iter().enumerate().rev() {
            if c.is_zero() {
                continue;
            }
            let s = format!("{c}");
            let (neg, body) = match s.strip_prefix('-') {
                Some(b) if !b.contains(['+', '-']) => (true, b.to_string()),
                _ => (false, s.clone()),
            };
            let body = if body.contains(['+', '-', ' ']) {
                format!("({body})")
            } else {
                body
            };
            if first {
                if neg {
                    write!(f, "-")?;
                }
            } else {
                write!(f, " {} ", if neg { '-' } else { '+' })?;
            }
            first = false;
            let mono = match i {
                0 => String::new(),
                1 => "y".to_string(),
                _ => format!("y^{i}"),
            };
            if i == 0 {
                write!(f, "{body}")?;
            } else if body == "1" {
                write!(f, "{mono}")?;
            } else {
                write!(f, "{body}*{mono}")?;
            }
        }
        Ok(())
    }
}

impl<R: Ring> Add for &UPoly<R> {
    type Output = UPoly<R>;
    fn add(self, o: &UPoly<R>) -> UPoly<R> {
        let n = self.coeffs.len().max(o.coeffs.len());
        UPoly::new((0..n).map(|i| self.coeff(i) + o.coeff(i)).collect())
    }
}

impl<R: Ring> Sub for &UPoly<R> {
    type Output = UPoly<R>;
    fn sub(self, o: &UPoly<R>) -> UPoly<R> {
        let n = self.coeffs.len().max(o.coeffs.len());
        UPoly::new((0..n).map(|i| self.coeff(i) - o.coeff(i)).collect())
    }
}

impl<R: Ring> Neg for &UPoly<R> {
    type Output = UPoly<R>;
    fn neg(self) -> UPoly<R> {
        UPoly::new(self.coeffs.iter().map(|c| -c.clone()).collect())
    }
}

impl<R: Ring> Mul for &UPoly<R> {
    type Output = UPoly<R>;
    fn mul(self, o: &UPoly<R>) -> UPoly<R> {
        if self.is_zero() || o.is_zero() {
            return UPoly::zero();
        }
        let mut v = vec![R::zero(); self.coeffs.len() + o.coeffs.len() - 1];
        for (i, a) in self.coeffs.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            for (j, b) in o.coeffs.iter().enumerate() {
                v[i + j] = v[i + j].clone() + a.clone() * b.clone();
            }
        }
        UPoly::new(v)
    }
}

macro_rules! by_value {
    ($tr:ident, $m:ident) => {
        impl<R: Ring> $tr for UPoly<R> {
            type Output = UPoly<R>;
            fn $m(self, o: UPoly<R>) -> UPoly<R> {
                (&self).$m(&o)
            }
        }
    };
}
by_value!(Add, add);
by_value!(Sub, sub);
by_value!(Mul, mul);

impl<R: Ring> Neg for UPoly<R> {
    type Output = UPoly<R>;
    fn neg(self) -> UPoly<R> {
        -&self
    }
}
