//! The JIT conformance section (`conformance/jit/`): every program must print its
//! `.expected` output (written by `luajit -joff`) under the JIT in its default and its
//! stress configuration, and the trace events its `-- jv:` header lines name must
//! appear, in order, in its `-jv` output. Each names a line's start, where `*` stands
//! for any text: `[TRACE   2 (1/*) f.lua:7 -> 1]` asks for a side trace of trace 1
//! without naming the exit, whose number depends on how many snapshots the optimiser
//! keeps.

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/jit");
    let mut out = Vec::new();
    for area in std::fs::read_dir(&root).expect("conformance/jit exists") {
        let area = area.expect("readable directory").path();
        // `fixtures/` holds files programs load, not programs.
        if !area.is_dir() || area.ends_with("fixtures") {
            continue;
        }
        for f in std::fs::read_dir(&area).expect("readable area") {
            let f = f.expect("readable entry").path();
            if f.extension().is_some_and(|e| e == "lua") {
                out.push(f);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty());
    out
}

/// Runs `prog` from its directory with `flags`; returns (stdout, stderr).
fn run(prog: &Path, flags: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_twin-lua"))
        .args(flags)
        .arg(prog.file_name().expect("a file"))
        .current_dir(prog.parent().expect("in a directory"))
        .output()
        .expect("twin-lua runs");
    assert!(out.status.success(), "{}: exit {:?}", prog.display(), out.status);
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
#[cfg_attr(
    target_arch = "aarch64",
    ignore = "traces abort on aarch64 until its backend is validated; these tests also start the binary, which needs binfmt under QEMU"
)]
fn outputs_match_the_interpreter_reference() {
    for p in programs() {
        let expected = std::fs::read_to_string(p.with_extension("expected")).expect("blessed");
        for flags in
            [&["-joff"][..], &["-jon"], &["-jon", "-Ohotloop=1", "-Ohotexit=1"], &["-O0", "-Ohotloop=1"]]
        {
            let (out, _) = run(&p, flags);
            assert_eq!(out, expected, "{} with {flags:?}", p.display());
        }
    }
}

/// Whether `line` starts with `pattern`, `*` in it matching any text.
fn matches(line: &str, pattern: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else { return true };
    let Some(mut rest) = line.strip_prefix(first) else { return false };
    for p in parts {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn patterns_match_line_starts_with_wildcards() {
    assert!(matches("[TRACE   2 (1/7) a.lua:3 -> 1]", "[TRACE   2 (1/*) a.lua:3 -> 1]"));
    assert!(matches("[TRACE   2 (1/7) a.lua:3 -> 1]", "[TRACE   2 (1/"));
    assert!(!matches("[TRACE   2 (1/7) a.lua:3 -> 1]", "[TRACE   2 (3/*) a.lua:3"));
    assert!(!matches("[TRACE   2 (1/7) a.lua:3 -> 1]", "[TRACE   2 (1/*) a.lua:4"));
}

#[test]
#[cfg_attr(
    target_arch = "aarch64",
    ignore = "traces abort on aarch64 until its backend is validated; these tests also start the binary, which needs binfmt under QEMU"
)]
fn intended_traces_form() {
    for p in programs() {
        let src = std::fs::read_to_string(&p).expect("readable");
        let want: Vec<&str> = src.lines().filter_map(|l| l.strip_prefix("-- jv: ")).collect();
        if want.is_empty() {
            continue;
        }
        let (_, err) = run(&p, &["-jv"]);
        let mut lines = err.lines();
        for w in &want {
            assert!(lines.any(|l| matches(l, w)), "{}: expected `{w}` (in order) in:\n{err}", p.display());
        }
    }
}

#[test]
#[cfg_attr(
    target_arch = "aarch64",
    ignore = "traces abort on aarch64 until its backend is validated; these tests also start the binary, which needs binfmt under QEMU"
)]
fn jit_off_forms_no_traces() {
    for p in programs() {
        let (_, err) = run(&p, &["-joff", "-jv"]);
        assert!(err.is_empty(), "{}: {err}", p.display());
    }
}
