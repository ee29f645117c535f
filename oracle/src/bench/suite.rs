//! The benchmark programs, as data.
//!
//! A benchmark is a Lua file in `bench/programs/` that takes its problem size
//! as `arg[1]` and prints one checksum line. Everything the runner needs to
//! know about it sits in `--!` comment lines at its top, so adding a
//! benchmark is adding a file:
//!
//! ```text
//!   --! what: recursive calls: the call/return path     (one line for the table)
//!   --! size: small=20 default=35                        (arg[1] for --size)
//!   --! needs: ffi                                       (optional: engines without
//!                                                         require("ffi") show n/a)
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// `--size`: how much work each benchmark does.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Size {
    /// Milliseconds per run: for tests and instruction counts.
    Small,
    /// A few tenths of a second per run on `luajit -joff`.
    Default,
}

impl Size {
    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Default => "default",
        }
    }
}

/// One benchmark program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    pub name: String,
    pub path: PathBuf,
    pub what: String,
    pub small: String,
    pub default: String,
    pub needs_ffi: bool,
}

impl Benchmark {
    /// The `arg[1]` for `size`.
    pub fn arg(&self, size: Size) -> &str {
        match size {
            Size::Small => &self.small,
            Size::Default => &self.default,
        }
    }

    /// Reads the `--!` header of `source`; `name` and `path` are the file's.
    pub fn parse(name: &str, path: &Path, source: &str) -> Result<Benchmark, String> {
        let (mut what, mut small, mut default, mut needs_ffi) = (None, None, None, false);
        for line in source.lines().map_while(|l| l.strip_prefix("--!")) {
            let (key, value) = line.split_once(':').ok_or_else(|| format!("`--!{line}`: no `key:`"))?;
            let value = value.trim();
            match key.trim() {
                "what" => what = Some(value.to_string()),
                "size" => {
                    for pair in value.split_whitespace() {
                        match pair.split_once('=') {
                            Some(("small", v)) => small = Some(v.to_string()),
                            Some(("default", v)) => default = Some(v.to_string()),
                            _ => return Err(format!("size `{pair}`: expected small=N or default=N")),
                        }
                    }
                }
                "needs" => match value {
                    "ffi" => needs_ffi = true,
                    other => return Err(format!("unknown need `{other}` (known: ffi)")),
                },
                other => return Err(format!("unknown header key `{other}` (known: what, size, needs)")),
            }
        }
        let missing = |k: &str| format!("no `--! {k}` line");
        Ok(Benchmark {
            name: name.to_string(),
            path: path.to_path_buf(),
            what: what.ok_or_else(|| missing("what"))?,
            small: small.ok_or_else(|| missing("size: small=..."))?,
            default: default.ok_or_else(|| missing("size: default=..."))?,
            needs_ffi,
        })
    }
}

/// Where the suite lives when `--programs` is not given: `bench/programs`
/// of the source tree this binary was built from, else of the current directory.
pub fn default_dir() -> PathBuf {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/programs");
    if built.is_dir() { built } else { PathBuf::from("bench/programs") }
}

/// The benchmarks in `dir`, sorted by name; only those in `names` when it is
/// not empty (an unknown name is an error).
pub fn load(dir: &Path, names: &[String]) -> Result<Vec<Benchmark>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut all = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        if path.extension().is_none_or(|x| x != "lua") {
            continue;
        }
        let source = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        all.push(Benchmark::parse(&name, &path, &source).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    if names.is_empty() {
        return Ok(all);
    }
    names
        .iter()
        .map(|n| {
            all.iter().find(|b| &b.name == n).cloned().ok_or_else(|| {
                let known: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
                format!("unknown benchmark `{n}` (known: {})", known.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_read() {
        let src =
            "--! what: calls\n--! size: small=3 default=30\n--! needs: ffi\nprint(1)\n--! what: ignored\n";
        let b = Benchmark::parse("fib", Path::new("fib.lua"), src).unwrap();
        assert_eq!(
            (b.what.as_str(), b.arg(Size::Small), b.arg(Size::Default), b.needs_ffi),
            ("calls", "3", "30", true)
        );
    }

    #[test]
    fn header_errors_say_what_is_wrong() {
        let p = Path::new("x.lua");
        assert!(Benchmark::parse("x", p, "--! what: a\n").unwrap_err().contains("size: small"));
        assert!(Benchmark::parse("x", p, "--! colour: red\n").unwrap_err().contains("unknown header key"));
        assert!(Benchmark::parse("x", p, "--! size: big=1\n").unwrap_err().contains("big=1"));
        assert!(Benchmark::parse("x", p, "--! needs: gpu\n").unwrap_err().contains("gpu"));
    }

    #[test]
    fn the_suite_parses_and_has_the_classics() {
        let suite = load(&default_dir(), &[]).unwrap();
        let names: Vec<&str> = suite.iter().map(|b| b.name.as_str()).collect();
        for n in
            ["fib", "ackermann", "fannkuch", "nbody", "spectral", "mandelbrot", "binarytrees", "richards"]
        {
            assert!(names.contains(&n), "{n} missing from {names:?}");
        }
        assert!(suite.len() >= 13);
        assert!(suite.iter().any(|b| b.needs_ffi));
        assert!(load(&default_dir(), &["nope".into()]).unwrap_err().contains("unknown benchmark `nope`"));
    }
}
