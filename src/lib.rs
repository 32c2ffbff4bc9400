#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod architecture;
pub mod critical;
pub mod error;
pub mod homotopy;
pub mod limits;
pub mod linalg;
pub mod modular;
pub mod neurovariety;
pub mod parallel;
pub mod poly;
pub mod progress;
#[cfg(feature = "proptest")]
pub mod proptest;
pub(crate) mod random;
pub mod resultant;
pub mod sdecomp;
pub mod segre;

pub use architecture::Architecture;
pub use error::Error;
pub use neurovariety::Neurovariety;
