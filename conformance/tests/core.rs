//! The core conformance suite (`conformance/core`) on the reference engine and on twin-lua.
//!
//! `luajit -joff` must pass every program: the expected files were made from it by
//! `conformance/bless`, so a failure there means a stale expected file or a runner bug.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use twin_conformance::{Engine, core_suite_dir, discover, run_suite};

/// Runs the whole core suite and fails listing every program that did not pass.
fn assert_core_suite_passes(engine: &Engine) {
    let programs = discover(&core_suite_dir()).expect("the core suite is readable");
    assert!(programs.len() >= 300, "the core suite has only {} programs", programs.len());
    let report = run_suite(engine, &programs, Duration::from_secs(30), 2);
    eprint!("{}", report.table());
    assert!(
        report.all_passed(),
        "{} of {} programs failed on {}:\n{}\n{}",
        report.failing_ids().len(),
        programs.len(),
        report.engine,
        report.failing_ids().join("\n"),
        report.failure_details(20),
    );
}

#[test]
fn luajit_passes_core_suite() {
    assert_core_suite_passes(&Engine::new("luajit", &["-joff"]));
}

// enabled once the interpreter lands
#[test]
#[ignore = "enabled once the interpreter lands"]
fn twin_lua_passes_core_suite() {
    assert_core_suite_passes(&Engine::new(twin_lua(), &["-joff"]));
}

/// The twin-lua binary: `$TWIN_LUA` if set, else the workspace's `target/<profile>/twin-lua`
/// for the profile this test was built with, (re)built with cargo so it is never stale.
fn twin_lua() -> PathBuf {
    if let Some(path) = std::env::var_os("TWIN_LUA") {
        return PathBuf::from(path);
    }
    // This test runs as target/<profile>/deps/core-<hash>.
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>/deps layout");
    let target_dir = profile_dir.parent().expect("target/<profile> layout");
    let profile = profile_dir.file_name().and_then(|n| n.to_str()).expect("profile directory name");
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "-p", "twin-lua", "--bin", "twin-lua"]);
    build.arg("--manifest-path").arg(workspace.join("Cargo.toml"));
    build.arg("--target-dir").arg(target_dir);
    match profile {
        "debug" => {}
        "release" => {
            build.arg("--release");
        }
        other => {
            build.args(["--profile", other]);
        }
    }
    let status = build.status().expect("cargo runs");
    assert!(status.success(), "cargo build -p twin-lua failed");
    profile_dir.join("twin-lua")
}
