//! Making LuaJIT repeatable for reduction.
//!
//! Two things make a LuaJIT run differ from the next on the same program:
//! addresses (ASLR moves tables, strings and the machine-code area) and a
//! PRNG seeded from the OS at start-up (`getrandom` through `syscall(2)`),
//! which draws trace-abort penalties and machine-code placement. A
//! divergence that depends on either shows on most runs, not all, and a
//! reducer that sees it come and go takes a different path each time.
//!
//! For reduction only, the engines run under `setarch -R` (no ASLR) and with
//! a tiny preloaded library that answers `getrandom` through `syscall` with
//! fixed bytes and passes every other system call through. It is compiled
//! on first use with the system C compiler into the temporary directory;
//! when that is not possible the engines run as configured (reduction still
//! works, it is just less repeatable). Triage re-checks reduced programs with
//! the engines as configured, so a bug that needs these conditions is
//! reported as flaky, never hidden.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::engine::{Engine, EngineKind};

/// The preloaded library's source. `SYS_getrandom` with fixed output; the
/// rest forwarded (six argument registers cover every Linux system call).
const SHIM: &str = r#"#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include <sys/syscall.h>

long syscall(long number, ...) {
  va_list ap;
  long a[6];
  va_start(ap, number);
  for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
  va_end(ap);
  if (number == SYS_getrandom) {
    const char *s = getenv("TWIN_FIXED_SEED");
    long seed = s ? atol(s) : 0;
    unsigned char *buf = (unsigned char *)a[0];
    for (long i = 0; i < a[1]; i++) buf[i] = (unsigned char)(i * 131 + 7 + seed * 61 + (seed >> 8));
    return a[1];
  }
  static long (*next)(long, ...);
  if (!next) next = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
  return next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
"#;

fn shim() -> Option<&'static Path> {
    static BUILT: OnceLock<Option<PathBuf>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("twin-repeatable-{}", std::process::id()));
            std::fs::create_dir_all(&dir).ok()?;
            let (src, lib) = (dir.join("fixed_seed.c"), dir.join("fixed_seed.so"));
            std::fs::write(&src, SHIM).ok()?;
            let ok = std::process::Command::new("cc")
                .args(["-shared", "-fPIC", "-O1", "-o"])
                .arg(&lib)
                .arg(&src)
                .arg("-ldl")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then_some(lib)
        })
        .as_deref()
}

/// `engines` made repeatable where possible (see the module doc): external
/// engines get the fixed-seed library preloaded with PRNG seed number `seed`
/// (unless they preload something already), and every engine runs under
/// `setarch -R`. Whether a divergence shows can depend on the seed, so the
/// reducer tries seeds in order until one shows the program's goal.
pub fn repeatable(engines: &[Engine], seed: u32) -> Vec<Engine> {
    let setarch = ["/usr/bin/setarch", "/bin/setarch"].into_iter().find(|p| Path::new(p).is_file());
    let mut out = engines.to_vec();
    for e in &mut out {
        if let Some(setarch) = setarch {
            let mut prefix = vec![setarch.to_string(), std::env::consts::ARCH.to_string(), "-R".to_string()];
            prefix.append(&mut e.emulator);
            e.emulator = prefix;
        }
        if e.kind == EngineKind::External
            && e.emulator.iter().all(|p| !p.contains("qemu"))
            && !e.env.contains_key("LD_PRELOAD")
            && let Some(lib) = shim()
        {
            e.env.insert("LD_PRELOAD".into(), lib.to_string_lossy().into_owned());
            e.env.insert("TWIN_FIXED_SEED".into(), seed.to_string());
        }
    }
    out
}
