//! Export of the equations and of the vanishing ideal to Macaulay2,
//! Singular, SymPy and LaTeX (one set of functions for both).
//!
//! The text loads unchanged in the target system (checked with Macaulay2 1.21,
//! Singular 4.3 and SymPy when the fixtures were produced; see
//! `docs/verification.md`).
//!
//! The worked example is in the documentation of `GeneratorSet::to_macaulay2`.

use super::generators::{Generator, GeneratorSet};
use super::vanishing::VanishingIdeal;
use crate::poly::{format_poly, MonomialOrder, Syntax};
use std::fmt;

impl fmt::Display for Generator {
    /// The polynomial in the coordinates `c0, c1, ...` (the names every output
    /// of the crate uses), in [`Syntax::Plain`] and graded reverse
    /// lexicographic order, as in [`GeneratorSet::formatted`].
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let g = Architecture::new(&[2, 2], &[2, 1]).unwrap().neurovariety().equations().unwrap();
    /// assert_eq!(g.generators()[0].to_string(), "c1*c2 - c0*c3");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = (0..self.poly.num_vars()).map(|i| format!("c{i}")).collect();
        f.write_str(&format_poly(
            &self.poly,
            &names,
            MonomialOrder::GRevLex,
            Syntax::Plain,
        ))
    }
}

