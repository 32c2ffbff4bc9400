//! The main job: a report on a linear convolutional network architecture.
//!
//! ```sh
//! cargo run --release --example lcn -- --filters 2,3,4,5 --strides 2,2,2,1
//! cargo run --release --example lcn -- --filters 3,2 --strides 2,1 --generators --format singular
//! cargo run --release --example lcn -- --filters 3,2 --strides 2,1 --factor 1,2,3,4,5 --json
//! cargo run --release --example lcn -- --filters 4,4 --strides 2,1 --critical-points --seed 7
//! ```
//! Run with `--help` for every flag. Bad input exits with status 2 and one line
//! on stderr beginning `error:`.

use neurovariety::critical::GradientSystem;
use neurovariety::poly::Syntax;
use neurovariety::{
    Architecture, CriticalPointOptions, Error, GeneratorOptions, GeneratorSet, Loss,
};
use num_bigint::BigInt;
use num_rational::BigRational;
use serde_json::{json, Map, Value};
use std::process::ExitCode;

const HELP: &str = "\
lcn: what a one-dimensional linear convolutional network (LCN) can represent.

USAGE:
    cargo run --release --example lcn -- --filters K1,K2,... --strides S1,S2,... [OPTIONS]

ARCHITECTURE (required):
    --filters K1,K2,...   filter size of each layer (at least 1)
    --strides S1,S2,...   stride of each layer, one per layer (at least 1; the last
                          one only subsamples the output and does not change the
                          function space)

OPTIONS:
    --json                print one JSON object instead of the text report
    --generators          print the polynomial equations of the neurovariety in the
                          coordinates c0..c{k-1} (c_i = coefficient of x^(k-1-i) y^i
                          of the end-to-end filter)
    --format FMT          syntax of the generators: m2 (default), singular, sympy, latex
    --limit N             give up on the generators if more than N minors would be
                          needed (default 2000000)
    --tree                print the merge tree (all ways of merging adjacent layers,
                          with the number of critical points at each node)
    --dot                 with --tree: print it as Graphviz DOT
    --factor V0,V1,...    factor this end-to-end filter (integers or fractions like
                          3/4) into rational layer filters, or say why it cannot be
    --contains V0,V1,...  is this end-to-end filter in the neurovariety? If not,
                          which condition fails
    --critical-points     find every critical point of the squared loss in parameter
                          space (monodromy, each solution certified by the Krawczyk
                          test, stopping at the exact count); prints found/expected,
                          how many are real, and the real global minimum (with
                          --json: every solution as [re, im] pairs, and as
                          system_point in the unknowns x1..xN of --system with
                          the same seed)
    --seed S              seed of the random loss (without --data) and of the solver
                          (default 1)
    --data FILE           with --critical-points: training data as CSV, one sample
                          per line, the input values followed by the output values
                          (integers, fractions p/q or decimals, read exactly)
    --system FMT          print the gradient system of the loss (phc or m2) in a
                          random chart, for other solvers
    -h, --help            this text

EXAMPLE:
    cargo run --release --example lcn -- --filters 2,3,4,5 --strides 2,2,2,1
";

struct Args {
    filters: Vec<usize>,
    strides: Vec<usize>,
    json: bool,
    generators: bool,
    format: Syntax,
    format_name: String,
    limit: u128,
    tree: bool,
    dot: bool,
    factor: Option<Vec<BigRational>>,
    contains: Option<Vec<BigRational>>,
    critical_points: bool,
    seed: u64,
    data: Option<String>,
    system: Option<String>,
}

fn parse_usizes(flag: &str, v: &str) -> Result<Vec<usize>, String> {
    v.split(',')
        .map(|x| {
            x.trim().parse::<usize>().map_err(|_| {
                format!("{flag}: cannot read {x:?} as a non-negative integer (it may be too large)")
            })
        })
        .collect()
}

