//! Sparse multivariate polynomials over [`BigInt`] or [`BigRational`] (or any [`Ring`]).
//!
//! An [`MPoly`] is a list of terms `(monomial, coefficient)` with non-zero
//! coefficients, kept sorted *descending* in graded reverse lexicographic order.
//! That canonical order makes equality a plain comparison and keeps
//! multiplication by a monomial order-preserving; other orders are available
//! through [`MPoly::leading_term`] and [`MPoly::terms_in`], and variable names
//! through [`PolyRing`](crate::poly::PolyRing).
//!
//! The worked example is in the documentation of `MPoly`.

use super::monomial::{Monomial, MonomialOrder};
use super::ring::Ring;
use crate::Error;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::ops::{Add, Mul, Neg, Sub};

const CANON: MonomialOrder = MonomialOrder::GRevLex;

/// A sparse multivariate polynomial with coefficients in `C`.
///
/// # Example
///
/// ```
/// use neurovariety::poly::MPoly;
/// use num_bigint::BigInt;
/// let x = MPoly::<BigInt>::var(0).unwrap();
/// let y = MPoly::<BigInt>::var(1).unwrap();
/// let p = &(&x + &y) * &(&x - &y);                 // x^2 - y^2
/// assert_eq!(p, &x.pow(2) - &y.pow(2));
/// assert_eq!(p.exact_div(&(&x + &y)).unwrap(), &x - &y);
/// assert_eq!(p.eval(&[BigInt::from(3), BigInt::from(1)]).unwrap(), BigInt::from(8));
/// assert_eq!(p.to_string(), "x0^2 - x1^2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MPoly<C> {
    terms: Vec<(Monomial, C)>,
}

impl<C: Ring> MPoly<C> {
    /// The zero polynomial.
    pub fn zero() -> Self {
        MPoly { terms: Vec::new() }
    }

    /// The constant `c`.
    pub fn constant(c: C) -> Self {
        Self::from_terms(vec![(Monomial::one(), c)])
    }

    /// The variable `x_i`.
    ///
    /// # Errors
    ///
    /// As [`Monomial::var`]: an index beyond [`crate::limits::MAX_DENSE_LENGTH`].
    pub fn var(i: usize) -> Result<Self, Error> {
        Ok(MPoly {
            terms: vec![(Monomial::var(i)?, C::one())],
        })
    }

    /// `c * m`.
    pub fn term(m: Monomial, c: C) -> Self {
        Self::from_terms(vec![(m, c)])
    }

    /// Builds a polynomial from terms in any order; equal monomials are added and
    /// zero coefficients dropped.
    pub fn from_terms(terms: Vec<(Monomial, C)>) -> Self {
        let mut map: HashMap<Monomial, C> = HashMap::with_capacity(terms.len());
        for (m, c) in terms {
            match map.get_mut(&m) {
                Some(v) => *v = v.clone() + c,
                None => {
                    map.insert(m, c);
                }
            }
        }
        Self::from_map(map)
    }

    /// From terms already in the canonical order (descending graded reverse
    /// lexicographic, distinct monomials), dropping zero coefficients: no
    /// hashing or sorting (checked in debug builds).
    pub(crate) fn from_descending_terms(terms: Vec<(Monomial, C)>) -> Self {
        debug_assert!(terms
            .windows(2)
            .all(|w| CANON.cmp(&w[0].0, &w[1].0) == std::cmp::Ordering::Greater));
        MPoly {
            terms: terms.into_iter().filter(|(_, c)| !c.is_zero()).collect(),
        }
    }

    fn from_map(map: HashMap<Monomial, C>) -> Self {
        let mut terms: Vec<(Monomial, C)> = map.into_iter().filter(|(_, c)| !c.is_zero()).collect();
        terms.sort_unstable_by(|a, b| CANON.cmp(&b.0, &a.0));
        MPoly { terms }
    }

    /// Terms, descending in graded reverse lexicographic order.
    pub fn terms(&self) -> &[(Monomial, C)] {
        &self.terms
    }

