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