fn parse_rationals(flag: &str, v: &str) -> Result<Vec<BigRational>, String> {
    v.split(',')
        .map(|x| {
            let x = x.trim();
            let bad = || format!("{flag}: cannot read {x:?} as an integer or a fraction like -3/4");
            match x.split_once('/') {
                Some((a, b)) => {
                    let (a, b): (BigInt, BigInt) = (
                        a.trim().parse().map_err(|_| bad())?,
                        b.trim().parse().map_err(|_| bad())?,
                    );
                    if b == BigInt::from(0) {
                        return Err(format!("{flag}: {x:?} has a zero denominator"));
                    }
                    Ok(BigRational::new(a, b))
                }
                None => Ok(BigRational::from_integer(x.parse().map_err(|_| bad())?)),
            }
        })
        .collect()
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        filters: vec![],
        strides: vec![],
        json: false,
        generators: false,
        format: Syntax::Macaulay2,
        format_name: "m2".into(),
        limit: GeneratorOptions::default().limit,
        tree: false,
        dot: false,
        factor: None,
        contains: None,
        critical_points: false,
        seed: 1,
        data: None,
        system: None,
    };
    let (mut have_f, mut have_s) = (false, false);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--filters" => {
                a.filters = parse_usizes("--filters", &value("--filters")?)?;
                have_f = true;
            }
            "--strides" => {
                a.strides = parse_usizes("--strides", &value("--strides")?)?;
                have_s = true;
            }
            "--json" => a.json = true,
            "--generators" => a.generators = true,
            "--format" => {
                let f = value("--format")?;
                a.format = match f.as_str() {
                    "m2" | "macaulay2" => Syntax::Macaulay2,
                    "singular" => Syntax::Singular,
                    "sympy" => Syntax::SymPy,
                    "latex" => Syntax::LaTeX,
                    _ => {
                        return Err(format!(
                            "--format: unknown format {f:?} (use m2, singular, sympy or latex)"
                        ))
                    }
                };
                a.format_name = f;
            }
            "--limit" => {
                let v = value("--limit")?;
                a.limit = v
                    .parse()
                    .map_err(|_| format!("--limit: cannot read {v:?} as a non-negative integer"))?;
            }
            "--tree" => a.tree = true,
            "--dot" => a.dot = true,
            "--factor" => a.factor = Some(parse_rationals("--factor", &value("--factor")?)?),
            "--contains" => {
                a.contains = Some(parse_rationals("--contains", &value("--contains")?)?)
            }
            "--critical-points" => a.critical_points = true,
            "--seed" => {
                let v = value("--seed")?;
                a.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: cannot read {v:?} as a non-negative integer"))?;
            }
            "--data" => a.data = Some(value("--data")?),
            "--system" => {
                let f = value("--system")?;
                if f != "phc" && f != "m2" {
                    return Err(format!("--system: unknown format {f:?} (use phc or m2)"));
                }
                a.system = Some(f);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    if !have_f || !have_s {
        return Err("--filters and --strides are required (see --help)".into());
    }
    Ok(Some(a))
}

fn export(g: &GeneratorSet, syntax: Syntax) -> String {
    match syntax {
        Syntax::Singular => g.to_singular(),
        Syntax::SymPy => g.to_sympy(),
        Syntax::LaTeX => g.to_latex(),
        _ => g.to_macaulay2(),
    }
}

