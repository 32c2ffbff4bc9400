//! Named variables and a monomial order: the context in which polynomials are
//! parsed and printed.
//!
//! [`MPoly`] values do not carry variable names (that keeps arithmetic cheap and
//! lets `0` and `1` exist without a ring); a [`PolyRing`] attaches names and an
//! order when text goes in or out. Parsing accepts what Macaulay2, Singular and
//! SymPy print: integers, fractions `a/b` of integers, names, `+ - *`, `^` or
//! `**` with a non-negative integer exponent, and parentheses.
//!
//! The worked example is in the documentation of `PolyRing`.

use super::format::{format_poly, Syntax};
use super::monomial::MonomialOrder;
use super::multivariate::MPoly;
use super::ring::Ring;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

/// Variable names plus a monomial order.
///
/// # Example
///
/// ```
/// use neurovariety::poly::PolyRing;
/// let r = PolyRing::new(&["c0", "c1", "c2", "c3", "c4"]).unwrap();
/// let p = r.parse_integer("c1*c2*c3-c0*c3^2-c1^2*c4").unwrap();
/// assert_eq!(p.total_degree(), Some(3));
/// assert_eq!(r.display(&p), "c1*c2*c3 - c0*c3^2 - c1^2*c4");
/// assert!(r.parse_integer("c1 + c9").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PolyRing {
    names: Vec<String>,
    order: MonomialOrder,
}

impl PolyRing {
    /// A ring with the given variable names (identifiers, pairwise distinct) and
    /// graded reverse lexicographic order.
    pub fn new<S: AsRef<str>>(names: &[S]) -> Result<Self, Error> {
        let names: Vec<String> = names.iter().map(|s| s.as_ref().to_string()).collect();
        let mut seen = std::collections::HashSet::with_capacity(names.len());
        for n in &names {
            let ok = n
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok {
                return Err(Error::InvalidArgument {
                    name: "variable name",
                    value: n.clone(),
                    reason: "names must be ASCII identifiers".into(),
                });
            }
            if !seen.insert(n.as_str()) {
                return Err(Error::InvalidArgument {
                    name: "variable name",
                    value: n.clone(),
                    reason: "names must be distinct".into(),
                });
            }
        }
        Ok(PolyRing {
            names,
            order: MonomialOrder::GRevLex,
        })
    }

    /// The ring with variables `prefix0 .. prefix{n-1}` (e.g. `c0..c8`).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] for more than [`crate::limits::MAX_DENSE_LENGTH`]
    /// variables; [`Error::InvalidArgument`] if `prefix` does not make
    /// identifiers.
    pub fn indexed(prefix: &str, n: usize) -> Result<Self, Error> {
        crate::limits::check_dense("number of variables", Some(n))?;
        let names: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
        Self::new(&names)
    }

    /// The same ring with another monomial order (for printing and leading terms).
    #[must_use]
    pub fn with_order(mut self, order: MonomialOrder) -> Self {
        self.order = order;
        self
    }

    /// Variable names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The monomial order.
    pub fn order(&self) -> MonomialOrder {
        self.order
    }

    /// Number of variables.
    pub fn num_vars(&self) -> usize {
        self.names.len()
    }

    /// Index of a variable by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The variable with the given name.
    pub fn var<C: Ring>(&self, name: &str) -> Result<MPoly<C>, Error> {
        self.index_of(name)
            .ok_or_else(|| Error::InvalidArgument {
                name: "variable",
                value: name.to_string(),
                reason: "not a variable of this ring".into(),
            })
            .and_then(MPoly::var)
    }

    /// Prints `p` in this ring's order with its names ([`Syntax::Plain`]).
    pub fn display<C: Ring>(&self, p: &MPoly<C>) -> String {
        format_poly(p, &self.names, self.order, Syntax::Plain)
    }

    /// Prints `p` in the given syntax.
    pub fn format<C: Ring>(&self, p: &MPoly<C>, syntax: Syntax) -> String {
        format_poly(p, &self.names, self.order, syntax)
    }

