//! Every export of `lcn`, fed unchanged to the tool it is for: Macaulay2,
//! Singular, Python with SymPy, LaTeX, Graphviz `dot` and PHCpack `phc`. Each
//! tool checks a fact known independently (docs/mathematics.md's dimension, degree
//! and generator counts, the merge tree's size, the critical point count).
//! A test whose tool is not installed prints that it skipped and passes (CI
//! has none of these tools); `scripts/verify_exports.sh` runs them all and
//! says which ran.

mod common;

use common::{lcn, scratch};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `--generators --format FORMAT` export of `filters`/`strides`.
fn generators(filters: &str, strides: &str, format: &str) -> String {
    lcn(&[
        "--filters",
        filters,
        "--strides",
        strides,
        "--generators",
        "--format",
        format,
    ])
}

/// `true` if `tool` is on PATH; otherwise prints that `test` is skipped.
fn have(tool: &str, test: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
        .unwrap_or(false);
    if found {
        println!("{test}: checking with {tool}");
    } else {
        println!("{test}: SKIPPED, {tool} is not installed");
    }
    found
}

/// Runs `cmd` with `input` on stdin; panics with its output unless it succeeds.
fn run_tool(cmd: &mut Command, input: &str) -> String {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the tool");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out: Output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn macaulay2_loads_the_generators() {
    if !have("M2", "macaulay2_loads_the_generators") {
        return;
    }
    // (3,3)/2: dimension 5 (affine), degree 6, four cubics (docs/mathematics.md, section 4)
    let export = generators("3,3", "2,1", "m2");
    let dir = scratch("m2");
    let script = format!(
        "{export}print toString (dim I, degree I, numgens I, unique flatten degrees I)\nexit 0\n"
    );
    let file = write(&dir, "check.m2", &script);
    let out = run_tool(Command::new("M2").arg("--script").arg(&file), "");
    assert!(out.contains("(5,6,4,{3})"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn macaulay2_confirms_the_vanishing_ideal_is_its_kernel() {
    if !have("M2", "macaulay2_confirms_the_vanishing_ideal_is_its_kernel") {
        return;
    }
    // `lcn --ideal` against Macaulay2's own `ker` of the parametrisation
    // (scripts/oracle/lcn.m2, over ZZ/32003): equal ideals, the same number of
    // minimal generators. (3,3,3)/(2,2) is Cohen–Macaulay (certified); (3,2,2)/(2,2)
    // is not (generators complete through the degree bound, which covers them).
    let oracle = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/oracle/lcn.m2");
    for (filters, strides, ks, ss, gens) in [
        ("3,3,3", "2,2,1", "{3,3,3}", "{2,2}", 95),
        ("3,2,2", "2,2,1", "{3,2,2}", "{2,2}", 13),
        ("2,3,2", "3,2,1", "{2,3,2}", "{3,2}", 18),
    ] {
        let export = lcn(&["--filters", filters, "--strides", strides, "--ideal"]);
        let dir = scratch("m2ideal");
        let script = format!(
            "{export}load \"{oracle}\";\nK = lcnKernel(ZZ/32003, {ks}, {ss});\nJ = sub(I, ring K);\nprint toString (J == K, numgens I, numgens trim K)\nexit 0\n"
        );
        let file = write(&dir, "ideal.m2", &script);
        let out = run_tool(Command::new("M2").arg("--script").arg(&file), "");
        assert!(
            out.contains(&format!("(true,{gens},{gens})")),
            "{filters}/{strides}: {out}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn singular_loads_the_generators() {
    if !have("Singular", "singular_loads_the_generators") {
        return;
    }
    let export = generators("3,3", "2,1", "singular");
    let dir = scratch("singular");
    let script = format!(
        "{export}ideal J = std(I);\nprint(dim(J));\nprint(mult(J));\nprint(size(I));\nquit;\n"
    );
    let file = write(&dir, "check.sing", &script);
    let out = run_tool(Command::new("Singular").arg("-q").arg(&file), "");
    let lines: Vec<&str> = out.split_whitespace().collect();
    assert_eq!(lines, ["5", "6", "4"], "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sympy_loads_the_generators() {
    if !have("python3", "sympy_loads_the_generators") {
        return;
    }
    let probe = Command::new("python3")
        .args(["-c", "import sympy"])
        .output()
        .expect("run python3");
    if !probe.status.success() {
        println!("sympy_loads_the_generators: SKIPPED, python3 has no sympy");
        return;
    }
    // (3,2)/2: the cubic vanishes on every product (a0 x^2 + a1 xy + a2 y^2)(b0 x^2 + b1 y^2)
    // and not at x^4 + x^3 y + y^4
    let export = generators("3,2", "2,1", "sympy");
    let check = r#"
from sympy import Poly, expand
a0, a1, a2, b0, b1, x, y = symbols('a0 a1 a2 b0 b1 x y')
P = Poly(expand((a0*x**2 + a1*x*y + a2*y**2) * (b0*x**2 + b1*y**2)), x, y)
c = [P.coeff_monomial(x**(4 - i) * y**i) for i in range(5)]
subs = dict(zip((c0, c1, c2, c3, c4), c))
assert len(I) == 1
assert all(expand(g.subs(subs, simultaneous=True)) == 0 for g in I)
assert I[0].subs(dict(zip((c0, c1, c2, c3, c4), (1, 1, 0, 0, 1)))) != 0
print("ok")
"#;
    let out = run_tool(&mut Command::new("python3"), &format!("{export}{check}"));
    assert_eq!(out.trim(), "ok");
}

#[test]
fn latex_compiles_the_generators() {
    if !have("pdflatex", "latex_compiles_the_generators") {
        return;
    }
    let export = generators("3,3", "2,1", "latex");
    let dir = scratch("latex");
    let doc = format!(
        "\\documentclass{{article}}\n\\usepackage{{amsmath}}\n\\begin{{document}}\n{export}\\end{{document}}\n"
    );
    let file = write(&dir, "ideal.tex", &doc);
    run_tool(
        Command::new("pdflatex")
            .args(["-interaction=nonstopmode", "-halt-on-error"])
            .arg("-output-directory")
            .arg(&dir)
            .arg(&file),
        "",
    );
    assert!(dir.join("ideal.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn graphviz_loads_the_merge_tree() {
    if !have("dot", "graphviz_loads_the_merge_tree") {
        return;
    }
    // (2,3,4,5): 2^3 = 8 nodes; a node with m layers has m - 1 merges:
    // 3 (root) + 3 * 2 (three nodes of 3 layers) + 3 * 1 (three of 2) = 12 edges
    let export = lcn(&[
        "--filters",
        "2,3,4,5",
        "--strides",
        "2,2,2,1",
        "--tree",
        "--dot",
    ]);
    let plain = run_tool(Command::new("dot").arg("-Tplain"), &export);
    let nodes = plain.lines().filter(|l| l.starts_with("node ")).count();
    let edges = plain.lines().filter(|l| l.starts_with("edge ")).count();
    assert_eq!((nodes, edges), (8, 12), "{plain}");
    assert!(plain.contains("2976084"), "{plain}");
}

#[test]
fn phc_solves_the_gradient_system() {
    if !have("phc", "phc_solves_the_gradient_system") {
        return;
    }
    // (2,2)/2: C_(2,2) = 6 critical points (docs/mathematics.md, section 6)
    let export = lcn(&["--filters", "2,2", "--strides", "2,1", "--system", "phc"]);
    let dir = scratch("phc");
    let input = write(&dir, "system.phc", &export);
    let output = dir.join("system.out");
    run_tool(
        // -01: PHC's random seed fixed, for a repeatable run
        Command::new("phc")
            .args(["-b", "-01"])
            .arg(&input)
            .arg(&output),
        "",
    );
    let out = std::fs::read_to_string(&output).unwrap();
    assert!(
        out.contains("Number of regular solutions     : 6."),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
