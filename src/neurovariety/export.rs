//! Printing of the equations and of the vanishing ideal: `Display`, and
//! [`Export`] through the one set of formatting functions of
//! [`crate::export`].

use super::generators::{Generator, GeneratorSet};
use super::vanishing::VanishingIdeal;
use crate::export::{render, Export, Format};
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

impl Export for GeneratorSet {
    /// The equations in `c0..c{k-1}` (see [`crate::export`]).
    fn export(&self, format: Format) -> String {
        render(self.ring.names(), format, |syntax| self.formatted(syntax))
    }
}

impl Export for VanishingIdeal {
    /// The minimal generators in `c0..c{k-1}` (see [`crate::export`]).
    ///
    /// ```
    /// use neurovariety::export::{Export, Format};
    /// use neurovariety::{Architecture, VanishingIdealOptions};
    /// let v = Architecture::new(&[2, 2], &[3, 1]).unwrap().neurovariety();
    /// let i = v.vanishing_ideal(&VanishingIdealOptions::default()).unwrap();
    /// // c2 vanishes on V (stride 3 > filter 2), and a Segre quadric
    /// assert_eq!(i.export(Format::Macaulay2), "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c2,\n  c1*c3-c0*c4\n);\n");
    /// assert_eq!(i.export(Format::Singular), "ring r = 0,(c0,c1,c2,c3,c4),dp;\nideal I =\n  c2,\n  c1*c3-c0*c4;\n");
    /// assert!(i.export(Format::SymPy).ends_with("I = [\n    c2,\n    c1*c3 - c0*c4,\n]\n"));
    /// assert!(i.export(Format::LaTeX).contains("g_{2} &= "));
    /// ```
    fn export(&self, format: Format) -> String {
        render(self.ring().names(), format, |syntax| self.formatted(syntax))
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