    /// Parses a polynomial with rational coefficients.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for text that is not a polynomial in this ring's
    /// variables, for nesting deeper than [`crate::limits::MAX_PARSE_DEPTH`],
    /// and for input whose expansion would take more than
    /// [`crate::limits::MAX_PARSE_WORK`] term products (or huge powers of
    /// non-monomials); [`Error::Overflow`] for an exponent beyond `u32::MAX`.
    ///
    /// ```
    /// use neurovariety::poly::PolyRing;
    /// let r = PolyRing::new(&["x", "y"]).unwrap();
    /// assert_eq!(r.display(&r.parse_rational("(x + y)^2 - 2*x*y").unwrap()), "x^2 + y^2");
    /// assert!(r.parse_rational(&format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000))).is_err());
    /// assert!(r.parse_rational("x^4294967295*x^4294967295").is_err());
    /// assert!(r.parse_rational("(x + y)^100000").is_err());
    /// ```
    pub fn parse_rational(&self, text: &str) -> Result<MPoly<BigRational>, Error> {
        let index = (self.names.len() > 64).then(|| {
            self.names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.as_str(), i))
                .collect::<std::collections::HashMap<&str, usize>>()
        });
        let mut p = Parser {
            ring: self,
            index,
            s: text.as_bytes(),
            pos: 0,
            text,
            depth: 0,
            work: 0,
        };
        let v = p.expr()?;
        p.skip_ws();
        if p.pos != p.s.len() {
            return Err(p.err("unexpected character"));
        }
        Ok(v)
    }

    /// Parses a polynomial with integer coefficients (fractions must cancel).
    pub fn parse_integer(&self, text: &str) -> Result<MPoly<BigInt>, Error> {
        let q = self.parse_rational(text)?;
        if q.terms().iter().any(|(_, c)| !c.is_integer()) {
            return Err(Error::Parse {
                input: text.to_string(),
                position: 0,
                message: "coefficients are not integers".into(),
            });
        }
        Ok(q.map_coeffs(|c| c.to_integer()))
    }
}

struct Parser<'a> {
    ring: &'a PolyRing,
    /// Name -> index for large rings (linear search otherwise).
    index: Option<std::collections::HashMap<&'a str, usize>>,
    s: &'a [u8],
    pos: usize,
    text: &'a str,
    /// Current nesting depth (parentheses and unary signs).
    depth: usize,
    /// Work spent so far (sum of term-count products of multiplications).
    work: u128,
}

type Q = MPoly<BigRational>;