    /// Terms sorted descending in the given order.
    pub fn terms_in(&self, order: MonomialOrder) -> Vec<&(Monomial, C)> {
        let mut v: Vec<_> = self.terms.iter().collect();
        if order != CANON {
            v.sort_by(|a, b| order.cmp(&b.0, &a.0));
        }
        v
    }

    /// The leading term in the given order, `None` for zero.
    pub fn leading_term(&self, order: MonomialOrder) -> Option<&(Monomial, C)> {
        if order == CANON {
            return self.terms.first();
        }
        self.terms.iter().max_by(|a, b| order.cmp(&a.0, &b.0))
    }

    /// Number of terms.
    pub fn num_terms(&self) -> usize {
        self.terms.len()
    }

    /// `true` for the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    /// `Some(c)` if the polynomial is the constant `c` (including zero).
    pub fn as_constant(&self) -> Option<C> {
        match self.terms.as_slice() {
            [] => Some(C::zero()),
            [(m, c)] if m.num_vars() == 0 => Some(c.clone()),
            _ => None,
        }
    }

    /// Total degree, `None` for zero.
    pub fn total_degree(&self) -> Option<u64> {
        self.terms.first().map(|(m, _)| m.degree())
    }

    /// `true` if every term has the same total degree.
    pub fn is_homogeneous(&self) -> bool {
        let d = self.total_degree();
        self.terms.iter().all(|(m, _)| Some(m.degree()) == d)
    }

    /// One more than the largest index of a variable that occurs (0 for constants).
    pub fn num_vars(&self) -> usize {
        self.terms
            .iter()
            .map(|(m, _)| m.num_vars())
            .max()
            .unwrap_or(0)
    }

    /// Multiplies by the scalar `s`.
    pub fn scale(&self, s: &C) -> Self {
        if s.is_zero() {
            return Self::zero();
        }
        let terms = self
            .terms
            .iter()
            .map(|(m, c)| (m.clone(), c.clone() * s.clone()))
            .filter(|(_, c)| !c.is_zero())
            .collect();
        MPoly { terms }
    }

