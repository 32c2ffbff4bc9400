//! One block of the multigrading: the kernel of `f -> f o mu` modulo a
//! prime, its minimal part, and the exact lift of the minimal generators.
//!
//! **Kernel modulo `p`.** The monomials `m_0 < m_1 < ...` of the block are
//! evaluated at `|B| + 8` random points `mu(w)` mod `p` (a prime below `2^26`,
//! for [`Zp::kernel`]'s delayed reduction), and the kernel of
//! this evaluation matrix is taken with pivots chosen left to right. A
//! non-pivot column is *dependent*: its kernel vector is
//! `m_b - sum_{a < b, a pivot} x_a m_a`. These vectors are the reduced
//! echelon basis of the kernel whose leading monomials are the dependent
//! ones (the largest monomial of each vector is its own), so they do not
//! depend on the points once the kernel is right.
//!
//! **Minimal generators.** The products `c_v g` of the degree-`(d-1)` kernel
//! vectors landing in the block span `(S_1 I_{d-1})_B`; their leading
//! monomials (a sparse echelon over the monomials in decreasing order) are
//! `LM((S_1 I_{d-1})_B)`. The kernel vectors whose leading monomial is not
//! among them complete it to `I_B`: they are the block's minimal generators.
//!
//! **Exactness.** The kernel of the exact map (integer matrix of the
//! coefficients of `m o mu`) reduces mod `p` into the kernel of the
//! evaluation, so `dim_Q I_B <= dim_p`. The minimal generators are lifted by
//! Chinese remaindering over primes whose dependent monomials agree, rational
//! reconstruction and clearing of denominators, and each is **verified by
//! exact expansion** of `f o mu` (every coefficient zero, in `i128` when the
//! 1-norm bound fits, else in big integers). Verified generators and the
//! products (which vanish on `V` because the factors do) span a space of
//! dimension at least `dim_p` (independence mod `p` implies independence
//! over Q), so `dim_Q I_B = dim_p` exactly: the Hilbert function is proven,
//! and the mod-`p` kernel is the reduction of the rational one, which the
//! next degree's products rely on.

use super::super::packed::FastMap;
use super::blocks::Block;
use super::parametrisation::Parametrisation;
use crate::modular::{CrtVector, SparseEchelon, Zp};
use crate::random::SplitMix;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The kernel of a block modulo a prime, in reduced echelon form.
#[derive(Clone, Debug, Default)]
pub(super) struct ModKernel {
    /// `(b, x)`: the kernel vector with leading monomial `b` and dense
    /// coefficients `x[0..=b]` (`x[b] = 1`).
    pub vectors: Vec<(usize, Vec<u64>)>,
}

impl ModKernel {
    fn dependent(&self) -> Vec<usize> {
        self.vectors.iter().map(|(b, _)| *b).collect()
    }
}

/// A row of `(S_1 I_{d-1})` in the block's monomials: `(exponents, value)`.
pub(super) type ProductRow = Vec<(Vec<u8>, u64)>;

/// The result for one block.
#[derive(Clone, Debug, Default)]
pub(super) struct BlockIdeal {
    /// The kernel modulo the first prime (for the next degree's products).
    pub kernel: ModKernel,
    /// The minimal generators: primitive integer coefficients over the
    /// block's monomial indices, positive leading coefficient, increasing
    /// leading monomial.
    pub minimal: Vec<Vec<(usize, BigInt)>>,
}

/// The reduced kernel of the block modulo `f`, from evaluation at random
/// points drawn with `seed`.
pub(super) fn kernel_mod_p(
    param: &Parametrisation,
    block: &Block,
    f: Zp,
    seed: u64,
) -> Result<ModKernel, Error> {
    let nb = block.monomials.len();
    let npts = nb + 8;
    let mut rng = SplitMix::new(seed);
    let p = f.modulus();
    // rows[j][b] = m_b(mu(w_j))
    let mut rows = vec![vec![0u64; nb]; npts];
    for row in rows.iter_mut() {
        let w: Vec<u64> = (0..param.num_weights)
            .map(|_| 1 + rng.next_u64() % (p - 1))
            .collect();
        let c = param.evaluate(f, &w);
        for (b, mono) in block.monomials.iter().enumerate() {
            row[b] = mono
                .iter()
                .enumerate()
                .filter(|(_, &e)| e > 0)
                .fold(1, |acc, (v, &e)| f.mul(acc, f.pow(c[v], e as u64)));
        }
    }
    // one kernel vector per non-pivot (dependent) column b, supported on b
    // and the pivot columns before it
    let vectors = f
        .kernel(&rows, nb)?
        .into_iter()
        .map(|mut x| {
            let b = x.iter().rposition(|&v| v != 0).unwrap_or(0);
            x.truncate(b + 1);
            (b, x)
        })
        .collect();
    Ok(ModKernel { vectors })
}

