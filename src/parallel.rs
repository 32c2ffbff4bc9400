//! The crate's one parallel layer.
//!
//! Every parallel computation in the crate (path tracking, blocks of the
//! equations and of the vanishing ideal, certification) goes through the two
//! functions here, which run on [rayon]'s work-stealing pool. The policy is the
//! same everywhere:
//!
//! - **threads**: rayon's global pool by default (its size is the available
//!   parallelism, or `RAYON_NUM_THREADS` when that is set); an options struct
//!   that carries an explicit thread count runs its work inside a pool of that
//!   size ([`in_pool`]);
//! - **panics propagate**: a panicking worker re-raises its panic on the calling
//!   thread when the parallel map joins. A lost result never passes for an
//!   empty one (a missing path, a skipped block);
//! - **order**: results come back in the order of the inputs, so parallel and
//!   sequential runs give the same answer.
//!
//! ```
//! use neurovariety::parallel::{in_pool, par_map};
//! let squares = in_pool(2, || par_map(&[1u64, 2, 3, 4], 1, |x| x * x)).unwrap();
//! assert_eq!(squares, [1, 4, 9, 16]);
//! ```

use crate::Error;
use rayon::prelude::*;

/// `items.iter().map(f).collect()`, computed in parallel on the current pool;
/// the result is in the order of `items`. `min_len` is the smallest number of
/// items a task handles (a grain size: small work stays on one thread). A panic
/// in `f` is re-raised on the caller.
pub fn par_map<T: Sync, U: Send>(
    items: &[T],
    min_len: usize,
    f: impl Fn(&T) -> U + Sync + Send,
) -> Vec<U> {
    if items.len() <= min_len.max(1) || threads() == 1 {
        return items.iter().map(f).collect();
    }
    items
        .par_iter()
        .with_min_len(min_len.max(1))
        .map(f)
        .collect()
}

/// The number of threads of the pool the caller runs in.
pub fn threads() -> usize {
    rayon::current_num_threads()
}

/// Runs `f` inside a pool of exactly `threads` threads (every [`par_map`]
/// called from `f` uses that pool). Errors: [`Error::InvalidArgument`] for
/// `threads == 0`, and when the operating system refuses to start the
/// threads.
pub fn in_pool<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> Result<R, Error> {
    if threads == 0 {
        return Err(Error::InvalidArgument {
            name: "threads",
            value: "0".into(),
            reason: "at least one thread is needed".into(),
        });
    }
    if threads == self::threads() {
        return Ok(f());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::InvalidArgument {
            name: "threads",
            value: threads.to_string(),
            reason: format!("cannot start the thread pool: {e}"),
        })?;
    Ok(pool.install(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order() {
        let v: Vec<u64> = (0..10_000).collect();
        let w = par_map(&v, 7, |x| x * x);
        assert_eq!(w, v.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(par_map(&[] as &[u64], 3, |x| *x).is_empty());
    }

    #[test]
    fn a_worker_panic_reaches_the_caller() {
        let v: Vec<u64> = (0..1000).collect();
        let r = std::panic::catch_unwind(|| {
            in_pool(2, || {
                par_map(&v, 1, |&x| {
                    if x == 777 {
                        panic!("worker failed");
                    }
                    x
                })
            })
        });
        assert!(r.is_err());
    }

    #[test]
    fn zero_threads_is_an_error() {
        assert!(matches!(
            in_pool(0, || 1),
            Err(Error::InvalidArgument {
                name: "threads",
                ..
            })
        ));
        assert_eq!(in_pool(3, threads).unwrap(), 3);
    }
}
