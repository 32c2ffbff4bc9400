//! The text rendering of a [`Report`] (its `Display`).

use super::*;
use crate::critical::fully_connected::compact_widths;
use std::fmt::{self, Display, Formatter};

fn join<T: Display>(v: &[T], sep: &str) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

impl<T: Display> Display for Part<T> {
    /// The value, or `not computed: <reason>`.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Part::Computed(v) => v.fmt(f),
            Part::Skipped(s) => write!(f, "not computed: {}", s.reason),
        }
    }
}

/// A section header and either the part (rendered by `body`) or one line
/// saying why it was skipped; parts that were not requested are left out.
fn section<T>(
    f: &mut Formatter<'_>,
    title: &str,
    part: &Part<T>,
    body: impl FnOnce(&mut Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    match part {
        Part::Computed(v) => {
            writeln!(f, "\n{title}")?;
            body(f, v)
        }
        Part::Skipped(s) if s.skipped == SkipCode::NotRequested => Ok(()),
        Part::Skipped(s) => writeln!(f, "\n{title}\n  not computed: {}", s.reason),
    }
}

fn reals(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.6}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Display for Report {
    /// The report as text: the invariants, then each computed (or refused)
    /// part in its own section. Parts that were not requested are omitted,
    /// except the equations, whose line says how to ask for them.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let a = &self.architecture;
        let v = &self.neurovariety;
        let k = a.end_to_end_filter_size;
        writeln!(
            f,
            "LCN architecture {}   (k = ({}), s = ({}))",
            a.notation,
            join(&a.filter_sizes, ","),
            join(&a.strides, ",")
        )?;
        writeln!(
            f,
            "  dilations                 {}",
            join(&a.dilations, ", ")
        )?;
        writeln!(
            f,
            "  end-to-end filter size    {k} (coordinates c0..c{})",
            k - 1
        )?;
        writeln!(f, "  end-to-end stride         {}", a.end_to_end_stride)?;
        writeln!(f, "  parameters                {}", a.num_parameters)?;
        writeln!(
            f,
            "  reduced architecture      sizes ({}) at dilations ({})",
            join(&self.reduced.filter_sizes, ", "),
            join(&self.reduced.dilations, ", ")
        )?;
        let degree = match &v.degree {
            Part::Computed(d) => format!("degree {d}"),
            other => format!("degree {other}"),
        };
        writeln!(
            f,
            "  neurovariety              dimension {} in C^{k} (codimension {}), {degree}{}",
            v.dimension,
            v.codimension,
            if v.fills_space {
                ", fills the space"
            } else {
                ""
            }
        )?;
        for l in &v.levels {
            writeln!(
                f,
                "    level {} (tau = {}): the tau-decomposition pieces share a factor of degree >= {}",
                l.level, l.tau, l.e
            )?;
        }
        let c = &self.critical_point_counts;
        writeln!(
            f,
            "  critical points           in parameter space (modulo rescaling): {}",
            c.parameter_space
        )?;
        writeln!(
            f,
            "                            in function space (ED degree of V): {}",
            c.function_space
        )?;
        if let Part::Computed(strata) = &c.strata {
            if strata.len() > 1 {
                let parts: Vec<String> = strata
                    .iter()
                    .map(|s| format!("{} {}", s.count, s.stratum))
                    .collect();
                writeln!(
                    f,
                    "                            by stratum: {}",
                    parts.join(" + ")
                )?;
            }
        }
        match &self.equations {
            Part::Computed(e) => {
                let parts: Vec<String> = e
                    .by_degree
                    .iter()
                    .map(|n| format!("{} of degree {} ({})", n.count, n.degree, n.kind))
                    .collect();
                writeln!(
                    f,
                    "  equations                 {} {}generators (zero set = V){}{}",
                    e.count,
                    if e.minimal { "minimal " } else { "" },
                    if parts.is_empty() { "" } else { ": " },
                    parts.join(", ")
                )?;
            }
            Part::Skipped(s) => {
                writeln!(f, "  equations                 not computed: {}", s.reason)?
            }
        }
        match &self.ideal {
            Part::Computed(i) => {
                let parts: Vec<String> = i
                    .degrees
                    .iter()
                    .map(|(d, c)| format!("{c} of degree {d}"))
                    .collect();
                writeln!(
                    f,
                    "  vanishing ideal I(V)      {} minimal generators{}{}; {}",
                    i.polynomials.len(),
                    if parts.is_empty() { "" } else { ": " },
                    parts.join(", "),
                    i.certificate
                )?;
            }
            Part::Skipped(s) => {
                writeln!(f, "  vanishing ideal I(V)      not computed: {}", s.reason)?
            }
        }
        section(
            f,
            "fully connected comparison",
            &self.fully_connected_comparison,
            |f, cmp| {
                writeln!(
                    f,
                    "  fully connected linear networks of depth {} with at most {} parameters,",
                    cmp.depth, cmp.num_parameters
                )?;
                writeln!(
                    f,
                    "  widths (n,r,...,r,n) with the largest n for each bottleneck r:"
                )?;
                if cmp.fully_connected.is_empty() {
                    return writeln!(
                        f,
                        "    (none has a bottleneck: each has at most 1 critical point)"
                    );
                }
                writeln!(
                    f,
                    "    {:>4}  {:<24}  {:>10}  {:>9}  critical points",
                    "r", "widths", "parameters", "dimension"
                )?;
                for (i, e) in cmp.fully_connected.iter().enumerate() {
                    writeln!(
                        f,
                        "    {:>4}  {:<24}  {:>10}  {:>9}  {}{}",
                        e.rank,
                        compact_widths(&e.widths),
                        e.num_parameters,
                        e.function_space_dimension,
                        e.critical_points,
                        if cmp.best == Some(i) { "  (most)" } else { "" }
                    )?;
                }
                Ok(())
            },
        )?;
        section(
            f,
            "merge tree (critical points C in parameter space)",
            &self.merge_tree,
            |f, t| {
                let depth = t.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
                for d in 0..=depth {
                    let level: Vec<String> = t
                        .nodes
                        .iter()
                        .filter(|n| n.depth == d)
                        .map(|n| {
                            format!("({}) C={}", join(&n.filter_sizes, ","), n.critical_points)
                        })
                        .collect();
                    writeln!(f, "  level {d}: {}", level.join("   "))?;
                }
                writeln!(
                    f,
                    "  {} nodes, {} merges (edges)",
                    t.nodes.len(),
                    t.edges.len()
                )
            },
        )?;
        section(f, "factorization", &self.factorization, |f, r| {
            writeln!(f, "  filter {}", r.filter.join(", "))?;
            match (&r.layers, &r.reason) {
                (Some(layers), _) => {
                    for (l, layer) in layers.iter().enumerate() {
                        writeln!(
                            f,
                            "  layer {} ({} weights): {}",
                            l + 1,
                            layer.len(),
                            layer.join(", ")
                        )?;
                    }
                    Ok(())
                }
                (None, reason) => writeln!(
                    f,
                    "  {}: {}",
                    if r.status == FactorizationStatus::Undecided {
                        "undecided"
                    } else {
                        "no rational factorization"
                    },
                    reason.as_deref().unwrap_or("none exists")
                ),
            }
        })?;
        section(f, "membership", &self.membership, |f, m| {
            writeln!(f, "  filter {}", m.filter.join(", "))?;
            if m.contains {
                writeln!(f, "  in the neurovariety")
            } else {
                writeln!(f, "  NOT in the neurovariety; failing conditions:")?;
                for c in &m.failing_conditions {
                    writeln!(f, "    {c}")?;
                }
                Ok(())
            }
        })?;
        if let Part::Computed(r) = &self.real_membership {
            let verdict = match (r.in_neurovariety, r.in_neuromanifold) {
                (false, _) => "NOT in the neurovariety".to_string(),
                (true, Some(false)) => "in V(R), NOT in the real neuromanifold".to_string(),
                (true, None) => "in V(R); in the real neuromanifold: undecided".to_string(),
                (true, Some(true)) => format!(
                    "in the real neuromanifold, {}, {}; witness {}",
                    match r.relative_boundary {
                        Some(true) => "on its relative boundary",
                        Some(false) => "in its relative interior",
                        None => "relative position undecided",
                    },
                    match r.smooth {
                        Some(true) => "smooth point of V",
                        Some(false) => "singular point of V",
                        None => "smoothness undecided",
                    },
                    r.witness
                        .iter()
                        .flatten()
                        .map(|l| format!("({})", l.join(", ")))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            };
            let why = match (&r.reason, r.in_neuromanifold) {
                (Some(reason), Some(false) | None) => format!(" ({reason})"),
                _ => String::new(),
            };
            writeln!(
                f,
                "\nreal membership of ({}): {verdict}{why}",
                r.filter.join(", ")
            )?;
        }
        section(
            f,
            "critical points of the loss",
            &self.critical_points,
            |f, r| {
                let data = match &r.data {
                    DataSource::Random { seed } => format!("random generic loss, seed {seed}"),
                    DataSource::TrainingData { source } => format!("training data {source}"),
                };
                writeln!(
                    f,
                    "  data                      {data}; solver seed {}",
                    r.seed
                )?;
                writeln!(
                    f,
                    "  found {} of {} expected, {} certified (Krawczyk){}",
                    r.found,
                    r.expected,
                    r.certified,
                    if r.complete {
                        ": complete"
                    } else {
                        ": INCOMPLETE, found < expected"
                    }
                )?;
                writeln!(
                    f,
                    "  real                      {} ({} local minima)",
                    r.real, r.real_local_minima
                )?;
                let classes: Vec<&super::RealClassInfo> = r
                    .solutions
                    .iter()
                    .filter_map(|s| s.real_class.as_ref())
                    .collect();
                if !classes.is_empty() {
                    let count =
                        |v: Option<bool>| classes.iter().filter(|c| c.in_interior == v).count();
                    writeln!(
                        f,
                        "  real, in M                {} interior, {} on the boundary, {} undecided; {} with repeated filters",
                        count(Some(true)),
                        count(Some(false)),
                        count(None),
                        classes.iter().filter(|c| !c.repeated_filters.is_empty()).count()
                    )?;
                }
                match &r.best_real {
                    Some(p) => {
                        writeln!(
                            f,
                            "  {} {:.10}",
                            if p.is_global_minimum {
                                "real global minimum loss "
                            } else {
                                "best real critical point found (not proven global: incomplete), loss"
                            },
                            p.loss
                        )?;
                        writeln!(f, "    end-to-end filter       {}", reals(&p.end_to_end))?;
                        for (l, layer) in p.layers.iter().enumerate() {
                            writeln!(f, "    layer {:<18}{}", l + 1, reals(layer))?;
                        }
                    }
                    None => writeln!(f, "  no real critical point found")?,
                }
                let d = &r.diagnostics;
                let failed: usize = [
                    &d.monodromy,
                    &d.retracked,
                    &d.detours,
                    &d.seeds,
                    &d.transfer,
                ]
                .iter()
                .map(|p| p.failed.values().sum::<usize>())
                .sum();
                writeln!(
                    f,
                    "  paths tracked {} ({:.1} per solution; {} failed, {} re-tracked, {} jumps), monodromy loops added {}",
                    r.paths_tracked,
                    r.paths_tracked as f64 / r.expected.parse::<f64>().unwrap_or(1.0).max(1.0),
                    failed,
                    d.retracked.paths + d.transfer_retracked,
                    d.jumps,
                    r.loops
                )
            },
        )
    }
}
