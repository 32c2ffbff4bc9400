//! Failed paths cost their own re-track, not a new loop or a reseed
//! (docs/critical_points.md, section 3, item 4).
//!
//! A step budget of 12 steps makes most first tries of the monodromy fail
//! with `step-budget` (its paths take 47-63 steps: docs/critical_points.md,
//! section 3d); the careful re-tracks ([`TrackerOptions::careful`], their own
//! budget) must recover them. The run must still be complete, the failed
//! first tries must equal the careful re-tracks that were asked for, and no
//! loop (new edge) and no seed beyond the one per non-generic stratum may be
//! spent. (Written with the fix it found: a stratum seed whose path failed
//! was replaced by another random point with the same failing options, 8
//! times, and the orbit was lost; it is now re-tracked carefully first.)

use neurovariety::critical::{CriticalPointOptions, Loss};
use neurovariety::homotopy::{PathFailure, TrackerOptions};
use neurovariety::Architecture;

#[test]
fn failed_paths_are_retracked_not_reseeded() {
    // (2,2,2)/(1,2,1): 34 = 20 generic + 14 with w_1 ~ w_2 (two orbits)
    let arch = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
    let loss = Loss::random(&arch, 3);
    let tight = TrackerOptions::default().with_max_steps(12);
    let options = CriticalPointOptions::default()
        .with_seed(3)
        .with_tracker(tight);
    let found = arch.critical_points(&loss, &options).unwrap();
    assert!(
        found.is_complete(),
        "{} of {}",
        found.certified(),
        found.expected()
    );
    let d = found.diagnostics();
    let first = &d.monodromy.first;
    let budget_failures = first.failures(PathFailure::StepBudget);
    assert!(
        budget_failures > 0,
        "the tight budget must make first tries fail"
    );
    // every failed first try was re-tracked carefully, and those succeeded
    assert_eq!(
        d.monodromy.careful.paths,
        first.failed() + 2 * d.monodromy.jumps
    );
    assert_eq!(d.monodromy.careful.failed(), 0);
    assert_eq!(d.monodromy.detours.paths, 0);
    // no new loop; one stratum point seeded for the one non-generic
    // stratum: its path failed too and its careful re-track arrived
    assert_eq!(d.monodromy.loops, 0);
    assert_eq!(d.seeds.paths - d.seeds.failed(), 1);
    assert!(d.seeds.paths <= 2);
}

/// A stratum orbit short of its count when the graph stalls gets fresh
/// stratum points. Found by the property test `small_architectures_are_solved_completely`
/// (tests/homotopy.rs): on (2,2)/(1,1) with this loss the orbit of
/// `w_1 ~ w_2` (4 points: the ED degree of a conic) stopped at 3 and five new
/// loops did not bring the fourth; a fresh stratum point does.
#[test]
fn a_short_orbit_gets_fresh_stratum_points() {
    use num_rational::BigRational;
    let arch = Architecture::new(&[2, 2], &[1, 1]).unwrap();
    let base = Loss::random(&arch, 692);
    let u = [1i64, 92830, 64777]
        .iter()
        .map(|&t| BigRational::from_integer(t.into()))
        .collect();
    let loss = Loss::from_quadratic(base.form().clone(), u).unwrap();
    let options = CriticalPointOptions::default().with_seed(692);
    let found = arch.critical_points(&loss, &options).unwrap();
    // C = 6 = 2 (generic) + 4 (w_1 ~ w_2), docs/mathematics.md 6.1
    assert!(
        found.is_complete(),
        "{} of {}",
        found.certified(),
        found.expected()
    );
    let orbits: Vec<usize> = found.diagnostics().orbits.iter().map(|o| o.found).collect();
    assert_eq!(orbits, [2, 4]);
}
