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
use super::blocks::Degree;
use super::parametrisation::Parametrisation;
use crate::modular::{CrtVector, SparseEchelon, Zp};
use crate::poly::SparseVec;
use crate::random::SplitMix;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The kernel of a block modulo a prime, in reduced echelon form: one
/// vector per dependent monomial `b` (its leading index, coefficient 1),
/// supported on `b` and the pivot monomials before it; local indices.
#[derive(Clone, Debug, Default)]
pub(super) struct ModKernel {
    pub vectors: Vec<SparseVec<u64>>,
}

impl ModKernel {
    /// The dependent monomials (leading indices), increasing.
    pub fn dependent(&self) -> Vec<u32> {
        self.vectors
            .iter()
            .filter_map(|x| x.leading().map(|l| l.0))
            .collect()
    }
}

/// The result for one block.
#[derive(Clone, Debug, Default)]
pub(super) struct BlockIdeal {
    /// The kernel modulo the first prime (for the next degree's products).
    pub kernel: ModKernel,
    /// The minimal generators: primitive integer coefficients over the
    /// block's monomials (local indices), positive leading coefficient,
    /// increasing leading monomial.
    pub minimal: Vec<SparseVec<BigInt>>,
}

/// The block's monomials as lists of `(variable, exponent)`.
pub(super) fn sparse_monomials(deg: &Degree, b: usize) -> Vec<Vec<(u8, u8)>> {
    (0..deg.blocks[b].monomials.len())
        .map(|i| {
            deg.exponents(b, i)
                .iter()
                .enumerate()
                .filter(|(_, &e)| e > 0)
                .map(|(v, &e)| (v as u8, e))
                .collect()
        })
        .collect()
}

/// The values of the monomials at the point with live coordinates `c` (mod
/// `f`), from a table of the powers of the coordinates, all in Montgomery
/// form (one reduction per product): the values are `R` times the true
/// ones, which changes no kernel.
pub(super) fn monomial_values(monomials: &[Vec<(u8, u8)>], d: usize, c: &[u64], f: Zp) -> Vec<u64> {
    let one = f.montgomery_one();
    let powers: Vec<Vec<u64>> = c
        .iter()
        .map(|&x| {
            let x = f.to_montgomery(x);
            let mut p = Vec::with_capacity(d + 1);
            let mut y = one;
            for _ in 0..=d {
                p.push(y);
                y = f.mont_mul(y, x);
            }
            p
        })
        .collect();
    monomials
        .iter()
        .map(|m| {
            m.iter().fold(one, |acc, &(v, e)| {
                f.mont_mul(acc, powers[v as usize][e as usize])
            })
        })
        .collect()
}

/// The reduced kernel of block `b` modulo `f`, from evaluation at random
/// points drawn with `seed`.
pub(super) fn kernel_mod_p(
    param: &Parametrisation,
    deg: &Degree,
    b: usize,
    f: Zp,
    seed: u64,
) -> Result<ModKernel, Error> {
    let nb = deg.blocks[b].monomials.len();
    let mut rng = SplitMix::new(seed);
    let p = f.modulus();
    // rows[j][i] = m_i(mu(w_j))
    let monomials = sparse_monomials(deg, b);
    let d = deg.basis.degree();
    let rows: Vec<Vec<u64>> = (0..nb + 8)
        .map(|_| {
            let w: Vec<u64> = (0..param.num_weights)
                .map(|_| 1 + rng.next_u64() % (p - 1))
                .collect();
            monomial_values(&monomials, d, &param.evaluate(f, &w), f)
        })
        .collect();
    let vectors = f
        .kernel(&rows, nb)?
        .iter()
        .map(|x| SparseVec::from_dense(x))
        .collect();
    Ok(ModKernel { vectors })
}

/// Which local indices are leading monomials of the span of `rows`.
fn leading_monomials(
    nb: usize,
    rows: &[SparseVec<u64>],
    f: Zp,
    stop_at: usize,
) -> Result<Vec<bool>, Error> {
    let mut ech = SparseEchelon::new([f])?;
    ech.reset(nb);
    let (mut cols, mut vals) = (Vec::new(), Vec::new());
    for row in rows {
        if ech.rank() >= stop_at {
            break;
        }
        // column nb-1-i: the largest monomial is column 0
        cols.clear();
        vals.clear();
        for (i, &x) in row.iter().rev() {
            cols.push((nb - 1 - i as usize) as u32);
            vals.push(x);
        }
        ech.insert(&cols, [&vals]);
    }
    Ok((0..nb).map(|i| ech.is_pivot(nb - 1 - i)).collect())
}

