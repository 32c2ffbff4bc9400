//! A snapshot of the public API, so that a release knows what it changes.
//!
//! Every `pub` item of `src/` (functions with their signatures, types,
//! fields, enum variants, constants, traits, re-exports, trait impls), one
//! line each, prefixed with the module path and the `impl` block it sits in,
//! is compared with `tests/public-api.txt`. A difference fails the test and
//! prints the lines added and removed: a removed or changed line is a
//! breaking change (bump the minor version while at 0.x, say so in
//! CHANGELOG.md), an added line is a feature. Accept the new API with
//!
//! ```sh
//! BLESS=1 cargo test --test public_api
//! ```
//!
//! The listing is read from the source text, not from the compiler: `pub`
//! items of private modules are listed too (they reach users only through the
//! `pub use` lines, which are listed as well), and the body of
//! `#[cfg(test)]` modules is skipped. It needs no tool outside the
//! repository (`cargo semver-checks` needs a published baseline and a long
//! install).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The source files under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `architecture::real` for `src/architecture/real/mod.rs`.
fn module_path(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "mod" && c != "lib")
        .collect();
    if parts.is_empty() {
        "crate".into()
    } else {
        format!("crate::{}", parts.join("::"))
    }
}

/// Whitespace collapsed, the body or initialiser cut off (a `use` keeps its
/// braces: they are the names it exports).
fn signature(text: &str) -> String {
    if text.trim_start().starts_with("pub use ") {
        let end = text.find(';').map_or(text.len(), |i| i + 1);
        return text[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut depth = 0i32;
    let mut out = String::new();
    for ch in text.chars() {
        match ch {
            '(' | '[' | '<' => depth += 1,
            ')' | ']' | '>' => depth -= 1,
            '{' if depth <= 0 => break,
            ';' if depth <= 0 => break,
            // `const X: T = value`: keep the type only
            '=' if depth <= 0
                && !out.ends_with(['-', '=', '!', '<', '>'])
                && (out.trim_start().starts_with("pub const")
                    || out.trim_start().starts_with("pub static")) =>
            {
                break
            }
            _ => {}
        }
        out.push(ch);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The public API lines of one file.
fn api_of(module: &str, text: &str, out: &mut BTreeSet<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut context: Option<String> = None; // the impl/trait/enum block at column 0
    let mut in_enum = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("#[cfg(test)]") && indent == 0 {
            break; // the test module closes the file in this crate's style
        }
        if indent == 0 && line.starts_with('}') {
            context = None;
            in_enum = false;
        }
        // the text of an item may span lines: up to `{` or `;`
        let mut item = String::from(trimmed);
        let mut j = i;
        let complete = |s: &str| {
            if s.starts_with("pub use ") {
                s.contains(';')
            } else {
                s.contains('{') || s.contains(';') || s.ends_with(',')
            }
        };
        if trimmed.starts_with("pub ") || (indent == 0 && trimmed.starts_with("impl")) {
            while !complete(&item) && j + 1 < lines.len() {
                j += 1;
                item.push(' ');
                item.push_str(lines[j].trim());
            }
        }
        if indent == 0 && (trimmed.starts_with("impl") || trimmed.starts_with("unsafe impl")) {
            let sig = signature(&item);
            // trait impls of public types are part of the API (Display, FromStr, ...)
            if sig.contains(" for ") {
                out.insert(format!("{module}: {sig}"));
            }
            context = Some(sig);
        } else if trimmed.starts_with("pub ") && !trimmed.starts_with("pub(") {
            let sig = signature(&item);
            if indent == 0 {
                out.insert(format!("{module}: {sig}"));
                if sig.starts_with("pub enum ") || sig.starts_with("pub trait ") {
                    in_enum = sig.starts_with("pub enum ");
                    context = Some(sig.clone());
                } else if sig.starts_with("pub struct ") && item.contains('{') {
                    context = Some(sig.clone());
                }
            } else if let Some(ctx) = &context {
                out.insert(format!("{module}: {ctx} :: {sig}"));
            }
        } else if in_enum && indent == 4 && trimmed.starts_with(|c: char| c.is_ascii_uppercase()) {
            let variant: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some(ctx) = &context {
                out.insert(format!("{module}: {ctx} :: variant {variant}"));
            }
        } else if indent == 4 && trimmed.starts_with("fn ") {
            // methods of public traits are public
            if let Some(ctx) = &context {
                if ctx.starts_with("pub trait ") {
                    out.insert(format!("{module}: {ctx} :: {}", signature(&item)));
                }
            }
        }
        i = j + 1;
    }
}

fn current_api() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut api = BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        api_of(&module_path(&src, f), &text, &mut api);
    }
    let mut s = String::from(
        "# The public API of neurovariety (tests/public_api.rs; BLESS=1 cargo test --test public_api)\n",
    );
    for line in api {
        s.push_str(&line);
        s.push('\n');
    }
    s
}

#[test]
fn the_public_api_matches_the_snapshot() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/public-api.txt");
    let now = current_api();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    if before == now {
        return;
    }
    let old: BTreeSet<&str> = before.lines().collect();
    let new: BTreeSet<&str> = now.lines().collect();
    let removed: Vec<&&str> = old.difference(&new).collect();
    let added: Vec<&&str> = new.difference(&old).collect();
    panic!(
        "the public API changed ({} lines removed: breaking; {} added). Removed:\n{}\nAdded:\n{}\n\
         Accept it with BLESS=1 cargo test --test public_api, and record breaking changes in CHANGELOG.md.",
        removed.len(),
        added.len(),
        removed.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n"),
        added.iter().map(|l| format!("+ {l}")).collect::<Vec<_>>().join("\n"),
    );
}
