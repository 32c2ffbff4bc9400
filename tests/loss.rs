//! The loss of training data as an exact quadratic form on function space,
//! checked against a direct evaluation of the network layer by layer.

use neurovariety::architecture::compose;
use neurovariety::critical::{parse_exact_number, Loss};
use neurovariety::linalg::Matrix;
use neurovariety::proptest::{architectures, integer_layer_filters, training_data};
use neurovariety::{Architecture, Error};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

fn q(n: i64) -> BigRational {
    BigRational::from_integer(n.into())
}

/// The network applied layer by layer: `z_l(i) = sum_j w_{l,j} z_{l-1}(i s_l + j)`
/// (written here independently of the crate's composition).
fn network(
    arch: &Architecture,
    layers: &[Vec<BigRational>],
    x: &[BigRational],
) -> Vec<BigRational> {
    let mut z = x.to_vec();
    for (w, &s) in layers.iter().zip(arch.strides()) {
        let k = w.len();
        let len = (z.len() - k) / s + 1;
        z = (0..len)
            .map(|i| (0..k).map(|j| &w[j] * &z[i * s + j]).sum())
            .collect();
    }
    z
}

fn rationals(rows: &[Vec<BigInt>]) -> Vec<Vec<BigRational>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|x| BigRational::from_integer(x.clone()))
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The loss at mu(w) equals the squared error of the network with layers w
    /// on the data, exactly; and the data-free part (the offset) is what no
    /// filter can remove (the loss is never below it).
    #[test]
    fn loss_is_the_squared_error_of_the_network(
        (arch, w, (xs, ys)) in architectures(1..=3, 1..=3, 1..=3).prop_flat_map(|a| {
            let w = integer_layer_filters(&a, -3..=3);
            let d = training_data(&a, 3..=6, 1..=4, -4..=4);
            (Just(a), w, d)
        })
    ) {
        let (xs, ys) = (rationals(&xs), rationals(&ys));
        let loss = match Loss::from_training_data(&arch, &xs, &ys) {
            Ok(l) => l,
            // degenerate random data (windows not spanning) is a clear error
            Err(Error::InvalidArgument { .. }) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        let layers: Vec<Vec<BigRational>> = rationals(&w);
        let mut error = BigRational::from_integer(0.into());
        for (x, y) in xs.iter().zip(&ys) {
            let out = network(&arch, &layers, x);
            prop_assert_eq!(out.len(), y.len());
            for (o, t) in out.iter().zip(y) {
                error += (o - t) * (o - t);
            }
        }
        let c = compose(&arch, &layers).unwrap();
        prop_assert_eq!(loss.value(&c).unwrap(), error.clone());
        prop_assert!(&error >= loss.offset());
        // at the least-squares filter u the loss is the offset
        prop_assert_eq!(&loss.value(loss.target()).unwrap(), loss.offset());
    }

    /// Exact decimal reading agrees with the float it denotes when that float
    /// is exact, and never panics on arbitrary text.
    #[test]
    fn exact_numbers_round_trip(n in -100000i64..100000, e in 0u32..6, text in ".{0,12}") {
        let s = format!("{}e-{}", n, e);
        let expect = BigRational::new(n.into(), BigInt::from(10).pow(e));
        prop_assert_eq!(parse_exact_number(&s).unwrap(), expect);
        let _ = parse_exact_number(&text);
    }

    /// Arbitrary text as CSV data and arbitrary charts: errors, never panics.
    #[test]
    fn arbitrary_csv_and_charts_are_errors_not_panics(
        text in "[0-9,./e\\-\n x#]{0,80}",
        chart in proptest::collection::vec(proptest::collection::vec(-2i64..3, 0..4), 0..3),
    ) {
        let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
        let _ = Loss::from_csv(&arch, &text);
        let ok = chart.len() == 1 && chart[0].len() == 2 && chart[0][0] != 0;
        let r = neurovariety::critical::Chart::new(&arch, chart);
        prop_assert_eq!(r.is_ok(), ok);
        if let Ok(chart) = r {
            let sys = neurovariety::critical::GradientSystem::with_chart(&arch, &Loss::random(&arch, 1), chart);
            prop_assert!(sys.is_ok());
        }
    }

    /// Arbitrary (possibly invalid) quadratic forms: a clear answer, never a panic;
    /// accepted forms are symmetric with positive diagonal.
    #[test]
    fn quadratic_forms_are_validated(k in 1usize..4, entries in proptest::collection::vec(-5i64..5, 16)) {
        let rows: Vec<Vec<BigRational>> = (0..k).map(|r| (0..k).map(|c| q(entries[r * k + c])).collect()).collect();
        let m = Matrix::from_rows(rows).unwrap();
        match Loss::from_quadratic(m.clone(), vec![q(0); k]) {
            Ok(_) => {
                prop_assert_eq!(&m, &m.transpose());
                for i in 0..k { prop_assert!(m.get(i, i) > &q(0)); }
            }
            Err(e) => {
                let rejected = matches!(e, Error::InvalidArgument { .. });
                prop_assert!(rejected, "{}", e);
            }
        }
        let mismatch = matches!(Loss::from_quadratic(m, vec![q(0); k + 1]), Err(Error::LengthMismatch { .. }));
        prop_assert!(mismatch);
    }
}