    /// Multiplies by the term `c * m` (order preserving, no sort needed).
    ///
    /// # Panics
    ///
    /// On exponent overflow (see [`MPoly::checked_mul`]).
    pub fn mul_term(&self, m: &Monomial, c: &C) -> Self {
        self.checked_mul_term(m, c)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn checked_mul_term(&self, m: &Monomial, c: &C) -> Result<Self, Error> {
        if c.is_zero() {
            return Ok(Self::zero());
        }
        let mut terms = Vec::with_capacity(self.terms.len());
        for (a, b) in &self.terms {
            let coeff = b.clone() * c.clone();
            if !coeff.is_zero() {
                terms.push((a.checked_mul(m)?, coeff));
            }
        }
        Ok(MPoly { terms })
    }

    /// The product, or [`Error::Overflow`] when an exponent would exceed
    /// `u32::MAX`. The `*` operators panic in that case, like integer
    /// overflow.
    ///
    /// ```
    /// use neurovariety::poly::PolyRing;
    /// use num_bigint::BigInt;
    /// let r = PolyRing::new(&["x"]).unwrap();
    /// let big = r.parse_integer("x^4294967295").unwrap();
    /// assert!(big.checked_mul(&big).is_err());
    /// ```
    pub fn checked_mul(&self, o: &Self) -> Result<Self, Error> {
        if self.is_zero() || o.is_zero() {
            return Ok(MPoly::zero());
        }
        if o.terms.len() == 1 {
            return self.checked_mul_term(&o.terms[0].0, &o.terms[0].1);
        }
        if self.terms.len() == 1 {
            return o.checked_mul_term(&self.terms[0].0, &self.terms[0].1);
        }
        let mut map: HashMap<Monomial, C> =
            HashMap::with_capacity(self.terms.len().saturating_mul(o.terms.len()));
        for (ma, ca) in &self.terms {
            for (mb, cb) in &o.terms {
                let m = ma.checked_mul(mb)?;
                let c = ca.clone() * cb.clone();
                match map.get_mut(&m) {
                    Some(v) => *v = v.clone() + c,
                    None => {
                        map.insert(m, c);
                    }
                }
            }
        }
        Ok(MPoly::from_map(map))
    }

    /// `self^n` by repeated squaring.
    ///
    /// # Panics
    ///
    /// On exponent overflow; [`MPoly::checked_pow`] is the checked twin.
    pub fn pow(&self, n: u32) -> Self {
        self.checked_pow(n).unwrap_or_else(|e| panic!("{e}"))
    }

    /// `self^n`, or [`Error::Overflow`] when an exponent would exceed
    /// `u32::MAX`.
    pub fn checked_pow(&self, mut n: u32) -> Result<Self, Error> {
        let mut base = self.clone();
        let mut acc = Self::constant(C::one());
        while n > 0 {
            if n & 1 == 1 {
                acc = acc.checked_mul(&base)?;
            }
            n >>= 1;
            if n > 0 {
                base = base.checked_mul(&base)?;
            }
        }
        Ok(acc)
    }

    /// Exact division: `Ok(q)` with `q * d == self`, or an error if `d` is zero or
    /// does not divide `self` (with coefficients in `C`).
    pub fn exact_div(&self, d: &Self) -> Result<Self, Error> {
        let (lm, lc) = d.terms.first().ok_or(Error::DivisionByZero)?;
        let fail = || Error::NotDivisible {
            dividend: self.to_string(),
            divisor: d.to_string(),
        };
        if let Some(c) = d.as_constant() {
            let mut terms = Vec::with_capacity(self.terms.len());
            for (m, a) in &self.terms {
                terms.push((m.clone(), a.exact_div(&c).ok_or_else(fail)?));
            }
            return Ok(MPoly { terms });
        }
        let mut rem = self.clone();
        let mut quot = Vec::new();
        while let Some((m, c)) = rem.terms.first() {
            let qm = m.div(lm).ok_or_else(fail)?;
            let qc = c.exact_div(lc).ok_or_else(fail)?;
            rem = &rem - &d.mul_term(&qm, &qc);
            quot.push((qm, qc));
        }
        Ok(MPoly { terms: quot })
    }

    /// Evaluation at a point (`point[i]` is the value of `x_i`), with an error if
    /// the point has fewer coordinates than the polynomial has variables.
    pub fn eval(&self, point: &[C]) -> Result<C, Error> {
        if self.num_vars() > point.len() {
            return Err(Error::LengthMismatch {
                what: "evaluation point",
                expected: self.num_vars(),
                found: point.len(),
            });
        }
        let mut acc = C::zero();
        for (m, c) in &self.terms {
            let mut t = c.clone();
            for (i, &e) in m.exps().iter().enumerate() {
                for _ in 0..e {
                    t = t * point[i].clone();
                }
            }
            acc = acc + t;
        }
        Ok(acc)
    }

    /// Substitutes `images[i]` for `x_i`.
    pub fn subs(&self, images: &[MPoly<C>]) -> Result<Self, Error> {
        if self.num_vars() > images.len() {
            return Err(Error::LengthMismatch {
                what: "substitution",
                expected: self.num_vars(),
                found: images.len(),
            });
        }
        let mut cache: HashMap<(usize, u32), MPoly<C>> = HashMap::new();
        let mut acc = Self::zero();
        for (m, c) in &self.terms {
            let mut t = Self::constant(c.clone());
            for (i, &e) in m.exps().iter().enumerate() {
                if e > 0 {
                    let p = match cache.entry((i, e)) {
                        std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(images[i].checked_pow(e)?)
                        }
                    };
                    t = t.checked_mul(p)?;
                }
            }
            acc = &acc + &t;
        }
        Ok(acc)
    }