fn q_str(v: &[BigRational]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn run(a: Args) -> Result<(), Error> {
    let arch = Architecture::new(&a.filters, &a.strides)?;
    let v = arch.neurovariety();
    let red = arch.reduced();
    // counts out of reach (Error::TooLarge) are reported, not fatal
    let count = |r: Result<num_bigint::BigUint, Error>| match r {
        Ok(c) => Ok((c.to_string(), json!(c.to_string()))),
        Err(e @ Error::TooLarge { .. }) => Ok((format!("not computed ({e})"), Value::Null)),
        Err(e) => Err(e),
    };
    let (param, param_json) = count(arch.critical_point_count())?;
    let (func, func_json) = count(arch.function_space_critical_point_count())?;
    let options = GeneratorOptions::default().with_limit(a.limit);
    let gens = v.generators_with(&options);
    let mut obj = Map::new();
    obj.insert("filter_sizes".into(), json!(arch.filter_sizes()));
    obj.insert("strides".into(), json!(arch.strides()));
    obj.insert("dilations".into(), json!(arch.dilations()));
    obj.insert(
        "end_to_end_filter_size".into(),
        json!(arch.end_to_end_filter_size()),
    );
    obj.insert("end_to_end_stride".into(), json!(arch.end_to_end_stride()));
    obj.insert(
        "reduced".into(),
        json!({"filter_sizes": red.filter_sizes(), "dilations": red.dilations()}),
    );
    obj.insert("dimension".into(), json!(arch.dimension()));
    obj.insert("degree".into(), json!(arch.degree().to_string()));
    obj.insert(
        "critical_points".into(),
        json!({"parameter_space": param_json, "function_space": func_json}),
    );
    let mut text = String::new();
    let join = |v: &[usize]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    text.push_str(&format!("LCN architecture {arch}   ({arch:#})\n"));
    text.push_str(&format!(
        "  dilations                 {}\n",
        join(arch.dilations())
    ));
    text.push_str(&format!(
        "  end-to-end filter size    {} (coordinates c0..c{})\n",
        arch.end_to_end_filter_size(),
        arch.end_to_end_filter_size() - 1
    ));
    text.push_str(&format!(
        "  end-to-end stride         {}\n",
        arch.end_to_end_stride()
    ));
    text.push_str(&format!(
        "  parameters                {}\n",
        arch.num_parameters()
    ));
    text.push_str(&format!(
        "  reduced architecture      sizes ({}) at dilations ({})\n",
        join(red.filter_sizes()),
        join(red.dilations())
    ));
    text.push_str(&format!(
        "  neurovariety              dimension {} in C^{} (codimension {}), degree {}{}\n",
        v.dimension(),
        v.ambient_dimension(),
        v.codimension(),
        v.degree(),
        if arch.is_filling() {
            ", fills the space"
        } else {
            ""
        }
    ));
    text.push_str(&format!("  critical points           {param} in parameter space (modulo rescaling), {func} in function space (ED degree)\n"));
    text.push_str("  fully connected comparison\n");
    match arch.fully_connected_comparison() {
        Ok(cmp) => {
            for line in cmp.to_string().lines() {
                text.push_str(&format!("    {line}\n"));
            }
        }
        Err(e @ Error::TooLarge { .. }) => text.push_str(&format!("    not computed ({e})\n")),
        Err(e) => return Err(e),
    }
    match &gens {
        Ok(g) => {
            let mut parts = Vec::new();
            for ((deg, kind), n) in g.count_by_degree_and_kind() {
                parts.push(format!("{n} of degree {deg} ({})", kind.name()));
            }
            text.push_str(&format!(
                "  generators                {} equations, minimal for the ideal they generate (zero set = V){}{}\n",
                g.len(),
                if parts.is_empty() { "" } else { ": " },
                parts.join(", ")
            ));
        }
        Err(e) => text.push_str(&format!("  generators                not computed: {e}\n")),
    }
    if a.generators {
        let g = gens?;
        let names: Vec<String> = g.ring().names().to_vec();
        obj.insert(
            "generators".into(),
            json!({"variables": names, "format": a.format_name, "polynomials": g.formatted(a.format)}),
        );
        text.push('\n');
        text.push_str(&export(&g, a.format));
    }
    if a.tree {
        let tree = arch.merge_tree()?;
        let rendered = if a.dot { tree.to_dot() } else { tree.to_text() };
        obj.insert("tree".into(), json!(rendered));
        text.push('\n');
        text.push_str(&rendered);
        if !rendered.ends_with('\n') {
            text.push('\n');
        }
    }
    if let Some(w) = &a.factor {
        // TEMPORARY (factor branch): the CLI moves to Architecture::factorize when the
        // cli branch is merged; until then the deprecated wrapper keeps its behaviour.
        #[allow(deprecated)]
        match neurovariety::architecture::factorize_rational(&arch, w) {
            Ok(layers) => {
                obj.insert(
                    "factorization".into(),
                    json!(layers.iter().map(|l| q_str(l)).collect::<Vec<_>>()),
                );
                text.push_str("\nfactorization into layer filters:\n");
                for (l, layer) in layers.iter().enumerate() {
                    text.push_str(&format!(
                        "  layer {} ({} weights): {}\n",
                        l + 1,
                        layer.len(),
                        q_str(layer).join(", ")
                    ));
                }
            }
            Err(e @ (Error::NotInNeurovariety { .. } | Error::NoFactorization { .. })) => {
                obj.insert("factorization".into(), Value::Null);
                obj.insert("reason".into(), json!(e.to_string()));
                text.push_str(&format!("\nno factorization: {e}\n"));
            }
            Err(e) => return Err(e),
        }
    }
    if let Some(w) = &a.contains {
        let failing: Vec<String> = v
            .failing_conditions(w)?
            .iter()
            .map(|c| c.describe())
            .collect();
        obj.insert("contains".into(), json!(failing.is_empty()));
        obj.insert("failing_conditions".into(), json!(failing));
        if failing.is_empty() {
            text.push_str("\nthe filter is in the neurovariety\n");
        } else {
            text.push_str("\nthe filter is NOT in the neurovariety; failing conditions:\n");
            for f in &failing {
                text.push_str(&format!("  {f}\n"));
            }
        }
    }
    if a.critical_points || a.system.is_some() {
        let loss = match &a.data {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| Error::InvalidArgument {
                    name: "--data",
                    value: path.clone(),
                    reason: e.to_string(),
                })?;
                Loss::from_csv(&arch, &text)?
            }
            None => Loss::random(&arch, a.seed),
        };
        // the system in the chart of this seed: printed by --system, and the
        // chart in which --critical-points reports each solution's system_point
        let exported = GradientSystem::new(&arch, &loss, a.seed)?;
        if let Some(fmt) = &a.system {
            let out = if fmt == "phc" {
                exported.to_phc()
            } else {
                exported.to_macaulay2()
            };
            obj.insert("system".into(), json!(out));
            text.push('\n');
            text.push_str(&out);
        }
        if a.critical_points {
            let options = CriticalPointOptions::default().with_seed(a.seed);
            let r = arch.critical_points(&loss, &options)?;
            let in_exported = |p: &neurovariety::critical::CriticalPoint| {
                exported
                    .chart_point(&p.layers)
                    .map(|z| z.iter().map(|x| [x.re, x.im]).collect::<Vec<_>>())
            };
            let best = r.global_minimum();
            let minima = r.real().filter(|p| p.is_local_minimum()).count();
            obj.insert(
                "critical_point_solutions".into(),
                json!({
                    "found": r.found(),
                    "expected": r.expected,
                    "certified": r.certified(),
                    "complete": r.is_complete(),
                    "real": r.num_real(),
                    "real_local_minima": minima,
                    "global_minimum_loss": best.map(|p| p.loss.re),
                    "global_minimum_end_to_end": best.map(|p| p.end_to_end.iter().map(|c| c.re).collect::<Vec<_>>()),
                    "global_minimum_layers": best.map(|p| p.layers.iter().map(|l| l.iter().map(|c| c.re).collect::<Vec<_>>()).collect::<Vec<_>>()),
                    "global_minimum_system_point": best.and_then(in_exported),
                    "loops": r.loops,
                    "paths_tracked": r.paths_tracked,
                    "solutions": r.solutions.iter().map(|p| {
                        let c = |v: &[num_complex::Complex64]| v.iter().map(|z| [z.re, z.im]).collect::<Vec<_>>();
                        json!({
                            "end_to_end": c(&p.end_to_end),
                            "layers": p.layers.iter().map(|l| c(l)).collect::<Vec<_>>(),
                            "real": p.is_real,
                            "loss": [p.loss.re, p.loss.im],
                            "hessian_index": p.hessian_index,
                            "certified": p.certificate.is_some(),
                            "system_point": in_exported(p),
                        })
                    }).collect::<Vec<_>>(),
                }),
            );
            text.push_str(&format!(
                "\ncritical points of the loss ({}; seed {})\n",
                if a.data.is_some() {
                    "training data"
                } else {
                    "random generic loss"
                },
                a.seed
            ));
            text.push_str(&format!(
                "  found {} of {} expected, {} certified (Krawczyk){}\n",
                r.found(),
                r.expected,
                r.certified(),
                if r.is_complete() {
                    ": complete"
                } else {
                    ": INCOMPLETE, found < expected"
                }
            ));
            text.push_str(&format!(
                "  real                      {} ({} local minima)\n",
                r.num_real(),
                minima
            ));
            match best {
                Some(p) => {
                    let fmt = |v: &[num_complex::Complex64]| {
                        v.iter()
                            .map(|c| format!("{:.6}", c.re))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    text.push_str(&format!("  real global minimum loss  {:.10}\n", p.loss.re));
                    text.push_str(&format!(
                        "    end-to-end filter       {}\n",
                        fmt(&p.end_to_end)
                    ));
                    for (l, layer) in p.layers.iter().enumerate() {
                        text.push_str(&format!(
                            "    layer {}                 {}\n",
                            l + 1,
                            fmt(layer)
                        ));
                    }
                }
                None => text.push_str("  no real critical point found\n"),
            }
            text.push_str(&format!(
                "  monodromy loops {}, paths tracked {}\n",
                r.loops, r.paths_tracked
            ));
        }
    }
    if a.json {
        println!("{}", Value::Object(obj));
    } else {
        print!("{text}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
