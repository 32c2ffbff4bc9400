#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod error;
pub mod modular;
pub mod poly;

pub use error::Error;
