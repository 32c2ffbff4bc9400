//! Named variables and a monomial order: the context in which polynomials are
//! parsed and printed.
//!
//! [`MPoly`] values do not carry variable names (that keeps arithmetic cheap and
//! lets `0` and `1` exist without a ring); a [`PolyRing`] attaches names and an
//! order when text goes in or out. Parsing accepts what Macaulay2, Singular and
//! SymPy print: integers, fractions `a/b` of integers, names, `+ - *`, `^` or
//! `**` with a non-negative integer exponent, and parentheses.
//!
//! ```
//! use neurovariety::poly::PolyRing;
//! let r = PolyRing::new(&["c0", "c1", "c2", "c3", "c4"]).unwrap();
//! let p = r.parse_integer("c1*c2*c3-c0*c3^2-c1^2*c4").unwrap();
//! assert_eq!(p.total_degree(), Some(3));
//! assert_eq!(r.display(&p), "c1*c2*c3 - c0*c3^2 - c1^2*c4");
//! assert!(r.parse_integer("c1 + c9").is_err());
//! ```

use super::format::{format_poly, Syntax};
use super::monomial::MonomialOrder;
use super::multivariate::MPoly;
use super::ring::Ring;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

/// Variable names plus a monomial order.
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
        for (i, n) in names.iter().enumerate() {
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
            if names[..i].contains(n) {
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
    pub fn indexed(prefix: &str, n: usize) -> Result<Self, Error> {
        let names: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
        Self::new(&names)
    }

    /// The same ring with another monomial order (for printing and leading terms).
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
            .map(MPoly::var)
            .ok_or_else(|| Error::InvalidArgument {
                name: "variable",
                value: name.to_string(),
                reason: "not a variable of this ring".into(),
            })
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
    pub fn parse_rational(&self, text: &str) -> Result<MPoly<BigRational>, Error> {
        let mut p = Parser {
            ring: self,
            s: text.as_bytes(),
            pos: 0,
            text,
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
    s: &'a [u8],
    pos: usize,
    text: &'a str,
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
                    acc = &acc * &self.power()?;
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
        Ok(base.pow(e))
    }
    fn atom(&mut self) -> Result<Q, Error> {
        match self.peek() {
            Some(b'(') => {
                self.pos += 1;
                let v = self.expr()?;
                if self.peek() != Some(b')') {
                    return Err(self.err("expected ')'"));
                }
                self.pos += 1;
                Ok(v)
            }
            Some(b'-') => {
                self.pos += 1;
                Ok(-self.power()?)
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
                match self.ring.index_of(name) {
                    Some(i) => Ok(MPoly::var(i)),
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