impl fmt::Display for GeneratorSet {
    /// `N generators in Q[c0..c{k-1}] (n_d of degree d, ...)`, then each
    /// generator on its own line in [`Syntax::Plain`], in the order of
    /// [`GeneratorSet::generators`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.len();
        let by_degree: Vec<String> = self
            .count_by_degree()
            .iter()
            .map(|(d, c)| format!("{c} of degree {d}"))
            .collect();
        let k = self.ring.names().len();
        write!(
            f,
            "{n} generator{} in Q[c0..c{}]",
            if n == 1 { "" } else { "s" },
            k.saturating_sub(1)
        )?;
        if by_degree.is_empty() {
            writeln!(f, " (none: the neurovariety fills the space)")?;
        } else {
            writeln!(f, " ({})", by_degree.join(", "))?;
        }
        for p in self.formatted(Syntax::Plain) {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// The polynomials one per line, indented, comma-separated (`empty` if none).
fn ideal_body(polys: &[String], empty: &str) -> String {
    if polys.is_empty() {
        return format!("  {empty}");
    }
    polys
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// `R = QQ[...]; I = ideal(...);` from the names and the polynomials in
/// Macaulay2 syntax.
pub(super) fn macaulay2(names: &[String], polys: &[String]) -> String {
    let body = ideal_body(polys, "0_R");
    format!("R = QQ[{}];\nI = ideal(\n{body}\n);\n", names.join(","))
}

/// `ring r = 0,(...),dp; ideal I = ...;` from polynomials in Singular syntax.
pub(super) fn singular(names: &[String], polys: &[String]) -> String {
    let body = ideal_body(polys, "0");
    format!("ring r = 0,({}),dp;\nideal I =\n{body};\n", names.join(","))
}

/// A Python snippet defining the symbols and `I = [...]` (SymPy syntax).
pub(super) fn sympy(names: &[String], polys: &[String]) -> String {
    let lhs = if names.len() == 1 {
        format!("{},", names[0])
    } else {
        names.join(", ")
    };
    let mut s = format!(
        "from sympy import symbols\n{lhs} = symbols('{}')\nI = [\n",
        names.join(" ")
    );
    for p in polys {
        s.push_str(&format!("    {p},\n"));
    }
    s.push_str("]\n");
    s
}

/// A LaTeX `align*` environment listing the polynomials (LaTeX syntax).
pub(super) fn latex(polys: &[String]) -> String {
    if polys.is_empty() {
        return "\\begin{align*}\nI &= \\{0\\}\n\\end{align*}\n".to_string();
    }
    let lines: Vec<String> = polys
        .iter()
        .enumerate()
        .map(|(i, p)| format!("g_{{{}}} &= {p}", i + 1))
        .collect();
    format!(
        "\\begin{{align*}}\n{}\n\\end{{align*}}\n",
        lines.join(" \\\\\n")
    )
}

impl GeneratorSet {
    /// `R = QQ[c0,c1,...]; I = ideal(...);` (`ideal(0_R)` when there are no
    /// generators). The variables are listed: Macaulay2 1.21 reads `a..b` ranges
    /// only for indexed names such as `c_0..c_8`, not for `c0..c8`.
    ///
    /// # Example
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let g = Architecture::new(&[2, 2], &[2, 1]).unwrap().neurovariety().equations().unwrap();
    /// assert_eq!(g.to_macaulay2(), "R = QQ[c0,c1,c2,c3];\nI = ideal(\n  c1*c2-c0*c3\n);\n");
    /// assert_eq!(g.to_singular(), "ring r = 0,(c0,c1,c2,c3),dp;\nideal I =\n  c1*c2-c0*c3;\n");
    /// assert!(g.to_sympy().contains("I = [\n    c1*c2 - c0*c3,\n]"));
    /// // Display: a summary line, then one generator per line (plain syntax)
    /// assert_eq!(g.to_string(), "1 generator in Q[c0..c3] (1 of degree 2)\n  c1*c2 - c0*c3\n");
    /// ```
    pub fn to_macaulay2(&self) -> String {
        macaulay2(self.ring.names(), &self.formatted(Syntax::Macaulay2))
    }

    /// `ring r = 0,(c0,...),dp; ideal I = ...;` (`ideal I = 0;` when there are none).
    pub fn to_singular(&self) -> String {
        singular(self.ring.names(), &self.formatted(Syntax::Singular))
    }

    /// A Python snippet: `from sympy import symbols`, the symbols, and `I = [...]`.
    pub fn to_sympy(&self) -> String {
        sympy(self.ring.names(), &self.formatted(Syntax::SymPy))
    }

    /// A LaTeX `align*` environment listing the generators (`\{0\}` when none).
    pub fn to_latex(&self) -> String {
        latex(&self.formatted(Syntax::LaTeX))
    }
}

impl VanishingIdeal {
    /// `R = QQ[c0,...]; I = ideal(...);` with the minimal generators.
    ///
    /// ```
    /// use neurovariety::{Architecture, VanishingIdealOptions};
    /// let v = Architecture::new(&[2, 2], &[3, 1]).unwrap().neurovariety();
    /// let i = v.vanishing_ideal(&VanishingIdealOptions::default()).unwrap();
    /// // c2 vanishes on V (stride 3 > filter 2), and a Segre quadric
    /// assert_eq!(i.to_macaulay2(), "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c2,\n  c1*c3-c0*c4\n);\n");
    /// assert_eq!(i.to_singular(), "ring r = 0,(c0,c1,c2,c3,c4),dp;\nideal I =\n  c2,\n  c1*c3-c0*c4;\n");
    /// assert!(i.to_sympy().ends_with("I = [\n    c2,\n    c1*c3 - c0*c4,\n]\n"));
    /// assert!(i.to_latex().contains("g_{2} &= "));
    /// ```
    pub fn to_macaulay2(&self) -> String {
        macaulay2(self.ring().names(), &self.formatted(Syntax::Macaulay2))
    }

    /// `ring r = 0,(c0,...),dp; ideal I = ...;` with the minimal generators.
    pub fn to_singular(&self) -> String {
        singular(self.ring().names(), &self.formatted(Syntax::Singular))
    }

    /// A Python snippet with the symbols and `I = [...]` (SymPy syntax).
    pub fn to_sympy(&self) -> String {
        sympy(self.ring().names(), &self.formatted(Syntax::SymPy))
    }

    /// A LaTeX `align*` environment listing the minimal generators.
    pub fn to_latex(&self) -> String {
        latex(&self.formatted(Syntax::LaTeX))
    }
}

impl fmt::Display for VanishingIdeal {
    /// `N minimal generators of I(V) in Q[c0..c{k-1}] (n_d of degree d, ...)`,
    /// the certificate's verdict and the degree reached, then one generator
    /// per line in [`Syntax::Plain`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let by_degree: Vec<String> = self
            .count_by_degree()
            .iter()
            .map(|(d, c)| format!("{c} of degree {d}"))
            .collect();
        writeln!(
            f,
            "{} minimal generators of I(V) in Q[c0..c{}] ({}); {}; complete through degree {}",
            self.len(),
            self.ring().names().len().saturating_sub(1),
            if by_degree.is_empty() {
                "none".to_string()
            } else {
                by_degree.join(", ")
            },
            self.certificate(),
            self.through_degree()
        )?;
        for p in self.formatted(Syntax::Plain) {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}
