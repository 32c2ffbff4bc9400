//! Exports of polynomial lists to other systems: one trait, [`Export`], and
//! one set of formatting functions behind it.
//!
//! [`GeneratorSet`](crate::GeneratorSet) (the equations of `V`),
//! [`VanishingIdeal`](crate::VanishingIdeal) (the ideal `I(V)`) and
//! [`GradientSystem`](crate::critical::GradientSystem) (the training
//! equations) are each a list of polynomials with named variables;
//! [`Export::export`] writes any of them in any [`Format`]. The text loads
//! unchanged in the target system (checked with Macaulay2 1.21, Singular 4.3,
//! SymPy, pdflatex and PHCpack: `scripts/verify_exports.sh`,
//! `docs/verification.md`).
//!
//! | [`Format`] | text |
//! |---|---|
//! | `Macaulay2` | `R = QQ[c0,c1,...]; I = ideal(...);` (`ideal(0_R)` when empty) |
//! | `Singular` | `ring r = 0,(c0,...),dp; ideal I = ...;` (`ideal I = 0;` when empty) |
//! | `SymPy` | `from sympy import symbols`, the symbols, and `I = [...]` |
//! | `LaTeX` | an `align*` environment, `g_{1} &= ...` (`I = \{0\}` when empty) |
//! | `Phc` | PHCpack's input: the number of equations (and of unknowns when they differ), then one polynomial per line ending in `;` |
//!
//! ```
//! use neurovariety::export::{Export, Format};
//! use neurovariety::Architecture;
//! let g = Architecture::new(&[2, 2], &[2, 1])?.neurovariety().equations()?;
//! assert_eq!(g.export(Format::Macaulay2), "R = QQ[c0,c1,c2,c3];\nI = ideal(\n  c1*c2-c0*c3\n);\n");
//! assert_eq!(g.export(Format::Singular), "ring r = 0,(c0,c1,c2,c3),dp;\nideal I =\n  c1*c2-c0*c3;\n");
//! assert!(g.export(Format::SymPy).contains("I = [\n    c1*c2 - c0*c3,\n]"));
//! assert_eq!(g.export(Format::LaTeX), "\\begin{align*}\ng_{1} &= c_{1} c_{2} - c_{0} c_{3}\n\\end{align*}\n");
//! assert_eq!(g.export(Format::Phc), "1 4\nc1*c2-c0*c3;\n");
//! # Ok::<(), neurovariety::Error>(())
//! ```

use crate::poly::Syntax;
use std::fmt;

/// A system that [`Export::export`] writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Macaulay2: `R = QQ[...]; I = ideal(...);`.
    Macaulay2,
    /// Singular: `ring r = 0,(...),dp; ideal I = ...;`.
    Singular,
    /// Python with SymPy: the symbols and `I = [...]`.
    SymPy,
    /// A LaTeX `align*` environment.
    LaTeX,
    /// PHCpack's input format (`phc -b input output`).
    Phc,
}

impl Format {
    /// Every format, in the order of the table in the [module
    /// documentation](self).
    pub const ALL: [Format; 5] = [
        Format::Macaulay2,
        Format::Singular,
        Format::SymPy,
        Format::LaTeX,
        Format::Phc,
    ];

    /// The polynomial syntax this format is written in.
    #[must_use]
    pub fn syntax(self) -> Syntax {
        match self {
            Format::Macaulay2 | Format::Phc => Syntax::Macaulay2,
            Format::Singular => Syntax::Singular,
            Format::SymPy => Syntax::SymPy,
            Format::LaTeX => Syntax::LaTeX,
        }
    }
}

impl fmt::Display for Format {
    /// `macaulay2`, `singular`, `sympy`, `latex` or `phc`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Macaulay2 => "macaulay2",
            Format::Singular => "singular",
            Format::SymPy => "sympy",
            Format::LaTeX => "latex",
            Format::Phc => "phc",
        })
    }
}

/// A list of polynomials with named variables that can be written for
/// another system (see the [module documentation](self)).
pub trait Export {
    /// The text in `format`, ready to load.
    fn export(&self, format: Format) -> String;
}

/// The one implementation behind every [`Export`]: `names` are the
/// variables, `formatted(syntax)` the polynomials in that syntax.
pub(crate) fn render(
    names: &[String],
    format: Format,
    formatted: impl FnOnce(Syntax) -> Vec<String>,
) -> String {
    let polys = formatted(format.syntax());
    match format {
        Format::Macaulay2 => macaulay2(names, &polys),
        Format::Singular => singular(names, &polys),
        Format::SymPy => sympy(names, &polys),
        Format::LaTeX => latex(&polys),
        Format::Phc => phc(names, &polys),
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

/// `R = QQ[...]; I = ideal(...);`. The variables are listed: Macaulay2 1.21
/// reads `a..b` ranges only for indexed names such as `c_0..c_8`, not for
/// `c0..c8`.
fn macaulay2(names: &[String], polys: &[String]) -> String {
    let body = ideal_body(polys, "0_R");
    format!("R = QQ[{}];\nI = ideal(\n{body}\n);\n", names.join(","))
}

/// `ring r = 0,(...),dp; ideal I = ...;`.
fn singular(names: &[String], polys: &[String]) -> String {
    let body = ideal_body(polys, "0");
    format!("ring r = 0,({}),dp;\nideal I =\n{body};\n", names.join(","))
}

/// A Python snippet defining the symbols and `I = [...]`.
fn sympy(names: &[String], polys: &[String]) -> String {
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

/// A LaTeX `align*` environment listing the polynomials.
fn latex(polys: &[String]) -> String {
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

/// PHCpack: `n` (or `n v` when the number of unknowns `v` differs), then
/// each polynomial followed by `;`.
fn phc(names: &[String], polys: &[String]) -> String {
    let mut out = if polys.len() == names.len() {
        format!("{}\n", polys.len())
    } else {
        format!("{} {}\n", polys.len(), names.len())
    };
    for p in polys {
        out.push_str(p);
        out.push_str(";\n");
    }
    out
}