/// Kernel, minimal part and exact minimal generators of block `b`, given
/// the products `c_v g` of the previous degree landing in it.
/// `primes[0]` is the prime of the kernels kept for the next degree.
pub(super) fn solve_block(
    param: &Parametrisation,
    deg: &Degree,
    b: usize,
    products: &[SparseVec<u64>],
    primes: &[Zp],
    seed: u64,
) -> Result<BlockIdeal, Error> {
    let f0 = primes[0];
    let nb = deg.blocks[b].monomials.len();
    let kernel = kernel_mod_p(param, deg, b, f0, seed)?;
    if kernel.vectors.is_empty() {
        return Ok(BlockIdeal {
            kernel,
            minimal: Vec::new(),
        });
    }
    let in_u = leading_monomials(nb, products, f0, kernel.vectors.len())?;
    let dependent = kernel.dependent();
    let selected: Vec<usize> = (0..kernel.vectors.len())
        .filter(|&i| !in_u[dependent[i] as usize])
        .collect();
    if selected.is_empty() {
        return Ok(BlockIdeal {
            kernel,
            minimal: Vec::new(),
        });
    }
    let minimal = lift_kernel_vectors(param, deg, b, &kernel, &selected, primes, seed)?;
    Ok(BlockIdeal { kernel, minimal })
}

/// The kernel vectors `selected` of block `b` (computed modulo `primes[0]`)
/// over Q: Chinese remaindering over primes whose dependent monomials agree,
/// rational reconstruction, primitive integer coefficients, each verified by
/// exact expansion. [`Error::NoConvergence`] when no lift verifies.
pub(super) fn lift_kernel_vectors(
    param: &Parametrisation,
    deg: &Degree,
    b: usize,
    kernel: &ModKernel,
    selected: &[usize],
    primes: &[Zp],
    seed: u64,
) -> Result<Vec<SparseVec<BigInt>>, Error> {
    let dense = |x: &SparseVec<u64>| -> Vec<u64> {
        let len = x.leading().map_or(0, |l| l.0 as usize + 1);
        let mut d = vec![0u64; len];
        for (i, &v) in x.iter() {
            d[i as usize] = v;
        }
        d
    };
    let dependent = kernel.dependent();
    let mut lifts: Vec<CrtVector> = selected
        .iter()
        .map(|&i| CrtVector::new(dense(&kernel.vectors[i]), primes[0]))
        .collect();
    for (t, &ft) in primes.iter().enumerate() {
        if t > 0 {
            let kt = kernel_mod_p(param, deg, b, ft, seed.wrapping_add(t as u64))?;
            if kt.dependent() != dependent {
                continue; // an unlucky prime or points: its kernel is larger
            }
            for (lift, &i) in lifts.iter_mut().zip(selected) {
                lift.add(&dense(&kt.vectors[i]), ft)?;
            }
        }
        let Some(candidates) = lifts
            .iter()
            .map(|l| l.reconstruct().map(|q| primitive(&q)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if candidates.iter().all(|g| vanishes_on_v(param, deg, b, g)) {
            return Ok(candidates);
        }
    }
    Err(Error::NoConvergence {
        what: format!(
            "lifting the vanishing ideal's generators of weight {} (the rational reconstruction did not verify with {} primes)",
            deg.blocks[b].key.0,
            primes.len()
        ),
    })
}

/// Clears denominators and content: primitive integer coefficients with a
/// positive leading (last) coefficient.
pub(super) fn primitive(q: &[num_rational::BigRational]) -> SparseVec<BigInt> {
    let den = q.iter().fold(BigInt::one(), |l, x| l.lcm(x.denom()));
    let v: Vec<(u32, BigInt)> = q
        .iter()
        .enumerate()
        .filter(|(_, x)| !x.is_zero())
        .map(|(i, x)| {
            (
                i as u32,
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
    SparseVec::from_pairs(if g.is_zero() {
        v
    } else {
        v.into_iter().map(|(i, x)| (i, x / &g * &sign)).collect()
    })
}

/// `f o mu == 0` for a vector over block `b`, decided by exact expansion.
pub(super) fn vanishes_on_v(
    param: &Parametrisation,
    deg: &Degree,
    b: usize,
    f: &SparseVec<BigInt>,
) -> bool {
    vanishes(
        param,
        f.iter().map(|(i, c)| (deg.exponents(b, i as usize), c)),
    )
}

/// `f o mu == 0` for the polynomial with these terms (exponents over the
/// live variables, integer coefficients), decided by exact expansion.
pub(super) fn vanishes<'a>(
    param: &Parametrisation,
    terms: impl Iterator<Item = (&'a [u8], &'a BigInt)> + Clone,
) -> bool {
    let norm1 = terms.clone().fold(BigInt::zero(), |s, (_, x)| s + x.abs());
    let expansion_norm = terms
        .clone()
        .map(|(e, _)| param.expansion_norm(e))
        .max()
        .unwrap_or(0);
    if expansion_norm == u128::MAX {
        return false; // the expansion's coefficients could overflow: not verified
    }
    let bound = norm1 * BigInt::from(expansion_norm);
    if bound < (BigInt::one() << 126) {
        let mut acc: FastMap<u128, i128> = FastMap::default();
        for (e, x) in terms {
            let x = x.to_i128().expect("bounded by the 1-norm");
            for (key, c) in param.expand(e) {
                *acc.entry(key).or_insert(0) += x * c as i128;
            }
        }
        acc.values().all(|v| *v == 0)
    } else {
        let mut acc: FastMap<u128, BigInt> = FastMap::default();
        for (e, x) in terms {
            for (key, c) in param.expand(e) {
                *acc.entry(key).or_insert_with(BigInt::zero) += x * BigInt::from(c);
            }
        }
        acc.values().all(|v| v.is_zero())
    }
}
