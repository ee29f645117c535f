//! End-to-end tests: every `tests/lua/*.lua` runs through parser, compiler and
//! interpreter, and its output must equal the `.expected` file beside it (produced by
//! `luajit -joff`).

use std::io::Write;
use std::path::Path;

use twin_lua::vm::api::Lua;

mod common;
use common::Buf;

fn run_file(path: &Path) -> String {
    run_file_with(path, false)
}

fn run_file_with(path: &Path, stress: bool) -> String {
    let src = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let mut lua = Lua::new();
    lua.set_budget(Some(50_000_000));
    lua.set_gc_stress(stress);
    let out = Buf::default();
    lua.set_output(Box::new(out.clone()));
    if let Err(e) = lua.exec(&src, &format!("@{name}")) {
        writeln!(out.clone(), "twin-lua: {}", e.message).unwrap();
    }
    String::from_utf8_lossy(&out.0.borrow()).into_owned()
}

fn lua_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "lua"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

/// Under GC stress (a collection at every safe point) the output stays the same; gc.lua
/// is left out because it observes when collections happen.
#[test]
fn lua_files_survive_gc_stress() {
    for f in lua_files() {
        if f.file_name().is_some_and(|n| n == "gc.lua") {
            continue;
        }
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        assert_eq!(run_file_with(&f, true), expected, "{} under GC stress", f.display());
    }
}

#[test]
fn lua_files_match_luajit() {
    let mut failures = Vec::new();
    for f in &lua_files() {
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        let got = run_file(f);
        if got != expected {
            let first = got.lines().zip(expected.lines()).position(|(a, b)| a != b);
            let line = first.unwrap_or(got.lines().count().min(expected.lines().count()));
            failures.push(format!(
                "{}: first difference at output line {}:\n  got:      {:?}\n  expected: {:?}",
                f.display(),
                line + 1,
                got.lines().nth(line),
                expected.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
