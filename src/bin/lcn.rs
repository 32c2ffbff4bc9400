//! `lcn`: what a one-dimensional linear convolutional network can represent.
//!
//! ```sh
//! cargo install --path . --features cli
//! lcn --filters 2,3,4,5 --strides 2,2,2,1
//! lcn --filters 3,2 --strides 2,1 --generators --format singular
//! lcn --filters 4,4 --strides 2,1 --critical-points --seed 7 --json
//! ```
//!
//! Everything happens in [`neurovariety::cli`]; run `lcn --help` for the flags.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(neurovariety::cli::run(std::env::args_os()))
}
