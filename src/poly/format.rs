//! Printing polynomials in the syntax of the computer algebra systems users load
//! them into.
//!
//! | [`Syntax`] | power | product | example |
//! |---|---|---|---|
//! | `Plain` | `^` | `*` | `c1*c2^2 - 3*c0` |
//! | `Macaulay2` | `^` | `*` | `c1*c2^2-3*c0` |
//! | `Singular` | `^` | `*` | `c1*c2^2-3*c0` |
//! | `SymPy` | `**` | `*` | `c1*c2**2 - 3*c0` |
//! | `LaTeX` | `^{}` | juxtaposition | `c_{1} c_{2}^{2} - 3 c_{0}` |
//!
//! Variable names of the form `letters digits` (such as `c12`) become `c_{12}`
//! in LaTeX.
//!
//! The worked example is in the documentation of `format_poly`.

use super::monomial::MonomialOrder;
use super::multivariate::MPoly;
use super::ring::Ring;

/// Output syntax for [`format_poly`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// Human-readable: `^` for powers, `*` for products, spaces around `+`/`-`
    /// (what `Display` prints).
    Plain,
    /// Macaulay2 (`c0*c1^2 - 3*c2`).
    Macaulay2,
    /// Singular (same operators as Macaulay2).
    Singular,
    /// SymPy / Python (`**` for powers).
    SymPy,
    /// LaTeX math mode (`c_{0} c_{1}^{2}`).
    LaTeX,
}

fn latex_name(name: &str) -> String {
    let split = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if split > 0 && split < name.len() {
        format!("{}_{{{}}}", &name[..split], &name[split..])
    } else {
        name.to_string()
    }
}

/// Formats `p` with variable `x_i` printed as `names[i]`, terms in decreasing
/// `order`. Variables without a name are printed as `x<i>`.
///
/// # Example
///
/// ```
/// use neurovariety::poly::{format_poly, MonomialOrder, PolyRing, Syntax};
/// let r = PolyRing::new(&["c0", "c1", "c2"]).unwrap();
/// let p = r.parse_integer("c1*c2^2 - 3*c0").unwrap();
/// assert_eq!(format_poly(&p, r.names(), MonomialOrder::GRevLex, Syntax::SymPy), "c1*c2**2 - 3*c0");
/// assert_eq!(format_poly(&p, r.names(), MonomialOrder::GRevLex, Syntax::LaTeX), "c_{1} c_{2}^{2} - 3 c_{0}");
/// ```
pub fn format_poly<C: Ring>(
    p: &MPoly<C>,
    names: &[String],
    order: MonomialOrder,
    syntax: Syntax,
) -> String {
    if p.is_zero() {
        return "0".to_string();
    }
    let name = |i: usize| -> String {
        let n = names.get(i).cloned().unwrap_or_else(|| format!("x{i}"));
        if syntax == Syntax::LaTeX {
            latex_name(&n)
        } else {
            n
        }
    };
    let (pow, times) = match syntax {
        Syntax::SymPy => ("**", "*"),
        Syntax::LaTeX => ("^", " "),
        _ => ("^", "*"),
    };
    let spaced = !matches!(syntax, Syntax::Macaulay2 | Syntax::Singular);
    let mut out = String::new();
    for (k, (m, c)) in p.terms_in(order).into_iter().enumerate() {
        let cs = c.to_string();
        let (neg, mag) = match cs.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, cs),
        };
        let mag = if syntax == Syntax::LaTeX {
            match mag.split_once('/') {
                Some((a, b)) => format!("\\frac{{{a}}}{{{b}}}"),
                None => mag,
            }
        } else if mag.contains('/') {
            format!("({mag})")
        } else {
            mag
        };
        if k == 0 {
            if neg {
                out.push('-');
            }
        } else if spaced {
            out.push_str(if neg { " - " } else { " + " });
        } else {
            out.push(if neg { '-' } else { '+' });
        }
        let mut factors: Vec<String> = Vec::new();
        if mag != "1" || m.num_vars() == 0 {
            factors.push(mag);
        }
        for (i, &e) in m.exps().iter().enumerate() {
            match e {
                0 => {}
                1 => factors.push(name(i)),
                _ if syntax == Syntax::LaTeX => factors.push(format!("{}^{{{e}}}", name(i))),
                _ => factors.push(format!("{}{pow}{e}", name(i))),
            }
        }
        out.push_str(&factors.join(times));
    }
    out
}
