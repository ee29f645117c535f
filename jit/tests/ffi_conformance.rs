//! The FFI conformance programs (`conformance/ffi`) on twin-lua.
//!
//! Each program runs with its directory as the working directory and its bare name as
//! the script (the conformance runner's convention) and must print exactly its
//! `.expected` file, which `conformance/bless` made from `luajit -joff`. The programs in
//! `helper/` call the C helper library of the generator, compiled here with gcc, so
//! structs by value and varargs are checked against gcc's side of the ABI.

use std::path::{Path, PathBuf};
use std::process::Command;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/ffi")
}

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("suite dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            programs(&p, out);
        } else if p.extension().is_some_and(|e| e == "lua") {
            out.push(p);
        }
    }
}

/// Builds the helper library into the target's temp dir.
fn helper_lib() -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/gen/c/twin_ffi_helper.c");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("libtwin_ffi_helper.so");
    let st = Command::new("gcc")
        .args(["-shared", "-fPIC", "-O2", "-o"])
        .arg(&out)
        .arg(&src)
        .status()
        .expect("gcc runs");
    assert!(st.success(), "gcc failed to build the helper library");
    out
}

#[test]
fn twin_lua_passes_ffi_suite() {
    let helper = helper_lib();
    let mut list = Vec::new();
    programs(&suite_dir(), &mut list);
    assert!(list.len() >= 16, "only {} programs", list.len());
    let mut failures = Vec::new();
    for prog in &list {
        let expected = std::fs::read(prog.with_extension("expected")).expect("expected file");
        let out = Command::new(env!("CARGO_BIN_EXE_twin-lua"))
            .arg(prog.file_name().expect("name"))
            .current_dir(prog.parent().expect("dir"))
            .env("TWIN_FFI_HELPER", &helper)
            .output()
            .expect("twin-lua runs");
        if out.stdout != expected || !out.status.success() {
            failures.push(format!(
                "{}: status {}\n--- got\n{}\n--- expected\n{}\n--- stderr\n{}",
                prog.display(),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), list.len(), failures.join("\n"));
}