impl Parser<'_> {
    fn err(&self, msg: &str) -> Error {
        Error::Parse {
            input: self.text.to_string(),
            position: self.pos,
            message: msg.to_string(),
        }
    }
    /// `a * b`, counting the work against [`crate::limits::MAX_PARSE_WORK`]:
    /// the product of the term counts, each weighted by the size of its
    /// largest coefficient in 64-bit words.
    fn mul(&mut self, a: &Q, b: &Q) -> Result<Q, Error> {
        let weight = |p: &Q| -> u128 {
            let words = p
                .terms()
                .iter()
                .map(|(_, c)| c.numer().bits().max(c.denom().bits()))
                .max()
                .unwrap_or(0)
                / 64
                + 1;
            (p.terms().len() as u128).saturating_mul(words as u128)
        };
        self.work = self
            .work
            .saturating_add(weight(a).saturating_mul(weight(b)));
        if self.work > crate::limits::MAX_PARSE_WORK {
            return Err(self.err("the expansion is too large"));
        }
        a.checked_mul(b)
    }
    /// `base^e` by repeated squaring through [`Parser::mul`]; a power of a
    /// non-monomial (or of a coefficient other than +-1) whose coefficients
    /// would exceed about 2^22 bits is refused.
    fn pow(&mut self, base: &Q, mut e: u32) -> Result<Q, Error> {
        let unit_monomial = base.terms().len() == 1 && {
            let c = &base.terms()[0].1;
            c.numer().magnitude() == c.denom().magnitude() && c.denom().magnitude().bits() == 1
        };
        if !unit_monomial && e > 1 {
            let bits = base
                .terms()
                .iter()
                .map(|(_, c)| c.numer().bits().max(c.denom().bits()))
                .max()
                .unwrap_or(0)
                + u64::try_from(base.terms().len())
                    .unwrap_or(u64::MAX)
                    .max(1)
                    .ilog2() as u64
                + 1;
            if (e as u128).saturating_mul(bits as u128) > 1 << 22 {
                return Err(self.err("the power is too large to expand"));
            }
        }
        let mut b = base.clone();
        let mut acc = MPoly::constant(BigRational::from_integer(BigInt::from(1)));
        while e > 0 {
            if e & 1 == 1 {
                acc = self.mul(&acc, &b)?;
            }
            e >>= 1;
            if e > 0 {
                b = self.mul(&b, &b)?;
            }
        }
        Ok(acc)
    }
    /// Enters one level of nesting, refusing beyond [`crate::limits::MAX_PARSE_DEPTH`].
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > crate::limits::MAX_PARSE_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        Ok(())
    }
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.pos).copied()
    }
    fn expr(&mut self) -> Result<Q, Error> {
        let mut acc = match self.peek() {
            Some(b'-') => {
                self.pos += 1;
                -self.term()?
            }
            Some(b'+') => {
                self.pos += 1;
                self.term()?
            }
            _ => self.term()?,
        };
        loop {
            match self.peek() {
                Some(b'+') => {
                    self.pos += 1;
                    acc = &acc + &self.term()?;
                }
                Some(b'-') => {
                    self.pos += 1;
                    acc = &acc - &self.term()?;
                }
                _ => return Ok(acc),
            }
        }
    }
    fn term(&mut self) -> Result<Q, Error> {
        let mut acc = self.power()?;
        loop {
            match self.peek() {
                Some(b'*') if self.s.get(self.pos + 1) != Some(&b'*') => {
                    self.pos += 1;
                    let rhs = self.power()?;
                    acc = self.mul(&acc, &rhs)?;
                }
                Some(b'/') => {
                    self.pos += 1;
                    let d = self.power()?;
                    let c = d
                        .as_constant()
                        .filter(|c| !c.is_zero())
                        .ok_or_else(|| self.err("can only divide by a non-zero constant"))?;
                    acc = acc.scale(&c.recip());
                }
                _ => return Ok(acc),
            }
        }
    }
    fn power(&mut self) -> Result<Q, Error> {
        let base = self.atom()?;
        let is_pow = match self.peek() {
            Some(b'^') => {
                self.pos += 1;
                true
            }
            Some(b'*') if self.s.get(self.pos + 1) == Some(&b'*') => {
                self.pos += 2;
                true
            }
            _ => false,
        };
        if !is_pow {
            return Ok(base);
        }
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        let e: u32 = self.text[start..self.pos]
            .parse()
            .map_err(|_| self.err("expected a small non-negative integer exponent"))?;
        self.pow(&base, e)
    }
    fn atom(&mut self) -> Result<Q, Error> {
        match self.peek() {
            Some(b'(') => {
                self.pos += 1;
                self.enter()?;
                let v = self.expr()?;
                if self.peek() != Some(b')') {
                    return Err(self.err("expected ')'"));
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(v)
            }
            Some(b'-') => {
                self.pos += 1;
                self.enter()?;
                let v = -self.power()?;
                self.depth -= 1;
                Ok(v)
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.pos;
                while self.pos < self.s.len() && self.s[self.pos].is_ascii_digit() {
                    self.pos += 1;
                }
                let n: BigInt = self.text[start..self.pos]
                    .parse()
                    .map_err(|_| self.err("bad integer"))?;
                Ok(MPoly::constant(BigRational::from_integer(n)))
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let start = self.pos;
                while self.pos < self.s.len()
                    && (self.s[self.pos].is_ascii_alphanumeric() || self.s[self.pos] == b'_')
                {
                    self.pos += 1;
                }
                let name = &self.text[start..self.pos];
                let found = match &self.index {
                    Some(map) => map.get(name).copied(),
                    None => self.ring.index_of(name),
                };
                match found {
                    Some(i) => MPoly::var(i),
                    None => {
                        self.pos = start;
                        Err(self.err(&format!("unknown variable {name}")))
                    }
                }
            }
            _ => Err(self.err("expected a number, a variable or '('")),
        }
    }
}
