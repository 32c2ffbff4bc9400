#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod architecture;
#[cfg(feature = "cli")]
#[cfg_attr(docsrs, doc(cfg(feature = "cli")))]
pub mod cli;
pub mod critical;
pub(crate) mod double_double;
pub mod error;
pub mod export;
pub mod homotopy;
pub mod limits;
pub mod linalg;
pub mod modular;
pub mod neurovariety;
pub(crate) mod numeric;
pub mod parallel;
pub mod poly;
pub mod prelude;
pub mod progress;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod proptest;
pub(crate) mod random;
pub mod report;
pub mod resultant;
pub mod sdecomp;
pub mod segre;

// The recommended paths: the types most programs name, at the crate root
// (`neurovariety::GeneratorOptions`, not `neurovariety::neurovariety::GeneratorOptions`).
// The modules keep their own paths to these items too.
pub use architecture::{
    Architecture, FactorizeOptions, RationalFactorization, RealCriticalClass, RealMembership,
    RealMembershipOptions, RealWitness, RelativePosition, Smoothness,
};
pub use critical::{CriticalPoint, CriticalPointOptions, CriticalPoints, Loss};
pub use error::Error;
pub use export::{Export, Format};
pub use homotopy::TrackerOptions;
pub use neurovariety::{
    Generator, GeneratorOptions, GeneratorSet, Neurovariety, VanishingIdeal, VanishingIdealOptions,
};
pub use numeric::Tolerance;
pub use progress::ProgressObserver;
pub use report::{Report, ReportRequest};
