//! Builds the FFI helper library (`c/twin_ffi_helper.c`) that generated FFI programs load,
//! for the host and, when `aarch64-linux-gnu-gcc` exists, for aarch64. The paths reach
//! the crate as `TWIN_FFI_HELPER_HOST` / `TWIN_FFI_HELPER_AARCH64` (see `ffi_helper.rs`).

use std::path::PathBuf;
use std::process::Command;

/// Compiles the library with `cc`; `Ok(false)` when `cc` is not installed.
fn compile(cc: &str, out: &PathBuf) -> Result<bool, String> {
    let status = Command::new(cc)
        .args(["-shared", "-fPIC", "-O2", "-funwind-tables", "-Wall", "-Wextra", "-o"])
        .arg(out)
        .arg("c/twin_ffi_helper.c")
        .status();
    match status {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("{cc}: {e}")),
        Ok(s) if s.success() => Ok(true),
        Ok(s) => Err(format!("{cc} failed: {s}")),
    }
}

fn main() {
    println!("cargo::rerun-if-changed=c/twin_ffi_helper.c");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let host = out_dir.join("libtwin_ffi_helper.so");
    match compile("gcc", &host) {
        Ok(true) => println!("cargo::rustc-env=TWIN_FFI_HELPER_HOST={}", host.display()),
        Ok(false) => panic!("building the FFI helper library needs gcc"),
        Err(e) => panic!("building the FFI helper library: {e}"),
    }

    // Optional: absent until the cross toolchain is installed (ci/ sets it up).
    let arm = out_dir.join("libtwin_ffi_helper.aarch64.so");
    match compile("aarch64-linux-gnu-gcc", &arm) {
        Ok(true) => println!("cargo::rustc-env=TWIN_FFI_HELPER_AARCH64={}", arm.display()),
        Ok(false) => {}
        Err(e) => panic!("building the aarch64 FFI helper library: {e}"),
    }
}
