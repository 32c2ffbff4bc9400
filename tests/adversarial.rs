//! Regression tests for the adversarial review (issue 11): each input below
//! panicked, aborted, hung or gave a wrong answer before; each must now be an
//! `Err` that names the problem, or the right value.

use neurovariety::architecture::{compose, pi};
use neurovariety::linalg::{minors_on_columns, Matrix};
use neurovariety::poly::{BinaryForm, MPoly, PolyRing, UPoly};
use neurovariety::sdecomp::piece_indices;
use neurovariety::{Architecture, Error};
use num_bigint::BigInt;
use num_rational::BigRational;

fn one() -> BigInt {
    BigInt::from(1)
}

fn too_large(r: Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(r, Err(Error::TooLarge { .. }))
}

/// Item 9: huge dilations and degrees are refused before allocating.
#[test]
fn huge_forms_are_refused_not_allocated() {
    assert!(too_large(pi(&[one(), one()], usize::MAX)));
    assert!(too_large(pi(&[one(), one()], 1 << 40)));
    let f = BinaryForm::new(vec![one(), one()]).unwrap();
    assert!(too_large(f.inflate(usize::MAX)));
    assert!(too_large(f.inflate(1 << 40)));
    let p = UPoly::new(vec![one(), one()]);
    assert!(too_large(p.inflate(usize::MAX)));
    assert!(too_large(UPoly::monomial(one(), usize::MAX)));
    assert!(too_large(piece_indices(usize::MAX, 1)));
    assert!(too_large(Matrix::<BigInt>::zeros(usize::MAX, 2)));
    assert!(too_large(Matrix::<BigInt>::zeros(1 << 40, 1 << 40)));
    assert!(too_large(MPoly::<BigInt>::var(usize::MAX)));
    assert!(too_large(PolyRing::indexed("c", usize::MAX)));
    // the values just inside still come out right
    let g = pi(&[one(), BigInt::from(2)], 3).unwrap();
    assert_eq!(g.coeffs(), &[one(), 0.into(), 0.into(), BigInt::from(2)]);
}

/// Item 9: `minors_on_columns` returned a `Result` but panicked on a bad column.
#[test]
fn minors_on_columns_checks_its_columns() {
    let m = Matrix::from_rows(vec![
        vec![one(), BigInt::from(2)],
        vec![BigInt::from(3), BigInt::from(4)],
    ])
    .unwrap();
    assert!(matches!(
        minors_on_columns(&m, &[0, 5]),
        Err(Error::InvalidArgument { name: "column", .. })
    ));
    // 64 rows and 32 columns would be C(64, 32) ~ 1.8e18 row subsets: refused
    let big = Matrix::<BigInt>::zeros(64, 32).unwrap();
    let cols: Vec<usize> = (0..32).collect();
    assert!(too_large(minors_on_columns(&big, &cols)));
    assert_eq!(
        minors_on_columns(&m, &[1, 0]).unwrap(),
        vec![(0b11, BigInt::from(2))]
    );
}

/// Item 9: out-of-range matrix access has checked twins; the panicking ones
/// no longer read the neighbouring row silently.
#[test]
fn matrix_access_is_checked() {
    let m = Matrix::<BigInt>::identity(2).unwrap();
    assert_eq!(m.try_get(0, 2), None);
    assert!(m.try_submatrix(&[0], &[2]).is_err());
    assert!(std::panic::catch_unwind(|| m.get(0, 2).clone()).is_err());
    assert_eq!(m.try_submatrix(&[1], &[1]).unwrap().get(0, 0), &one());
}

