//! Order-preserving parallel maps on scoped threads (no dependency).

use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of worker threads: the available parallelism (asked once; on
/// Linux the answer reads cgroup files).
pub(super) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Joins a scoped thread, re-raising its panic (a lost result must never pass
/// for an empty one).
pub(super) fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// `items.iter().map(f).collect()`, computed by [`threads`] threads taking
/// chunks of `chunk` items in turn; the result is in the order of `items`.
/// Runs on the calling thread when there is a single chunk or thread.
pub(super) fn par_map<T: Sync, U: Send>(
    items: &[T],
    chunk: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    if items.len() <= chunk {
        return items.iter().map(f).collect();
    }
    let threads = threads().min(items.len().div_ceil(chunk.max(1)));
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunks: Vec<&[T]> = items.chunks(chunk.max(1)).collect();
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<U>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (chunks, next, f) = (&chunks, &next, &f);
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(c) = chunks.get(i) else {
                            return mine;
                        };
                        mine.push((i, c.iter().map(f).collect::<Vec<U>>()));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(join).collect()
    });
    parts.sort_unstable_by_key(|(i, _)| *i);
    parts.into_iter().flat_map(|(_, v)| v).collect()
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
}