#[test]
fn hand_computed_loss() {
    // one layer of size 2, stride 1; x = (1, 2, 3), y = (1, 1):
    // windows (1,2), (2,3): A = [[5, 8], [8, 13]], b = (3, 5), e = 2
    let arch = Architecture::new(&[2], &[1]).unwrap();
    let loss =
        Loss::from_training_data(&arch, &[vec![q(1), q(2), q(3)]], &[vec![q(1), q(1)]]).unwrap();
    assert_eq!(
        loss.form().to_rows(),
        vec![vec![q(5), q(8)], vec![q(8), q(13)]]
    );
    // u = A^{-1} b = (-1, 1) (det 1): both windows fit exactly, residual 0
    assert_eq!(loss.target(), &[q(-1), q(1)]);
    assert_eq!(loss.offset(), &q(0));
    assert_eq!(loss.value(&[q(0), q(0)]).unwrap(), q(2));
}

#[test]
fn csv_and_errors() {
    let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    // k = 4, S = 2: d0 = 6 gives 2 outputs, 8 columns
    let csv = "# x0..x5, y0, y1\n1,0,2,1,0,3, 1,2\n0,1,1,0,2,1, 0.5,-1\n2,1,0,1,1,0, 1/3,2e0\n1,1,1,2,0,1, 3,1\n";
    let loss = Loss::from_csv(&arch, csv).unwrap();
    assert_eq!(loss.dimension(), 4);
    let err = Loss::from_csv(&arch, "1,2,3\n").unwrap_err();
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err}");
    let err = Loss::from_csv(&arch, "1,0,2,1,0,3,1,x\n").unwrap_err();
    assert!(matches!(err, Error::Parse { position: 14, .. }), "{err}");
    let err = Loss::from_csv(&arch, "1,0,2,1,0,3,1,2\n1,2\n").unwrap_err();
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err}");
    // too few samples: the windows do not span C^4
    let err = Loss::from_csv(&arch, "1,0,2,1,0,3,1,2\n").unwrap_err();
    assert!(err.to_string().contains("span"), "{err}");
    assert!(matches!(
        Loss::from_training_data_f64(&arch, &[vec![f64::NAN; 6]], &[vec![0.0; 2]]),
        Err(Error::NonFinite { index: 0, .. })
    ));
    assert!(matches!(
        Loss::from_training_data(&arch, &[vec![q(1); 6]], &[vec![q(1); 3]]),
        Err(Error::LengthMismatch { .. })
    ));
}
