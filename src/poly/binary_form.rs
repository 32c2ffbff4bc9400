//! Binary forms: homogeneous polynomials in `x, y` with an explicit degree.
//!
//! A [`BinaryForm`] of degree `d` is `sum_{i=0}^{d} c_i x^{d-i} y^i`; its
//! coefficient vector `(c_0, ..., c_d)` is in the order of `docs/mathematics.md` (section 1), which is
//! also the order of filter weights: the form of a filter `v` at dilation 1 is
//! `pi_1(v)` (see [`crate::architecture::pi`]). The degree is stored, so a form
//! whose last coefficients vanish (divisible by `x`: a root at infinity of the
//! dehomogenisation `y -> F(1, y)`) is still a form of its stated degree, and
//! resultants see that degree.
//!
//! The worked example is in the documentation of `BinaryForm`.

use super::gcd::GcdDomain;
use super::ring::Ring;
use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use std::fmt;
use std::ops::Mul;

/// A binary form of a stated degree over `R`.
///
/// # Example
///
/// ```
/// use neurovariety::poly::BinaryForm;
/// use num_bigint::BigInt;
/// // (x + y)(x - y) = x^2 - y^2
/// let f = BinaryForm::from_i64(&[1, 1]).unwrap();
/// let g = BinaryForm::from_i64(&[1, -1]).unwrap();
/// let h = &f * &g;
/// assert_eq!(h.coeffs(), &[BigInt::from(1), BigInt::from(0), BigInt::from(-1)][..]);
/// // x^2 (a root at infinity twice) is still of degree 2
/// let x2 = BinaryForm::from_i64(&[1, 0, 0]).unwrap();
/// assert_eq!(x2.degree(), 2);
/// assert_eq!(x2.x_multiplicity(), Some(2));
/// assert_eq!(BinaryForm::gcd(&h, &f.inflate(1).unwrap()).degree(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BinaryForm<R> {
    coeffs: Vec<R>,
}

impl<R: Ring> BinaryForm<R> {
    /// The form with coefficients `(c_0, ..., c_d)` of `x^d, x^{d-1} y, ..., y^d`;
    /// its degree is `coeffs.len() - 1`. An empty vector is an error.
    pub fn new(coeffs: Vec<R>) -> Result<Self, Error> {
        if coeffs.is_empty() {
            return Err(Error::InvalidArgument {
                name: "coefficients",
                value: "[]".into(),
                reason: "a binary form of degree d has d + 1 coefficients".into(),
            });
        }
        Ok(BinaryForm { coeffs })
    }

    /// The zero form of degree `d`.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when `d + 1` coefficients exceed
    /// [`crate::limits::MAX_DENSE_LENGTH`].
    pub fn zero(d: usize) -> Result<Self, Error> {
        let len = crate::limits::check_dense("form length (degree + 1)", d.checked_add(1))?;
        Ok(BinaryForm {
            coeffs: vec![R::zero(); len],
        })
    }

    /// The zero form of degree 0.
    fn zero_constant() -> Self {
        BinaryForm {
            coeffs: vec![R::zero()],
        }
    }

    /// The form `F(x, y) = y^deg * p(x/y)`-free view: from the dehomogenisation
    /// `p(y) = F(1, y)` and a degree `d >= deg p`.
    pub fn from_dehomogenized(p: &UPoly<R>, d: usize) -> Result<Self, Error> {
        if p.degree().is_some_and(|e| e > d) {
            return Err(Error::InvalidArgument {
                name: "degree",
                value: d.to_string(),
                reason: format!(
                    "smaller than the degree {} of the polynomial",
                    p.degree().unwrap_or(0)
                ),
            });
        }
        crate::limits::check_dense("form length (degree + 1)", d.checked_add(1))?;
        Ok(BinaryForm {
            coeffs: (0..=d).map(|i| p.coeff(i)).collect(),
        })
    }

    /// The coefficient vector `(c_0, ..., c_d)`.
    pub fn coeffs(&self) -> &[R] {
        &self.coeffs
    }

    /// Consumes the form and returns its coefficient vector.
    pub fn into_coeffs(self) -> Vec<R> {
        self.coeffs
    }

    /// The stated degree `d`.
    pub fn degree(&self) -> usize {
        self.coeffs.len() - 1
    }

    /// `true` if every coefficient vanishes.
    pub fn is_zero(&self) -> bool {
        self.coeffs.iter().all(|c| c.is_zero())
    }

    /// The dehomogenisation `F(1, y) = sum c_i y^i`.
    pub fn dehomogenize(&self) -> UPoly<R> {
        UPoly::new(self.coeffs.clone())
    }

    /// The largest `a` with `x^a | F` (the multiplicity of the root at infinity of
    /// `F(1, y)`); `None` for the zero form.
    pub fn x_multiplicity(&self) -> Option<usize> {
        if self.is_zero() {
            return None;
        }
        Some(self.coeffs.iter().rev().take_while(|c| c.is_zero()).count())
    }

    /// `F(x^t, y^t)`, a form of degree `t d` (`t = 0` is treated as `t = 1`).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the result would have more than
    /// [`crate::limits::MAX_DENSE_LENGTH`] coefficients.
    pub fn inflate(&self, t: usize) -> Result<Self, Error> {
        let t = t.max(1);
        let len = self.degree().checked_mul(t).and_then(|n| n.checked_add(1));
        let len = crate::limits::check_dense("form length", len)?;
        let mut v = vec![R::zero(); len];
        for (i, c) in self.coeffs.iter().enumerate() {
            v[i * t] = c.clone();
        }
        Ok(BinaryForm { coeffs: v })
    }

