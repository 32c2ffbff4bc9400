//! Why a complex factorization is not real, in words.

use super::*;

/// Why the complex factorization found is not real, in words (`None` if every
/// level of it would be admissible over R).
pub(super) fn explain_real_failure(
    levels: &[Level],
    choices: &[Vec<Choice>],
    delta: f64,
) -> Option<String> {
    for (lv, chosen) in levels.iter().zip(choices).rev() {
        let ztol = (4.0 * lv.tau as f64 * delta).min(0.25);
        let zs: Vec<Pt> = chosen
            .iter()
            .map(|ch| match *ch {
                Choice::Any(z) | Choice::Real(z) | Choice::Pair(z) => z,
            })
            .collect();
        let reals = zs.iter().filter(|z| z.non_reality() <= ztol).count();
        let mut others: Vec<Pt> = zs
            .iter()
            .copied()
            .filter(|z| z.non_reality() > ztol)
            .collect();
        let mut pairs = 0;
        let mut closed = true;
        while let Some(z) = others.pop() {
            let partner = others
                .iter()
                .enumerate()
                .map(|(i, q)| (i, chordal(*q, z.conj())))
                .filter(|&(_, d)| d <= ztol)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match partner {
                Some((i, _)) => {
                    others.swap_remove(i);
                    pairs += 1;
                }
                None => closed = false,
            }
        }
        let (who, verb, its) = if lv.group.len() == 1 {
            let who = format!(
                "layer {} (dilation {}, degree {})",
                lv.group[0] + 1,
                lv.tau,
                lv.degrees[0]
            );
            (who, "needs", "its form")
        } else {
            let who = format!(
                "layers {:?} (merged at dilation {}, degrees {:?})",
                lv.group.iter().map(|l| l + 1).collect::<Vec<_>>(),
                lv.tau,
                lv.degrees
            );
            (who, "need", "their product")
        };
        let form = if lv.tau == 1 {
            its.to_string()
        } else {
            format!("{its} F(X, Y) with X = x^{t}, Y = y^{t}", t = lv.tau)
        };
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if !closed {
            let also = if reals < lv.odd {
                format!(
                    ", and {} where {} {} needed",
                    plural(reals, "real root", "real roots"),
                    lv.odd,
                    if lv.odd == 1 { "is" } else { "are" }
                )
            } else {
                String::new()
            };
            return Some(format!(
                "the factor of {who} has roots that are not closed under complex conjugation (non-real coefficients){also}"
            ));
        }
        if reals < lv.odd {
            return Some(format!(
                "{who} {verb} at least {} (one per layer of odd degree), while {form} has {} and {}",
                plural(lv.odd, "real root", "real roots"),
                plural(reals, "real root", "real roots"),
                plural(pairs, "pair of non-real conjugate roots", "pairs of non-real conjugate roots"),
            ));
        }
    }
    None
}
