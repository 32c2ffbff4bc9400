//! Every public constructor and fallible function, called with arbitrary
//! sizes (including `0`, `usize::MAX`, `2^40` and empty slices): the answer is
//! an `Err` or a correct value, never a panic, an abort or a hang (each call
//! runs inside `catch_unwind`, and the whole case under a time bound).

use neurovariety::architecture::{compose, convolution_matrix, pi};
use neurovariety::critical::{FullyConnected, MergeTree};
use neurovariety::linalg::{all_minors, count_minors, minors_on_columns, rank, solve, Matrix};
use neurovariety::poly::{BinaryForm, MPoly, Monomial, PolyRing, UPoly};
use neurovariety::resultant::{
    multi_sylvester_shape, resultant, share_factor, subresultant_matrix,
};
use neurovariety::sdecomp::{interleave_coeffs, piece_indices, rho, s_decomposition_coeffs};
use neurovariety::segre::{
    chern_numbers, generic_ed_degree, polar_degrees, segre_degree, size_estimate_bits,
};
use neurovariety::{Architecture, Error};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Sizes that break naive code: tiny, moderate, huge and the extremes.
fn size() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0usize..5,
        2 => 0usize..40,
        1 => Just(1usize << 20),
        1 => Just(1usize << 40),
        1 => Just(usize::MAX),
        1 => Just(usize::MAX - 1),
    ]
}

fn sizes(max_len: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(size(), 0..=max_len)
}

fn ints(max_len: usize) -> impl Strategy<Value = Vec<BigInt>> {
    proptest::collection::vec((-5i64..6).prop_map(BigInt::from), 0..=max_len)
}

/// Runs `f`, failing the test if it panics; the value is returned.
fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => panic!("{what} panicked"),
    }
}