/// The leading monomials of the span of `rows` (block monomial indices).
fn leading_monomials(
    block: &Block,
    rows: &[ProductRow],
    f: Zp,
    stop_at: usize,
) -> Result<Vec<bool>, Error> {
    let nb = block.monomials.len();
    let index = block.index();
    let mut ech = SparseEchelon::new([f])?;
    ech.reset(nb);
    for row in rows {
        if ech.rank() >= stop_at {
            break;
        }
        // column nb-1-i: the largest monomial is column 0
        let mut entries: Vec<(u32, u64)> = row
            .iter()
            .map(|(m, x)| {
                let i = index.get(m.as_slice()).copied().ok_or_else(|| {
                    Error::internal(format!(
                        "a product of a kernel vector left its block (row {m:?})"
                    ))
                })?;
                Ok(((nb - 1 - i) as u32, *x))
            })
            .collect::<Result<_, Error>>()?;
        entries.sort_unstable_by_key(|e| e.0);
        let cols: Vec<u32> = entries.iter().map(|e| e.0).collect();
        let vals: Vec<u64> = entries.iter().map(|e| e.1).collect();
        ech.insert(&cols, [&vals]);
    }
    Ok((0..nb).map(|i| ech.is_pivot(nb - 1 - i)).collect())
}

/// Kernel, minimal part and exact minimal generators of one block.
/// `primes[0]` is the prime of the kernels kept for the next degree.
pub(super) fn solve_block(
    param: &Parametrisation,
    block: &Block,
    products: &[ProductRow],
    primes: &[Zp],
    seed: u64,
) -> Result<BlockIdeal, Error> {
    let f0 = primes[0];
    let kernel = kernel_mod_p(param, block, f0, seed)?;
    if kernel.vectors.is_empty() {
        return Ok(BlockIdeal {
            kernel,
            minimal: Vec::new(),
        });
    }
    let in_u = leading_monomials(block, products, f0, kernel.vectors.len())?;
    let selected: Vec<usize> = (0..kernel.vectors.len())
        .filter(|&i| !in_u[kernel.vectors[i].0])
        .collect();
    if selected.is_empty() {
        return Ok(BlockIdeal {
            kernel,
            minimal: Vec::new(),
        });
    }
    let dependent = kernel.dependent();
    let mut lifts: Vec<CrtVector> = selected
        .iter()
        .map(|&i| CrtVector::new(kernel.vectors[i].1.clone(), f0))
        .collect();
    for (t, &ft) in primes.iter().enumerate() {
        if t > 0 {
            let kt = kernel_mod_p(param, block, ft, seed.wrapping_add(t as u64))?;
            if kt.dependent() != dependent {
                continue; // an unlucky prime or points: its kernel is larger
            }
            for (lift, &i) in lifts.iter_mut().zip(&selected) {
                lift.add(&kt.vectors[i].1, ft)?;
            }
        }
        let Some(candidates) = lifts
            .iter()
            .map(|l| l.reconstruct().map(|q| primitive(&q)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if candidates.iter().all(|g| vanishes_on_v(param, block, g)) {
            return Ok(BlockIdeal {
                kernel,
                minimal: candidates,
            });
        }
    }
    Err(Error::NoConvergence {
        what: format!(
            "lifting the vanishing ideal's generators of weight {} (the rational reconstruction did not verify with {} primes)",
            block.key.0,
            primes.len()
        ),
    })
}

/// Clears denominators and content: primitive integer coefficients with a
/// positive leading (last) coefficient.
pub(super) fn primitive(q: &[num_rational::BigRational]) -> Vec<(usize, BigInt)> {
    let den = q.iter().fold(BigInt::one(), |l, x| l.lcm(x.denom()));
    let mut v: Vec<(usize, BigInt)> = q
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.is_zero())
        .map(|(i, x)| {
            (
                i,
                (x * num_rational::BigRational::from_integer(den.clone())).to_integer(),
            )
        })
        .collect();
    let g = v.iter().fold(BigInt::zero(), |g, (_, x)| g.gcd(x));
    let sign = if v.last().is_some_and(|(_, x)| x.is_negative()) {
        -BigInt::one()
    } else {
        BigInt::one()
    };
    if !g.is_zero() {
        for (_, x) in v.iter_mut() {
            *x = &*x / &g * &sign;
        }
    }
    v
}

/// `f o mu == 0`, decided by exact expansion.
pub(super) fn vanishes_on_v(param: &Parametrisation, block: &Block, f: &[(usize, BigInt)]) -> bool {
    let norm1 = f.iter().fold(BigInt::zero(), |s, (_, x)| s + x.abs());
    let expansion_norm = f
        .iter()
        .map(|(i, _)| param.expansion_norm(&block.monomials[*i]))
        .max()
        .unwrap_or(0);
    if expansion_norm == u128::MAX {
        return false; // the expansion's coefficients could overflow: not verified
    }
    let bound = norm1 * BigInt::from(expansion_norm);
    if bound < (BigInt::one() << 126) {
        let mut acc: FastMap<u128, i128> = FastMap::default();
        for (i, x) in f {
            let x = x.to_i128().expect("bounded by the 1-norm");
            for (key, c) in param.expand(&block.monomials[*i]) {
                *acc.entry(key).or_insert(0) += x * c as i128;
            }
        }
        acc.values().all(|v| *v == 0)
    } else {
        let mut acc: FastMap<u128, BigInt> = FastMap::default();
        for (i, x) in f {
            for (key, c) in param.expand(&block.monomials[*i]) {
                *acc.entry(key).or_insert_with(BigInt::zero) += x * BigInt::from(c);
            }
        }
        acc.values().all(|v| v.is_zero())
    }
}
