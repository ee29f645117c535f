//! Shared by the conformance integration tests: locating the twin-lua binary.

use std::path::PathBuf;
use std::process::Command;

/// The twin-lua binary: `$TWIN_LUA` if set, else the workspace's `target/<profile>/twin-lua`
/// for the profile this test was built with, (re)built with cargo so it is never stale.
pub fn twin_lua() -> PathBuf {
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
