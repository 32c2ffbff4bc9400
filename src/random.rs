//! A small deterministic pseudo-random generator (SplitMix64) shared by the
//! randomized algorithms of the crate (Berlekamp splitting, random charts and
//! monodromy loops), so that every result is reproducible from a seed.

/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a fixed
/// odd increment and finalized by an avalanche mix.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix(u64);

impl SplitMix {
    /// A generator started from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)` (53 random bits).
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal float (Box–Muller).
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64(); // in (0, 1]
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A uniform integer in `[-bound, bound]` other than 0 (`bound >= 1`).
    pub(crate) fn nonzero_int(&mut self, bound: u64) -> i64 {
        let v = (self.next_u64() % (2 * bound)) as i64 - bound as i64;
        if v >= 0 {
            v + 1
        } else {
            v
        }
    }

    /// A uniform integer in `[-bound, bound]`.
    pub(crate) fn int(&mut self, bound: u64) -> i64 {
        (self.next_u64() % (2 * bound + 1)) as i64 - bound as i64
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix;

    #[test]
    fn ranges_are_respected() {
        let mut r = SplitMix::new(7);
        for _ in 0..1000 {
            let v = r.nonzero_int(3);
            assert!(v != 0 && (-3..=3).contains(&v));
            let w = r.int(2);
            assert!((-2..=2).contains(&w));
            let f = r.next_f64();
            assert!((0.0..1.0).contains(&f));
        }
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut r = SplitMix::new(11);
        let n = 20000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(
            mean.abs() < 0.05 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
    }
}
