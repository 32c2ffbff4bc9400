//! The reduced levels of a filter: `G_l`, `H_l`, and what the class search
//! needs.

use super::classes::{Counts, LevelSpec};
use crate::architecture::Architecture;
use crate::poly::BinaryForm;
use crate::Error;
use num_bigint::BigInt;

/// The levels of a non-zero filter of the complex neurovariety.
#[derive(Clone, Debug)]
pub(crate) struct Levels {
    /// One per reduced level, bottom first.
    pub(crate) specs: Vec<LevelSpec>,
    /// `G_l`, the largest `tau_l`-invariant divisor of `P` (in `X = x^{tau_l}`).
    pub(crate) g: Vec<BinaryForm<BigInt>>,
    /// `H_l = G_l / G_{l+1}(X^s, Y^s)` (`H_R = G_R`).
    pub(crate) h: Vec<BinaryForm<BigInt>>,
    /// `e_l`, the degree the theorem requires of `G_l`.
    pub(crate) e: Vec<usize>,
}

impl Levels {
    /// From the invariant divisors of `P` (which satisfy the theorem).
    pub(crate) fn new(arch: &Architecture, g: Vec<BinaryForm<BigInt>>) -> Result<Self, Error> {
        let specs = specs_of(arch);
        let mut h = Vec::with_capacity(g.len());
        for l in 0..g.len() {
            if l + 1 < g.len() {
                let s = specs[l + 1].tau / specs[l].tau;
                let q = g[l].exact_div(&g[l + 1].inflate(s)?).map_err(|_| Error::NoConvergence {
                    what: "real neuromanifold: an inflated invariant divisor does not divide the one below".into(),
                })?;
                h.push(q);
            } else {
                h.push(g[l].clone());
            }
        }
        Ok(Levels {
            specs,
            g,
            h,
            e: arch.reduced().level_degrees(),
        })
    }

    /// The classes of the real factors of each `H_l`.
    pub(crate) fn fresh(&self) -> Vec<Counts> {
        self.h.iter().map(Counts::of_form).collect()
    }

    /// `true` if every level is forced (`deg G_l = e_l`): the generic case.
    pub(crate) fn forced(&self) -> bool {
        self.g.iter().zip(&self.e).all(|(g, &e)| g.degree() == e)
    }
}

/// The search's view of the reduced levels of `arch`, bottom first.
pub(crate) fn specs_of(arch: &Architecture) -> Vec<LevelSpec> {
    let red = arch.reduced();
    let sizes = arch.filter_sizes();
    (0..red.num_layers())
        .map(|l| LevelSpec {
            tau: red.dilations()[l],
            need: red.filter_sizes()[l] - 1,
            bins: red.groups()[l].iter().map(|&o| sizes[o] - 1).collect(),
            layers: red.groups()[l].clone(),
        })
        .collect()
}
