//! Primes for modular computations: a deterministic primality test and an
//! endless, reproducible supply of word-size primes.
//!
//! [`large_primes`] lists the primes below `2^62` from the largest down (the
//! first 256 are cached). Modular algorithms take their primes from it in
//! order, so every run uses the same primes and gives the same output.
//!
//! The worked example is in the documentation of `large_primes`.

/// Deterministic Miller–Rabin for 64-bit integers (the first twelve primes
/// as witnesses suffice below `3.3 * 10^24`).
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    for p in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        if n % p == 0 {
            return n == p;
        }
    }
    let (mut d, mut s) = (n - 1, 0);
    while d % 2 == 0 {
        d /= 2;
        s += 1;
    }
    let mulm = |a: u64, b: u64| ((a as u128 * b as u128) % n as u128) as u64;
    let powm = |mut a: u64, mut e: u64| {
        let mut r = 1u64;
        while e > 0 {
            if e & 1 == 1 {
                r = mulm(r, a);
            }
            a = mulm(a, a);
            e >>= 1;
        }
        r
    };
    'witness: for a in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        let mut x = powm(a, d);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mulm(x, x);
            if x == n - 1 {
                continue 'witness;
            }
        }
        return false;
    }
    true
}

/// How many of the largest primes below `2^62` are computed once and cached.
const CACHED_PRIMES: usize = 256;

fn cached_primes() -> &'static [u64] {
    static PRIMES: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    PRIMES.get_or_init(|| primes_below((1 << 62) - 1).take(CACHED_PRIMES).collect())
}

/// The primes `<= start` (for odd `start`; an even `start` counts from
/// `start + 1`), descending, down to 5.
pub fn primes_below(start: u64) -> impl Iterator<Item = u64> {
    let mut n = start | 1;
    std::iter::from_fn(move || {
        while n > 3 {
            let c = n;
            n -= 2;
            if is_prime(c) {
                return Some(c);
            }
        }
        None
    })
}

/// Primes below `2^62`, descending from the largest: an endless supply of
/// moduli (the first 256 are computed once and cached).
///
/// # Example
///
/// ```
/// use neurovariety::modular::{is_prime, large_primes};
/// assert!(is_prime(1_000_000_007) && !is_prime(1_000_000_007 * 3));
/// let p: Vec<u64> = large_primes().take(2).collect();
/// assert!(p[0] > p[1] && p[0] < 1 << 62 && is_prime(p[1]));
/// ```
pub fn large_primes() -> impl Iterator<Item = u64> {
    let cached = cached_primes();
    let rest_start = cached.last().map_or((1 << 62) - 1, |&p| p - 2);
    cached.iter().copied().chain(primes_below(rest_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_primes_by_trial_division() {
        for n in 0..2000u64 {
            let trial = n >= 2 && (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0);
            assert_eq!(is_prime(n), trial, "{n}");
        }
        // strong pseudoprimes to several small bases
        assert!(!is_prime(3_215_031_751));
        assert!(!is_prime(3_825_123_056_546_413_051));
    }

    #[test]
    fn the_supply_continues_past_the_cache() {
        let ps: Vec<u64> = large_primes().take(CACHED_PRIMES + 3).collect();
        assert!(ps.windows(2).all(|w| w[0] > w[1]));
        assert!(ps.iter().all(|&p| is_prime(p) && p < 1 << 62));
        assert_eq!(primes_below(20).collect::<Vec<_>>(), [19, 17, 13, 11, 7, 5]);
    }
}