/// Item 9: 100,000 nested parentheses overflowed the stack.
#[test]
fn deep_nesting_is_a_parse_error() {
    let r = PolyRing::new(&["x"]).unwrap();
    let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(matches!(r.parse_rational(&deep), Err(Error::Parse { .. })));
    let minus = format!("{}x", "-".repeat(100_000));
    assert!(matches!(r.parse_rational(&minus), Err(Error::Parse { .. })));
    // moderate nesting still parses
    let ok = format!("{}x{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(r.display(&r.parse_rational(&ok).unwrap()), "x");
}

/// Item 10: exponents wrapped around silently (`x^4294967294`, an empty string).
#[test]
fn exponent_overflow_is_an_error() {
    let r = PolyRing::new(&["x"]).unwrap();
    assert!(matches!(
        r.parse_rational("x^4294967295*x^4294967295"),
        Err(Error::Overflow { .. })
    ));
    assert!(matches!(
        r.parse_rational("(x^65536)^65536"),
        Err(Error::Overflow { .. })
    ));
    assert_eq!(
        r.display(&r.parse_rational("x^4294967295").unwrap()),
        "x^4294967295"
    );
    let x = r.parse_integer("x^4294967295").unwrap();
    assert!(x.checked_mul(&x).is_err());
    assert!(x.checked_pow(2).is_err());
    assert!(x.subs(std::slice::from_ref(&x)).is_err());
}

/// Parser work is bounded: huge expansions are refused quickly.
#[test]
fn huge_expansions_are_refused() {
    let r = PolyRing::new(&["x", "y", "z"]).unwrap();
    let start = std::time::Instant::now();
    for text in [
        "(x+y+z)^3000",
        "2^4294967295",
        "((x+1)^100)^1000",
        "(x^2+y)^4294967295",
    ] {
        assert!(r.parse_rational(text).is_err(), "{text}");
    }
    // a few seconds on an idle machine; generous for a loaded one
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(r.parse_integer("(x+y)^3").unwrap().num_terms(), 4);
}

/// Item 11: `equations_at` accepted another architecture's generators.
#[test]
fn equations_at_checks_the_architecture() {
    let q = |n: i64| BigRational::from_integer(n.into());
    let a = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    let b = Architecture::new(&[2, 2], &[3, 1]).unwrap(); // also 5 coordinates
    let w = compose(&a, &[vec![q(1), q(2), q(3)], vec![q(4), q(5)]]).unwrap();
    let gens_b = b.neurovariety().equations().unwrap();
    assert!(matches!(
        a.neurovariety().equations_at(&gens_b, &w),
        Err(Error::InvalidArgument {
            name: "generators",
            ..
        })
    ));
    // generators of an architecture with the same neurovariety are accepted
    let a_again = Architecture::new(&[3, 2], &[2, 7]).unwrap();
    let gens = a_again.neurovariety().equations().unwrap();
    let values = a.neurovariety().equations_at(&gens, &w).unwrap();
    assert!(values.iter().all(|v| *v == q(0)));
}

/// Item 7: a 50-layer architecture at stride 2 is an architecture; its
/// closed-form invariants exist; materialising its coordinates is refused with
/// an error that names what and says no option raises it.
#[test]
fn fifty_layers_at_stride_two() {
    let mut filters = vec![5, 12];
    filters.extend(std::iter::repeat_n(2, 48));
    let a = Architecture::new(&filters, &[2; 50]).unwrap();
    assert_eq!(a.dimension(), 1 + 4 + 11 + 48);
    assert!(a.end_to_end_filter_size() > 1 << 50);
    // 63! / (4! 11!) for the reduced sizes 5, 12, 2 x 48
    let expected = (1..=63u32).fold(num_bigint::BigUint::from(1u32), |acc, i| acc * i)
        / (num_bigint::BigUint::from(24u32)
            * (1..=11u32).fold(num_bigint::BigUint::from(1u32), |acc, i| acc * i));
    assert_eq!(a.degree(), expected);
    assert!(a.critical_point_count().is_ok());
    let err = a.neurovariety().equations().unwrap_err();
    assert!(
        err.to_string().contains("no option raises this limit"),
        "{err}"
    );
    assert!(too_large(compose(
        &a,
        &a.filter_sizes()
            .iter()
            .map(|&k| vec![BigRational::from_integer(1.into()); k])
            .collect::<Vec<_>>()
    )));
}

/// Fuzz finding (csv_training_data): 162 bytes of CSV with `5E7705` and long
/// denominators took 22 s of CPU building the exact loss. Numbers are now
/// bounded (`MAX_NUMBER_DIGITS` digits written out), so the input is refused
/// at once.
#[test]
fn fuzz_csv_with_huge_exponents_is_refused_quickly() {
    use neurovariety::critical::Loss;
    use neurovariety::limits::MAX_NUMBER_DIGITS;
    let bytes = include_bytes!("fixtures/fuzz/csv_timeout_huge_exponents.bin");
    let text = std::str::from_utf8(&bytes[1..]).unwrap();
    // the fuzz target picks the architecture from the first byte
    let arch = Architecture::new(&[1, 2, 2], &[3, 1, 2]).unwrap();
    let start = std::time::Instant::now();
    let err = Loss::from_csv(&arch, text).unwrap_err();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(matches!(err, Error::Parse { .. }), "{err}");
    assert_eq!(MAX_NUMBER_DIGITS, 1000);
    // the same data at a sane scale is read
    let sane = "1e-300,2,3,4,1/3\n5,6e300,7,8,9/7\n";
    let small = Architecture::new(&[2], &[1]).unwrap();
    assert!(Loss::from_csv(&small, sane).is_ok());
}
