//! The reduced architecture.
//!
//! Over C, two consecutive layers joined by stride 1 sit at the same dilation and
//! their product is an arbitrary form of the summed degree, so they merge into
//! one layer of size `k_l + k_{l+1} - 1`; layers of size 1 are scalars and drop
//! out (their stride still multiplies later dilations). The result has sizes
//! `kappa_1..kappa_R >= 2` at strictly increasing dilations
//! `tau_1 | tau_2 | ... | tau_R`, and the same neurovariety.
//!
//! The worked example is in the documentation of `ReducedArchitecture`.

use super::Architecture;

/// An architecture after merging stride-1 neighbours and dropping size-1 layers.
///
/// # Example
///
/// ```
/// use neurovariety::Architecture;
/// let a = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
/// let r = a.reduced();
/// assert_eq!(r.filter_sizes(), &[3, 2]);
/// assert_eq!(r.dilations(), &[1, 2]);
/// assert_eq!(r.groups(), &[vec![0, 1], vec![2]]);
/// assert_eq!(r.level_degrees(), vec![4, 1]); // e_1 = (3-1)*1 + (2-1)*2, e_2 = 1
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReducedArchitecture {
    filter_sizes: Vec<usize>,
    dilations: Vec<usize>,
    groups: Vec<Vec<usize>>,
}

impl ReducedArchitecture {
    pub(crate) fn of(a: &Architecture) -> Self {
        let (mut filter_sizes, mut dilations, mut groups): (
            Vec<usize>,
            Vec<usize>,
            Vec<Vec<usize>>,
        ) = (vec![], vec![], vec![]);
        for (l, (&k, &t)) in a.filter_sizes().iter().zip(a.dilations()).enumerate() {
            if k == 1 {
                continue;
            }
            if dilations.last() == Some(&t) {
                let last = filter_sizes.len() - 1;
                filter_sizes[last] += k - 1;
                groups[last].push(l);
            } else {
                filter_sizes.push(k);
                dilations.push(t);
                groups.push(vec![l]);
            }
        }
        ReducedArchitecture {
            filter_sizes,
            dilations,
            groups,
        }
    }

    /// Sizes `kappa_1..kappa_R` (all `>= 2`; empty if every layer has size 1).
    #[must_use]
    pub fn filter_sizes(&self) -> &[usize] {
        &self.filter_sizes
    }

    /// Dilations `tau_1 < ... < tau_R`, each dividing the next.
    #[must_use]
    pub fn dilations(&self) -> &[usize] {
        &self.dilations
    }

    /// For each reduced layer, the indices of the original layers merged into it.
    #[must_use]
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }

    /// Number of reduced layers `R`.
    #[must_use]
    pub fn num_layers(&self) -> usize {
        self.filter_sizes.len()
    }

    /// `e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`: the degree (in
    /// `X = x^{tau_l}`) of the common factor the `tau_l`-decomposition pieces of a
    /// point of the neurovariety must share.
    #[must_use]
    pub fn level_degrees(&self) -> Vec<usize> {
        (0..self.filter_sizes.len())
            .map(|l| {
                (l..self.filter_sizes.len())
                    .map(|j| (self.filter_sizes[j] - 1) * (self.dilations[j] / self.dilations[l]))
                    .sum()
            })
            .collect()
    }
}
