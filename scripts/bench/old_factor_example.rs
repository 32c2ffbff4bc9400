// Copy into examples/ of a worktree of main at 2e52c15 together with
// tests/common/swinnerton_dyer.rs (see scripts/bench/run_factor_benchmarks.sh).
#[path = "../tests/common/swinnerton_dyer.rs"]
mod swinnerton_dyer;
use neurovariety::poly::{factor_integer, BinaryForm};
use neurovariety::Architecture;
use num_rational::BigRational;
use std::time::Instant;

fn main() {
    let what = std::env::args().nth(1).unwrap();
    match what.as_str() {
        "sd" => {
            let k: usize = std::env::args().nth(2).unwrap().parse().unwrap();
            let f = swinnerton_dyer::swinnerton_dyer(k);
            let t = Instant::now();
            let fac = factor_integer(&f).unwrap();
            println!("S_{k}: {} factors in {:?}", fac.factors.len(), t.elapsed());
        }
        "primes" => {
            let mut p = BinaryForm::from_i64(&[1, 0, 0, 0, -1]).unwrap();
            for q in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59] {
                p = &p * &BinaryForm::from_i64(&[1, 0, 0, 0, -q]).unwrap();
            }
            let w: Vec<BigRational> = p.coeffs().iter().map(|c| BigRational::from_integer(c.clone())).collect();
            let arch = Architecture::new(&[35, 2, 10], &[2, 2, 1]).unwrap();
            let t = Instant::now();
            let r = neurovariety::architecture::factorize_rational(&arch, &w);
            println!("primes: {:?} in {:?}", r.map(|l| l.len()), t.elapsed());
        }
        "sd64arch" => {
            let f = swinnerton_dyer::swinnerton_dyer(6);
            let w: Vec<BigRational> = f.coeffs().iter().rev().map(|c| BigRational::from_integer(c.clone())).collect();
            let arch = Architecture::new(&[33, 33], &[1, 1]).unwrap();
            let t = Instant::now();
            let r = neurovariety::architecture::factorize_rational(&arch, &w);
            println!("sd64arch: {:?} in {:?}", r.map(|l| l.len()), t.elapsed());
        }
        _ => panic!(),
    }
}