    /// Renames variables: `x_i` becomes `x_{map[i]}`.
    pub fn rename_vars(&self, map: &[usize]) -> Result<Self, Error> {
        let images: Vec<_> = map
            .iter()
            .map(|&j| Self::var(j))
            .collect::<Result<_, _>>()?;
        self.subs(&images)
    }

    /// Applies `f` to every coefficient.
    pub fn map_coeffs<D: Ring>(&self, f: impl Fn(&C) -> D) -> MPoly<D> {
        MPoly::from_terms(self.terms.iter().map(|(m, c)| (m.clone(), f(c))).collect())
    }

    /// `self + o` (or `self - o`), moving terms instead of cloning them.
    fn merge_owned(self, o: Self, neg: bool) -> Self {
        if o.terms.is_empty() {
            return self;
        }
        if self.terms.is_empty() && !neg {
            return o;
        }
        let mut out = Vec::with_capacity(self.terms.len() + o.terms.len());
        let mut a = self.terms.into_iter().peekable();
        let mut b = o.terms.into_iter().peekable();
        let sgn = |c: C| if neg { -c } else { c };
        loop {
            let ord = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => CANON.cmp(&x.0, &y.0),
                (Some(_), None) => Ordering::Greater,
                (None, Some(_)) => Ordering::Less,
                (None, None) => break,
            };
            match ord {
                Ordering::Greater => out.push(a.next().expect("peeked")),
                Ordering::Less => {
                    let (m, c) = b.next().expect("peeked");
                    out.push((m, sgn(c)));
                }
                Ordering::Equal => {
                    let (m, c) = a.next().expect("peeked");
                    let (_, d) = b.next().expect("peeked");
                    let s = c + sgn(d);
                    if !s.is_zero() {
                        out.push((m, s));
                    }
                }
            }
        }
        MPoly { terms: out }
    }

    fn merge(&self, o: &Self, neg: bool) -> Self {
        let mut out = Vec::with_capacity(self.terms.len() + o.terms.len());
        let (mut i, mut j) = (0, 0);
        let (a, b) = (&self.terms, &o.terms);
        let sgn = |c: &C| if neg { -c.clone() } else { c.clone() };
        while i < a.len() && j < b.len() {
            match CANON.cmp(&a[i].0, &b[j].0) {
                Ordering::Greater => {
                    out.push(a[i].clone());
                    i += 1;
                }
                Ordering::Less => {
                    out.push((b[j].0.clone(), sgn(&b[j].1)));
                    j += 1;
                }
                Ordering::Equal => {
                    let c = a[i].1.clone() + sgn(&b[j].1);
                    if !c.is_zero() {
                        out.push((a[i].0.clone(), c));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend(a[i..].iter().cloned());
        out.extend(b[j..].iter().map(|(m, c)| (m.clone(), sgn(c))));
        MPoly { terms: out }
    }
}

impl<C: Ring> Add for &MPoly<C> {
    type Output = MPoly<C>;
    fn add(self, o: &MPoly<C>) -> MPoly<C> {
        self.merge(o, false)
    }
}

impl<C: Ring> Sub for &MPoly<C> {
    type Output = MPoly<C>;
    fn sub(self, o: &MPoly<C>) -> MPoly<C> {
        self.merge(o, true)
    }
}

impl<C: Ring> Neg for &MPoly<C> {
    type Output = MPoly<C>;
    fn neg(self) -> MPoly<C> {
        MPoly {
            terms: self
                .terms
                .iter()
                .map(|(m, c)| (m.clone(), -c.clone()))
                .collect(),
        }
    }
}

impl<C: Ring> Mul for &MPoly<C> {
    type Output = MPoly<C>;
    /// # Panics
    ///
    /// On exponent overflow; [`MPoly::checked_mul`] is the checked twin.
    fn mul(self, o: &MPoly<C>) -> MPoly<C> {
        self.checked_mul(o).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl<C: Ring> Add for MPoly<C> {
    type Output = MPoly<C>;
    fn add(self, o: MPoly<C>) -> MPoly<C> {
        self.merge_owned(o, false)
    }
}

impl<C: Ring> Sub for MPoly<C> {
    type Output = MPoly<C>;
    fn sub(self, o: MPoly<C>) -> MPoly<C> {
        self.merge_owned(o, true)
    }
}

impl<C: Ring> Mul for MPoly<C> {
    type Output = MPoly<C>;
    fn mul(self, o: MPoly<C>) -> MPoly<C> {
        &self * &o
    }
}

impl<C: Ring> Neg for MPoly<C> {
    type Output = MPoly<C>;
    fn neg(self) -> MPoly<C> {
        -&self
    }
}

impl<C: Ring> Zero for MPoly<C> {
    fn zero() -> Self {
        MPoly::zero()
    }
    fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }
}

impl<C: Ring> One for MPoly<C> {
    fn one() -> Self {
        MPoly::constant(C::one())
    }
}

impl<C: Ring> Ring for MPoly<C> {
    fn exact_div(&self, divisor: &Self) -> Option<Self> {
        MPoly::exact_div(self, divisor).ok()
    }
    fn is_symbolic() -> bool {
        true
    }
    fn mul_ref(&self, o: &Self) -> Self {
        self * o
    }
}

impl<C: Ring> fmt::Display for MPoly<C> {
    /// Prints with the generic variable names `x0, x1, ...`; use
    /// [`PolyRing::display`](crate::poly::PolyRing::display) for other names.
    /// Generators of a neurovariety print in the coordinates `c0, c1, ...`
    /// through their own `Display` ([`Generator`](crate::Generator)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = (0..self.num_vars()).map(|i| format!("x{i}")).collect();
        f.write_str(&super::format::format_poly(
            self,
            &names,
            MonomialOrder::GRevLex,
            super::format::Syntax::Plain,
        ))
    }
}

impl MPoly<BigInt> {
    /// The gcd of the coefficients, non-negative (zero for the zero polynomial).
    pub fn content(&self) -> BigInt {
        let mut g = BigInt::zero();
        for (_, c) in &self.terms {
            g = g.gcd(c);
            if g.is_one() {
                break;
            }
        }
        g
    }

    /// `self / content`, with a positive leading coefficient in graded reverse
    /// lexicographic order (the normal form used for generators).
    pub fn primitive_part(&self) -> Self {
        let g = self.content();
        if g.is_zero() {
            return self.clone();
        }
        let g = if self.terms[0].1.sign() == Sign::Minus {
            -g
        } else {
            g
        };
        MPoly {
            terms: self
                .terms
                .iter()
                .map(|(m, c)| (m.clone(), c / &g))
                .collect(),
        }
    }

    /// The same polynomial over the rationals.
    pub fn to_rational(&self) -> MPoly<BigRational> {
        MPoly {
            terms: self
                .terms
                .iter()
                .map(|(m, c)| (m.clone(), BigRational::from_integer(c.clone())))
                .collect(),
        }
    }
}

impl MPoly<BigRational> {
    /// The positive rational `q` such that `self / q` has coprime integer coefficients
    /// (zero for the zero polynomial).
    pub fn content(&self) -> BigRational {
        if self.is_zero() {
            return BigRational::zero();
        }
        let mut num = BigInt::zero();
        let mut den = BigInt::one();
        for (_, c) in &self.terms {
            num = num.gcd(c.numer());
            den = den.lcm(c.denom());
        }
        BigRational::new(num, den).abs()
    }

    /// The primitive integer polynomial proportional to `self`, with a positive
    /// leading coefficient in graded reverse lexicographic order.
    pub fn primitive_part(&self) -> MPoly<BigInt> {
        let q = self.content();
        if q.is_zero() {
            return MPoly::zero();
        }
        let p = MPoly {
            terms: self
                .terms
                .iter()
                .map(|(m, c)| (m.clone(), (c / &q).to_integer()))
                .collect(),
        };
        p.primitive_part()
    }
}