fn rationals(v: &[BigInt]) -> Vec<BigRational> {
    v.iter().cloned().map(BigRational::from_integer).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn architectures_and_their_invariants(filters in sizes(4), strides in sizes(4)) {
        let start = Instant::now();
        let arch = no_panic("Architecture::new", || Architecture::new(&filters, &strides));
        if let Ok(a) = arch {
            // closed-form invariants: cheap for anything `new` accepts
            let d = no_panic("dimension", || a.dimension());
            prop_assert_eq!(d, 1 + a.filter_sizes().iter().map(|k| k - 1).sum::<usize>());
            no_panic("degree", || a.degree());
            no_panic("reduced", || a.reduced());
            let v = no_panic("neurovariety", || a.neurovariety());
            for c in v.conditions() {
                no_panic("describe", || c.describe());
                let counts = no_panic("piece_degree_counts", || c.piece_degree_counts());
                prop_assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), c.num_pieces());
            }
            let est = no_panic("generator_estimate", || v.generator_estimate());
            let _ = no_panic("critical_point_count", || a.critical_point_count());
            let _ = no_panic("function_space_critical_point_count", || a.function_space_critical_point_count());
            let _ = no_panic("merge_tree", || a.merge_tree());
            let _ = no_panic("fully_connected_comparison", || a.fully_connected_comparison());
            prop_assert!(start.elapsed() < Duration::from_secs(20), "closed forms of {} took {:?}", a, start.elapsed());
            if est.minors.saturating_add(est.linear) <= 2_000 && a.end_to_end_filter_size() <= 40 {
                let gens = no_panic("generators", || v.equations());
                prop_assert!(gens.is_ok());
            }
            // coordinates: correct within the limits. Composition and
            // membership are linear in the end-to-end filter size, but in
            // BigRational a filter near MAX_END_TO_END_FILTER_SIZE = 2^24
            // takes minutes and gigabytes ((37,4,4)/(4,2^20,29): 12.6
            // million coefficients, over 120 s and 4.7 GB in `contains`,
            // which made a CI run run out of memory): that is work, not a
            // hang, and this test is about panics, so it stops at 2^20
            if a.end_to_end_filter_size() > 1 << 20 {
                return Ok(());
            }
            let ones: Vec<Vec<BigRational>> = a.filter_sizes().iter()
                .map(|&k| vec![BigRational::from_integer(1.into()); k.min(64)]).collect();
            let w = no_panic("compose", || compose(&a, &ones));
            if let Ok(w) = w {
                prop_assert_eq!(w.len(), a.end_to_end_filter_size());
                prop_assert!(no_panic("contains", || v.contains(&w)).unwrap());
            }
        }
    }

    #[test]
    fn forms_and_polynomials(n in size(), t in size(), c in ints(4)) {
        let one = BigInt::from(1);
        if let Ok(f) = no_panic("pi", || pi(&c, t)) {
            prop_assert_eq!(f.degree(), c.len().saturating_sub(1) * t);
        }
        let _ = no_panic("BinaryForm::zero", || BinaryForm::<BigInt>::zero(n));
        if let Ok(f) = no_panic("BinaryForm::new", || BinaryForm::new(c.clone())) {
            let _ = no_panic("BinaryForm::inflate", || f.inflate(t));
            let _ = no_panic("from_dehomogenized", || BinaryForm::from_dehomogenized(&f.dehomogenize(), n));
        }
        let p = UPoly::new(c.clone());
        let _ = no_panic("UPoly::inflate", || p.inflate(t));
        let _ = no_panic("UPoly::monomial", || UPoly::monomial(one.clone(), n));
        no_panic("UPoly::coeff", || p.coeff(n));
        let _ = no_panic("MPoly::var", || MPoly::<BigInt>::var(n));
        let _ = no_panic("Monomial::var", || Monomial::var(n));
        no_panic("Monomial::exp", || Monomial::new(vec![1, 2]).exp(n));
        // huge counts are refused at once; 2^20 names would only be slow
        let names = if n > 1 << 30 { n } else { n.min(1 << 12) };
        let _ = no_panic("PolyRing::indexed", || PolyRing::indexed("c", names));
        let x = MPoly::<BigInt>::var(0).unwrap();
        let _ = no_panic("rename_vars", || x.rename_vars(&[n]));
        let _ = no_panic("subs", || x.subs(&[]));
        let _ = no_panic("eval", || x.eval(&[]));
    }

    #[test]
    fn decompositions(d in size(), t in size(), r in size(), c in ints(6)) {
        if let Ok(rh) = no_panic("rho", || rho(d, t, r)) {
            prop_assert!(rh < t);
        }
        if let Ok(ix) = no_panic("piece_indices", || piece_indices(d, t)) {
            prop_assert_eq!(ix.iter().map(|p| p.len()).sum::<usize>(), d + 1);
        }
        if let Ok(pieces) = no_panic("s_decomposition_coeffs", || s_decomposition_coeffs(&c, t)) {
            let back = no_panic("interleave_coeffs", || interleave_coeffs(&pieces, t, c.len() - 1));
            prop_assert_eq!(back.unwrap(), c.clone());
        }
        let pieces = vec![c.clone(), c.clone()];
        let _ = no_panic("interleave_coeffs (arbitrary)", || interleave_coeffs(&pieces, t, d));
        let _ = no_panic("multi_sylvester_shape", || multi_sylvester_shape(&[d, t, r], r));
        if let (Ok(f), Ok(g)) = (BinaryForm::new(c.clone()), BinaryForm::new(vec![BigInt::from(1), BigInt::from(2)])) {
            let _ = no_panic("share_factor", || share_factor(&[f.clone(), g.clone()], r));
            let _ = no_panic("resultant", || resultant(&f, &g));
            let _ = no_panic("subresultant_matrix", || subresultant_matrix(&f, &g, r));
        }
    }

    #[test]
    fn matrices(rows in size(), cols in size(), k in size(), entries in ints(9), picks in sizes(3)) {
        let _ = no_panic("Matrix::zeros", || Matrix::<BigInt>::zeros(rows, cols));
        let _ = no_panic("Matrix::identity", || Matrix::<BigInt>::identity(rows.min(1 << 30)));
        no_panic("count_minors", || count_minors(rows, cols, k));
        let side = (entries.len() as f64).sqrt() as usize;
        if side > 0 {
            let m = Matrix::from_rows(entries.chunks(side).take(side).map(|r| r.to_vec()).collect()).unwrap();
            let _ = no_panic("try_get", || m.try_get(rows, cols));
            let _ = no_panic("try_submatrix", || m.try_submatrix(&picks, &picks));
            let _ = no_panic("minors_on_columns", || minors_on_columns(&m, &picks));
            let _ = no_panic("all_minors", || all_minors(&m, k));
            let r = no_panic("rank", || rank(&m)).unwrap();
            prop_assert!(r <= side);
            let q = m.map(|x| BigRational::from_integer(x.clone()));
            let b = rationals(&entries[..side.min(entries.len())]);
            let _ = no_panic("solve", || solve(&q, &b));
            let _ = no_panic("solve (short rhs)", || solve(&q, &[]));
        }
        let _ = no_panic("convolution_matrix", || convolution_matrix(&entries, rows, cols));
    }

    #[test]
    fn counts_and_trees(dims in sizes(4), limit in size()) {
        let start = Instant::now();
        no_panic("size_estimate_bits", || size_estimate_bits(&dims));
        let _ = no_panic("generic_ed_degree", || generic_ed_degree(&dims));
        let _ = no_panic("segre_degree", || segre_degree(&dims));
        let _ = no_panic("chern_numbers", || chern_numbers(&dims));
        let _ = no_panic("polar_degrees", || polar_degrees(&dims));
        let _ = no_panic("MergeTree::new", || MergeTree::new(&dims));
        let _ = no_panic("MergeTree::with_limit", || MergeTree::with_limit(&dims, limit.min(1 << 12)));
        let _ = no_panic("FullyConnected::new", || FullyConnected::new(&dims));
        prop_assert!(start.elapsed() < Duration::from_secs(20), "{:?} took {:?}", dims, start.elapsed());
    }
}

/// The error of a refused size names the limit and whether an option raises it.
#[test]
fn refusals_name_their_limit() {
    let e = Matrix::<BigInt>::zeros(usize::MAX, 2).unwrap_err();
    assert!(matches!(
        e,
        Error::TooLarge {
            raise_with: None,
            ..
        }
    ));
    assert!(e.to_string().contains("no option raises this limit"), "{e}");
}
