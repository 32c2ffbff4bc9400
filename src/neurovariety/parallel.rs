//! The neurovariety's parallel maps go through the crate's one parallel layer.

pub(super) use crate::parallel::par_map;
