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

/// The twin-lua binary as a command. Under QEMU user mode (the aarch64 tests, see
/// .cargo/config.toml) this test runs emulated, but a process it starts is not: the host
/// kernel cannot execute an aarch64 binary without binfmt_misc, so the runner passes
/// itself in `TWIN_RUNNER` and the binary is started through it.
fn twin_lua() -> Command {
    let bin = env!("CARGO_BIN_EXE_twin-lua");
    let runner = std::env::var("TWIN_RUNNER").unwrap_or_default();
    let mut words = runner.split_whitespace();
    let Some(first) = words.next() else { return Command::new(bin) };
    let mut cmd = Command::new(first);
    // The guest's library path would be the host runner's too: it sets its own.
    cmd.args(words).arg(bin).env_remove("LD_LIBRARY_PATH");
    cmd
}

/// The generator's C helper library (`fuzz/gen/c`), which the callback programs load
/// through `TWIN_FFI_HELPER`, built once for the architecture of the tested binary (under
/// QEMU the cross compiler runs natively, as `TWIN_RUNNER`'s children do).
fn helper_lib() -> &'static Path {
    static LIB: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    LIB.get_or_init(|| {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/gen/c/twin_ffi_helper.c");
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("libtwin_ffi_helper.jit_traces.so");
        let gcc = if cfg!(target_arch = "aarch64") { "aarch64-linux-gnu-gcc" } else { "gcc" };
        let st = Command::new(gcc)
            .args(["-shared", "-fPIC", "-O2", "-o"])
            .arg(&out)
            .arg(&src)
            .status()
            .expect("gcc runs");
        assert!(st.success(), "{gcc} failed to build the helper library");
        out
    })
}

/// Runs `prog` from its directory with `flags`; returns (stdout, stderr).
fn run(prog: &Path, flags: &[&str]) -> (String, String) {
    let out = twin_lua()
        .env("TWIN_FFI_HELPER", helper_lib())
        .args(flags)
        .arg(prog.file_name().expect("a file"))
        .current_dir(prog.parent().expect("in a directory"))
        .output()
        .expect("twin-lua runs");
    assert!(out.status.success(), "{}: exit {:?}", prog.display(), out.status);
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
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
fn jit_off_forms_no_traces() {
    for p in programs() {
        let (_, err) = run(&p, &["-joff", "-jv"]);
        // `jit.flush()` still reports the (empty) flush.
        let events: Vec<&str> = err.lines().filter(|l| *l != "[TRACE flush]").collect();
        assert!(events.is_empty(), "{}: {err}", p.display());
    }
}

#[test]
fn jdump_lists_machine_code() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/jit/loops/01_sum.lua");
    let (_, err) = run(&p, &["-jdump"]);
    let body =
        err.split_once("---- TRACE 1 mcode ").map(|(_, b)| b).unwrap_or_else(|| panic!("no mcode:\n{err}"));
    let (size, body) = body.split_once('\n').unwrap_or_default();
    assert!(size.parse::<usize>().is_ok_and(|n| n > 0), "{err}");
    let listing: Vec<&str> = body.lines().take_while(|l| !l.starts_with("---- ")).collect();
    // `<address>  <instruction>`, as LuaJIT's -jdump prints it (aarch64 puts the
    // instruction word between the two).
    for l in &listing {
        let (addr, text) = l.split_at(l.len().min(12));
        assert!(addr.bytes().all(|b| b.is_ascii_hexdigit()) && text.starts_with("  "), "`{l}` in:\n{err}");
    }
    assert!(listing.len() >= 10 && listing.iter().any(|l| l.ends_with("  ret")), "{err}");
}

#[test]
fn jperf_names_the_entry_and_every_trace() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/jit/loops/01_sum.lua");
    let child = twin_lua()
        .args(["-jperf", "-jv"])
        .arg(p.file_name().expect("a file"))
        .current_dir(p.parent().expect("in a directory"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("twin-lua runs");
    let map_path = format!("/tmp/perf-{}.map", child.id());
    let out = child.wait_with_output().expect("twin-lua finishes");
    let map = std::fs::read_to_string(&map_path).unwrap_or_else(|e| panic!("{map_path}: {e}"));
    let _ = std::fs::remove_file(&map_path);
    assert!(out.status.success());
    let names: Vec<&str> = map
        .lines()
        .map(|l| {
            let mut w = l.splitn(3, ' ');
            let (start, size) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
            assert!(u64::from_str_radix(start, 16).is_ok_and(|a| a != 0), "`{l}`");
            assert!(usize::from_str_radix(size, 16).is_ok_and(|n| n > 0), "`{l}`");
            w.next().unwrap_or("")
        })
        .collect();
    // `TRACE_1 01_sum.lua:4` in the map is `[TRACE   1 01_sum.lua:4 loop]` in -jv.
    let err = String::from_utf8_lossy(&out.stderr);
    let jv: Vec<&str> =
        err.lines().filter(|l| l.starts_with("[TRACE ") && !l.starts_with("[TRACE ---")).collect();
    assert!(!jv.is_empty());
    assert_eq!(names[0], "twin_trace_entry", "{map}");
    assert_eq!(names.len() - 1, jv.len(), "{map}{err}");
    for (name, line) in names[1..].iter().zip(&jv) {
        let (no, start) = name.strip_prefix("TRACE_").and_then(|n| n.split_once(' ')).unwrap_or_default();
        let no: u16 = no.parse().unwrap_or_else(|_| panic!("`{name}`"));
        assert!(line.starts_with(&format!("[TRACE {no:>3} {start} ")), "`{name}` against `{line}`");
    }
}
