//! Monomials and monomial orders.
//!
//! A [`Monomial`] is an exponent vector `x_0^{a_0} x_1^{a_1} ...` stored without
//! trailing zero exponents, so it does not need to know how many variables its
//! ring has. A [`MonomialOrder`] compares two of them; graded reverse
//! lexicographic order (Macaulay2's and Singular's `dp` default) is the default.
//!
//! The worked example is in the documentation of `MonomialOrder`.

use crate::Error;
use std::cmp::Ordering;

/// An exponent vector with trailing zeros removed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Monomial(Vec<u32>);

impl Monomial {
    /// The monomial with the given exponents (trailing zeros are dropped).
    pub fn new(mut exps: Vec<u32>) -> Self {
        while exps.last() == Some(&0) {
            exps.pop();
        }
        Monomial(exps)
    }

    /// The monomial `1`.
    pub fn one() -> Self {
        Monomial(Vec::new())
    }

    /// The variable `x_i`.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when `i + 1` exponents exceed
    /// [`crate::limits::MAX_DENSE_LENGTH`] (exponent vectors are dense).
    pub fn var(i: usize) -> Result<Self, Error> {
        let len = crate::limits::check_dense("variable index", i.checked_add(1))?;
        let mut v = vec![0; len];
        v[i] = 1;
        Ok(Monomial(v))
    }

    /// Exponent of `x_i`.
    pub fn exp(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// The stored exponents (no trailing zeros).
    pub fn exps(&self) -> &[u32] {
        &self.0
    }

    /// Total degree.
    pub fn degree(&self) -> u64 {
        self.0.iter().map(|&e| e as u64).sum()
    }

    /// One more than the largest index of a variable that occurs.
    pub fn num_vars(&self) -> usize {
        self.0.len()
    }

    /// Product of monomials.
    ///
    /// # Panics
    ///
    /// When an exponent exceeds `u32::MAX`, like integer overflow in
    /// arithmetic operators; [`Monomial::checked_mul`] is the checked twin.
    pub fn mul(&self, o: &Monomial) -> Monomial {
        self.checked_mul(o).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Product of monomials, or [`Error::Overflow`] when an exponent exceeds
    /// `u32::MAX`.
    ///
    /// ```
    /// use neurovariety::poly::Monomial;
    /// let x = Monomial::new(vec![u32::MAX]);
    /// assert!(x.checked_mul(&Monomial::new(vec![1])).is_err());
    /// assert_eq!(x.checked_mul(&Monomial::new(vec![0, 1])).unwrap().exps(), &[u32::MAX, 1]);
    /// ```
    pub fn checked_mul(&self, o: &Monomial) -> Result<Monomial, Error> {
        let (long, short) = if self.0.len() >= o.0.len() {
            (&self.0, &o.0)
        } else {
            (&o.0, &self.0)
        };
        let mut v = long.clone();
        for (a, b) in v.iter_mut().zip(short.iter()) {
            *a = a.checked_add(*b).ok_or(Error::Overflow {
                what: "monomial exponent (at most 2^32 - 1)",
            })?;
        }
        Ok(Monomial(v))
    }

    /// `self / o` if `o` divides `self`.
    pub fn div(&self, o: &Monomial) -> Option<Monomial> {
        if o.0.len() > self.0.len() {
            return None;
        }
        let mut v = self.0.clone();
        for (a, b) in v.iter_mut().zip(o.0.iter()) {
            if *a < *b {
                return None;
            }
            *a -= *b;
        }
        Some(Monomial::new(v))
    }

    /// `true` if `o` divides `self`.
    pub fn divisible_by(&self, o: &Monomial) -> bool {
        o.0.len() <= self.0.len() && o.0.iter().zip(self.0.iter()).all(|(b, a)| a >= b)
    }
}

/// A monomial order.
///
/// # Example
///
/// ```
/// use neurovariety::poly::{Monomial, MonomialOrder};
/// use std::cmp::Ordering;
/// let a = Monomial::new(vec![1, 0, 1]); // x0 x2
/// let b = Monomial::new(vec![0, 2]);    // x1^2
/// assert_eq!(MonomialOrder::GRevLex.cmp(&a, &b), Ordering::Less);
/// assert_eq!(MonomialOrder::Lex.cmp(&a, &b), Ordering::Greater);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum MonomialOrder {
    /// Lexicographic: compare exponents of `x_0`, then `x_1`, ...
    Lex,
    /// Graded lexicographic: total degree first, ties broken by [`MonomialOrder::Lex`].
    GrLex,
    /// Graded reverse lexicographic: total degree first, then the monomial with the
    /// *smaller* exponent in the *last* variable where they differ is larger.
    #[default]
    GRevLex,
}

impl MonomialOrder {
    /// Compares two monomials.
    pub fn cmp(self, a: &Monomial, b: &Monomial) -> Ordering {
        match self {
            MonomialOrder::Lex => lex(a, b),
            MonomialOrder::GrLex => a.degree().cmp(&b.degree()).then_with(|| lex(a, b)),
            MonomialOrder::GRevLex => a.degree().cmp(&b.degree()).then_with(|| {
                let n = a.0.len().max(b.0.len());
                for i in (0..n).rev() {
                    let (x, y) = (a.exp(i), b.exp(i));
                    if x != y {
                        return y.cmp(&x);
                    }
                }
                Ordering::Equal
            }),
        }
    }
}

fn lex(a: &Monomial, b: &Monomial) -> Ordering {
    let n = a.0.len().max(b.0.len());
    for i in 0..n {
        let (x, y) = (a.exp(i), b.exp(i));
        if x != y {
            return x.cmp(&y);
        }
    }
    Ordering::Equal
}