    /// `F(a, b)`.
    pub fn eval(&self, x: &R, y: &R) -> R {
        let d = self.degree();
        let mut acc = R::zero();
        let mut ypow = R::one();
        for (i, c) in self.coeffs.iter().enumerate() {
            let mut t = c.clone() * ypow.clone();
            for _ in 0..(d - i) {
                t = t * x.clone();
            }
            acc = acc + t;
            ypow = ypow * y.clone();
        }
        acc
    }

    /// Multiplies every coefficient by `s`.
    pub fn scale(&self, s: &R) -> Self {
        BinaryForm {
            coeffs: self.coeffs.iter().map(|c| c.clone() * s.clone()).collect(),
        }
    }

    /// Exact division of forms: `Q` with `Q * d == self` and `deg Q = deg self - deg d`.
    pub fn exact_div(&self, d: &Self) -> Result<Self, Error> {
        let fail = || Error::NotDivisible {
            dividend: self.to_string(),
            divisor: d.to_string(),
        };
        if d.is_zero() {
            return Err(Error::DivisionByZero);
        }
        if d.degree() > self.degree() {
            return Err(fail());
        }
        let q = self
            .dehomogenize()
            .exact_div(&d.dehomogenize())
            .map_err(|_| fail())?;
        let qd = self.degree() - d.degree();
        let out = Self::from_dehomogenized(&q, qd).map_err(|_| fail())?;
        if &out * d == *self {
            Ok(out)
        } else {
            Err(fail())
        }
    }
}

impl<R: GcdDomain> BinaryForm<R> {
    /// The gcd of two forms (normalised as [`GcdDomain::poly_gcd`]): `x^{min(a, b)}`
    /// times the homogenised gcd of the dehomogenisations. `gcd(0, G) = G`.
    pub fn gcd(f: &Self, g: &Self) -> Self {
        match (f.x_multiplicity(), g.x_multiplicity()) {
            (None, None) => Self::zero_constant(),
            (None, Some(_)) => g.clone(),
            (Some(_), None) => f.clone(),
            (Some(a), Some(b)) => {
                let h = R::poly_gcd(&f.dehomogenize(), &g.dehomogenize());
                let d = h.degree().unwrap_or(0) + a.min(b);
                Self::from_dehomogenized(&h, d).unwrap_or_else(|_| Self::zero_constant())
            }
        }
    }

    /// The gcd of several forms (zero forms ignored; the zero form of degree 0 if all vanish).
    pub fn gcd_many(forms: &[Self]) -> Self {
        forms
            .iter()
            .fold(Self::zero_constant(), |g, f| Self::gcd(&g, f))
    }

    /// The degree of the gcd of several forms, `None` if all vanish (then every
    /// form divides them).
    pub fn gcd_degree_many(forms: &[Self]) -> Option<usize> {
        let nz: Vec<&Self> = forms.iter().filter(|f| !f.is_zero()).collect();
        match nz.as_slice() {
            [] => None,
            [f] => Some(f.degree()),
            [f, g] => {
                let a = f
                    .x_multiplicity()
                    .unwrap_or(0)
                    .min(g.x_multiplicity().unwrap_or(0));
                R::poly_gcd_degree(&f.dehomogenize(), &g.dehomogenize()).map(|d| d + a)
            }
            _ => Some(Self::gcd_many(forms).degree()),
        }
    }
}

impl BinaryForm<BigInt> {
    /// Integer form from `i64` coefficients.
    pub fn from_i64(c: &[i64]) -> Result<Self, Error> {
        Self::new(c.iter().map(|&v| BigInt::from(v)).collect())
    }
}

impl<R: Ring> Mul for &BinaryForm<R> {
    type Output = BinaryForm<R>;
    /// Product of forms; the degree is the sum of the degrees.
    fn mul(self, o: &BinaryForm<R>) -> BinaryForm<R> {
        let mut v = vec![R::zero(); self.coeffs.len() + o.coeffs.len() - 1];
        for (i, a) in self.coeffs.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            for (j, b) in o.coeffs.iter().enumerate() {
                v[i + j] = v[i + j].clone() + a.clone() * b.clone();
            }
        }
        BinaryForm { coeffs: v }
    }
}

impl<R: Ring> fmt::Display for BinaryForm<R> {
    /// `c_0*x^d + c_1*x^(d-1)*y + ...` with zero terms omitted (`0` if all vanish).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.degree();
        let mut parts = Vec::new();
        for (i, c) in self.coeffs.iter().enumerate() {
            if c.is_zero() {
                continue;
            }
            let mono = match (d - i, i) {
                (0, 0) => String::new(),
                (a, 0) => pw("x", a),
                (0, b) => pw("y", b),
                (a, b) => format!("{}*{}", pw("x", a), pw("y", b)),
            };
            let cs = c.to_string();
            let cs = if cs.contains(['+', ' ']) || cs[1..].contains('-') {
                format!("({cs})")
            } else {
                cs
            };
            parts.push(if mono.is_empty() {
                cs
            } else if cs == "1" {
                mono
            } else {
                format!("{cs}*{mono}")
            });
        }
        if parts.is_empty() {
            write!(f, "0")
        } else {
            write!(f, "{}", parts.join(" + "))
        }
    }
}

fn pw(v: &str, e: usize) -> String {
    if e == 1 {
        v.to_string()
    } else {
        format!("{v}^{e}")
    }
}
