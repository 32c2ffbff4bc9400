//! Exact membership in the real neuromanifold: `Architecture::real_membership`.

use neurovariety::architecture::{compose, RealMembership, RelativePosition};
use neurovariety::prelude::*;

fn arch(k: &[usize], s: &[usize]) -> Architecture {
    Architecture::new(k, s).unwrap()
}

fn qs(v: &[i64]) -> Vec<BigRational> {
    v.iter().map(|&x| q(x)).collect()
}

#[test]
fn issue_examples() {
    let a = arch(&[3, 2], &[2, 1]);
    let r = a.real_membership(&qs(&[1, 0, 0, 0, 1])).unwrap();
    println!("{r}");
    assert_eq!(r.in_neuromanifold(), Some(false));
    let r = a.real_membership(&qs(&[1, 0, 2, 0, 1])).unwrap();
    println!("{r}");
    let r = a.real_membership(&qs(&[1, 0, 0, 0, -1])).unwrap();
    println!("{r}");
    let r = a.real_membership(&qs(&[1, 0, -2, 0, 0])).unwrap();
    println!("{r}");
    let b = arch(&[2, 2, 2], &[1, 1, 1]);
    for w in [[1, 0, -3, 1], [1, 0, 0, 1], [1, 0, -1, 0], [1, -3, 3, -1]] {
        let r = b.real_membership(&qs(&w)).unwrap();
        println!("{w:?}: {r}");
    }
    let c = arch(&[2, 2, 2], &[1, 2, 1]);
    for w in [
        [1, 0, 0, 0, -1],
        [1, 0, 0, 0, 1],
        [1, 1, 2, 1, 1],
        [1, 0, -2, 0, 0],
    ] {
        let r = c.real_membership(&qs(&w)).unwrap();
        println!("{w:?}: {r}");
    }
    let d = arch(&[3, 3], &[1, 1]);
    for w in [[1, 0, 0, 0, 1], [1, 0, 0, 0, 2]] {
        let r = d.real_membership(&qs(&w)).unwrap();
        println!("{w:?}: {r}");
    }
    let e = arch(&[3, 2], &[2, 1]);
    let r = e.real_membership(&qs(&[1, 0, 0, 0, -2])).unwrap();
    println!("{r}");
    let _ = compose(&a, &[qs(&[1, 0, 1]), qs(&[1, 1])]);
    let _ = RelativePosition::Interior;
    let _: Option<RealMembership> = None;
}
#[test]
fn dbg_pair() {
    let e = arch(&[3, 2], &[2, 1]);
    let r = e.real_membership(&qs(&[1, 0, 0, 0, -2])).unwrap();
    println!("{r}");
}
#[test]
fn dbg_critical() {
    use neurovariety::{CriticalPointOptions, Loss};
    for (k, s) in [
        (vec![2, 2], vec![2, 1]),
        (vec![2, 2], vec![1, 1]),
        (vec![2, 2, 2], vec![1, 1, 1]),
        (vec![2, 2, 2], vec![1, 2, 1]),
        (vec![3, 2], vec![2, 1]),
        (vec![2, 3], vec![1, 1]),
    ] {
        let a = arch(&k, &s);
        let found = a
            .critical_points(&Loss::random(&a, 1), &CriticalPointOptions::default())
            .unwrap();
        let mut counts = std::collections::BTreeMap::new();
        for c in found.real_classes(&a).into_iter().flatten() {
            let c = Some(c);
            let key = format!(
                "{:?}",
                c.map(|c| (
                    c.in_interior,
                    c.smooth,
                    c.repeated_filters,
                    c.distinct_filters.len()
                ))
            );
            *counts.entry(key).or_insert(0) += 1;
        }
        println!(
            "{a}: {} real of {}: {counts:?}",
            found.num_real(),
            found.found()
        );
    }
}
