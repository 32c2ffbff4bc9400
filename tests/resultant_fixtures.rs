//! Sylvester matrices, resultants and subresultants of generic polynomials,
//! compared term by term with Macaulay2 (`tests/fixtures/resultants.json`,
//! produced by `scripts/oracle/resultants.m2`).

use neurovariety::poly::{MPoly, Monomial, PolyRing, UPoly};
use neurovariety::resultant::{
    principal_subresultant_coefficient, resultant, subresultant_form, sylvester_matrix,
};
use num_bigint::BigInt;
use serde_json::Value;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/resultants.json"
    ))
    .expect("fixture file");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Coefficients (ascending in `x`) of a polynomial in the ring's last variable `x`.
fn coefficients_in_x(p: &MPoly<BigInt>, x: usize) -> UPoly<MPoly<BigInt>> {
    let deg = p
        .terms()
        .iter()
        .map(|(m, _)| m.exp(x) as usize)
        .max()
        .unwrap_or(0);
    let mut coeffs = vec![MPoly::zero(); deg + 1];
    for (m, c) in p.terms() {
        let mut e = m.exps().to_vec();
        let k = e.get(x).copied().unwrap_or(0) as usize;
        if x < e.len() {
            e[x] = 0;
        }
        coeffs[k] = &coeffs[k] + &MPoly::term(Monomial::new(e), c.clone());
    }
    UPoly::new(coeffs)
}

#[test]
fn generic_resultants_equal_macaulay2_term_by_term() {
    let fx = fixtures();
    let cases = fx["cases"].as_array().expect("cases");
    assert!(cases.len() >= 4);
    let mut seen = Vec::new();
    for case in cases {
        let (m, n) = (
            case["m"].as_u64().unwrap() as usize,
            case["n"].as_u64().unwrap() as usize,
        );
        seen.push((m, n));
        let names: Vec<String> = case["variables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let ring = PolyRing::new(&names).unwrap();
        let x = names.len() - 1;
        let parse = |key: &str| ring.parse_integer(case[key].as_str().unwrap()).unwrap();
        let (f, g) = (
            coefficients_in_x(&parse("f"), x),
            coefficients_in_x(&parse("g"), x),
        );
        assert_eq!((f.degree(), g.degree()), (Some(m), Some(n)));
        // the Sylvester matrix, entry by entry
        let s = sylvester_matrix(&f, &g).unwrap();
        let rows = case["sylvester_matrix"].as_array().unwrap();
        assert_eq!(s.nrows(), rows.len(), "({m},{n})");
        for (i, row) in rows.iter().enumerate() {
            for (j, e) in row.as_array().unwrap().iter().enumerate() {
                assert_eq!(
                    s.get(i, j),
                    &ring.parse_integer(e.as_str().unwrap()).unwrap(),
                    "({m},{n}) entry ({i},{j})"
                );
            }
        }
        // the resultant
        let r = resultant(&f, &g).unwrap();
        assert_eq!(r, parse("resultant"), "({m},{n}) resultant");
        if case.get("expected_resultant").is_some() {
            // degree-0 cases: Res(c, g) = c^deg g, also recorded independently of Macaulay2
            assert_eq!(
                r,
                parse("expected_resultant"),
                "({m},{n}) expected resultant"
            );
        }
        // subresultants: principal coefficients and polynomials
        for sub in case["subresultants"].as_array().unwrap() {
            let j = sub["j"].as_u64().unwrap() as usize;
            assert_eq!(
                principal_subresultant_coefficient(&f, &g, j).unwrap(),
                parse_str(&ring, &sub["psc"]),
                "({m},{n}) psc_{j}"
            );
            let form = subresultant_form(&f, &g, j).unwrap();
            // coefficient i of the form belongs to x^(j - i)
            let mut poly = MPoly::zero();
            for (i, c) in form.coeffs().iter().enumerate() {
                poly = &poly
                    + &c.mul_term(
                        &Monomial::new(var_power(x, (j - i) as u32)),
                        &BigInt::from(1),
                    );
            }
            assert_eq!(
                poly,
                parse_str(&ring, &sub["polynomial"]),
                "({m},{n}) S_{j}"
            );
        }
    }
    for need in [(2, 1), (3, 2), (3, 3), (4, 3)] {
        assert!(seen.contains(&need), "fixture for {need:?}");
    }
}

fn parse_str(ring: &PolyRing, v: &Value) -> MPoly<BigInt> {
    ring.parse_integer(v.as_str().unwrap()).unwrap()
}

fn var_power(i: usize, e: u32) -> Vec<u32> {
    let mut v = vec![0; i + 1];
    v[i] = e;
    v
}
