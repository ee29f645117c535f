//! Shared helpers for the integration tests: run the real `twin` binary on
//! real programs through real engines (Debian's `luajit`, and the test
//! engines in `tests/engines/`).

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Twin {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A scratch directory unique to this test process and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twin-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Writes `program` as `<dir>/<name>.lua`.
pub fn program(dir: &Path, name: &str, program: &str) -> PathBuf {
    let p = dir.join(format!("{name}.lua"));
    std::fs::write(&p, program).expect("write program");
    p
}

pub fn engines_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/engines")
}

/// A `twin.toml` in `dir` declaring the test engines.
pub fn test_config(dir: &Path) -> PathBuf {
    let e = engines_dir();
    let text = format!(
        r#"
[engines.bad-sqrt]
command = "{0}/luajit-bad-sqrt"

[engines.segv]
command = "{0}/segv"

[engines.crash-on-boom]
command = "{0}/luajit-crash-on-boom"
"#,
        e.display()
    );
    let p = dir.join("twin.toml");
    std::fs::write(&p, text).expect("write twin.toml");
    p
}

pub fn twin(args: &[&str]) -> Twin {
    let out = Command::new(env!("CARGO_BIN_EXE_twin")).args(args).output().expect("run twin");
    Twin {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `twin diff --json` on one file: (exit status, the report).
pub fn diff_json(file: &Path, engines: &str, extra: &[&str]) -> (i32, Value) {
    let f = file.to_str().expect("utf-8 path");
    let mut args = vec!["diff", f, "--engines", engines, "--json"];
    args.extend_from_slice(extra);
    let t = twin(&args);
    let line = t.stdout.lines().next().unwrap_or_else(|| panic!("no output; stderr: {}", t.stderr));
    let v: Value = serde_json::from_str(line).expect("json line");
    (t.status, v["report"].clone())
}

/// The judgement of the `i`-th non-oracle engine.
pub fn judgement(report: &Value, i: usize) -> &Value {
    &report["judgements"][i]
}

/// The twin-lua binary next to `twin`, built on demand (a workspace test run
/// has built it already).
pub fn ensure_twin_lua() {
    let twin = Path::new(env!("CARGO_BIN_EXE_twin"));
    if twin.with_file_name("twin-lua").is_file() {
        return;
    }
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "-q", "-p", "twin-lua"]);
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    assert!(cmd.status().expect("cargo build").success(), "building twin-lua");
}
