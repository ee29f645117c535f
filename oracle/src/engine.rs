//! Engines: named configurations that run a Lua program.
//!
//! An engine is a command line plus limits. Every engine runs the same worker
//! server (`lua/server.lua`, see [`crate::scripts`]) so that every engine is
//! observed through the same Lua code; what differs is the command that runs
//! it:
//!
//! ```text
//!   [emulator...] <program> [args...] <server.lua> <probe.lua> <nonce>
//!    qemu-aarch64  luajit    -joff
//! ```
//!
//! Two kinds of program exist. `external` is any command found on `PATH` or by
//! path (Debian's `luajit`, a test engine script). `twin-lua` is this project's
//! engine, located at run time (see [`twin_lua_binary`]) because it is built
//! in the same workspace and its path depends on the profile. A twin-lua engine
//! serves natively (`twin-lua <args> --serve <server.lua> <probe.lua> <nonce>`,
//! jit/src/serve.rs): same protocol, same server script for observing, but a
//! fresh Lua state per program instead of a fresh globals table, so no state
//! outlives a program and the worker never needs recycling (see
//! [`Engine::fresh_state_per_program`]).
//!
//! Built-in engines are the ones the design names (`twin-interp`, `twin-jit`,
//! `twin-jit-stress`, `luajit`, `luajit-joff`, `luajit-stress`) plus their
//! `-arm64` variants when `qemu-aarch64` and an arm64 build are present. A
//! `twin.toml` file adds engines or replaces built-ins by name:
//!
//! ```toml
//! [engines.luajit-o1]
//! command = "luajit"          # or kind = "twin-lua"
//! args = ["-O1"]
//! emulator = []               # e.g. ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
//! timeout_ms = 5000
//! memory_mb = 1024            # 0 = no limit
//! ```
//!
//! Every worker gets `TWIN_FFI_HELPER` in its environment unless the engine
//! sets it: the path of twin-gen's FFI helper library built for the engine's
//! architecture. The server hands it to programs as the global of that name
//! (the generator's FFI families load the library through it).
//!
//! Limits are per program: the timeout is wall-clock from sending a program to
//! receiving its answer; the memory limit is the worker's address space
//! (RLIMIT_AS), which is why emulated engines default to none: QEMU reserves the
//! guest's whole address space up front.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Default per-program wall-clock limit.
pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;
/// Default address-space limit for native engines.
pub const DEFAULT_MEMORY_MB: u64 = 2048;

/// How an engine's program is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EngineKind {
    /// This project's `twin-lua` binary (located by [`twin_lua_binary`], or by
    /// `command` when the configuration gives one).
    TwinLua,
    /// Any command: a name looked up on `PATH`, or a path.
    External,
}

/// One named engine configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engine {
    pub name: String,
    pub kind: EngineKind,
    /// The program to run; for `twin-lua` an override of the located binary.
    pub command: Option<String>,
    /// Arguments before the server script (engine flags such as `-joff`).
    pub args: Vec<String>,
    /// A prefix that runs the command, e.g. `qemu-aarch64 -L /usr/aarch64-linux-gnu`.
    pub emulator: Vec<String>,
    /// Extra environment variables for the worker.
    pub env: BTreeMap<String, String>,
    pub timeout_ms: u64,
    /// Address-space limit in MiB; `None` for no limit.
    pub memory_mb: Option<u64>,
}

impl Engine {
    fn new(name: &str, kind: EngineKind, command: Option<&str>, args: &[&str]) -> Engine {
        Engine {
            name: name.to_string(),
            kind,
            command: command.map(str::to_string),
            args: args.iter().map(|a| a.to_string()).collect(),
            emulator: Vec::new(),
            env: BTreeMap::new(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            memory_mb: Some(DEFAULT_MEMORY_MB),
        }
    }

    /// The command line that starts a worker, without the server's own
    /// arguments (server script, probe script, nonce), which the worker adds.
    pub fn argv(&self) -> Result<Vec<String>, String> {
        let program = match (&self.kind, &self.command) {
            (_, Some(command)) => command.clone(),
            (EngineKind::TwinLua, None) => twin_lua_binary(self.is_arm64())
                .ok_or_else(|| {
                    format!(
                        "engine {}: twin-lua binary not found (build it with `cargo build -p twin-lua`, \
                         or set TWIN_LUA)",
                        self.name
                    )
                })?
                .to_string_lossy()
                .into_owned(),
            (EngineKind::External, None) => {
                return Err(format!("engine {}: external engine without a command", self.name));
            }
        };
        let mut argv = self.emulator.clone();
        argv.push(program);
        argv.extend(self.args.iter().cloned());
        Ok(argv)
    }

    /// The command line that starts a persistent worker: [`Engine::argv`]
    /// plus twin-lua's `--serve`; the worker adds the server's arguments.
    pub fn worker_argv(&self) -> Result<Vec<String>, String> {
        let mut argv = self.argv()?;
        if self.fresh_state_per_program() {
            argv.push("--serve".into());
        }
        Ok(argv)
    }

    /// The worker runs every program in a new Lua state (twin-lua's
    /// `--serve`), so nothing a program changes outlives it; external
    /// engines share one state between programs and must be restarted when
    /// the server reports a lasting change.
    pub fn fresh_state_per_program(&self) -> bool {
        self.kind == EngineKind::TwinLua
    }

    /// Runs under an aarch64 emulator (and so needs aarch64 builds of
    /// everything it loads).
    pub fn is_arm64(&self) -> bool {
        self.emulator.first().is_some_and(|e| e.contains("aarch64"))
    }

    /// The same engine under QEMU user mode, named `<name>-arm64`.
    fn arm64(&self, command: Option<String>, lib_path: &str) -> Engine {
        let mut e = self.clone();
        e.name = format!("{}-arm64", self.name);
        if command.is_some() {
            e.command = command;
        }
        e.emulator = vec![
            "qemu-aarch64".into(),
            "-L".into(),
            "/usr/aarch64-linux-gnu".into(),
            // Safe whether or not a multiarch libc6:arm64 is installed: without
            // it, two glibc builds mix and threaded programs hang.
            "-E".into(),
            format!("LD_LIBRARY_PATH={lib_path}"),
        ];
        e.memory_mb = None;
        e.timeout_ms = self.timeout_ms * 5;
        e
    }
}

/// Where the twin-lua binary is: `$TWIN_LUA`, else next to the running `twin`
/// binary (same cargo profile), else the workspace's debug and release target
/// directories, else `twin-lua` on `PATH`. For arm64 the cross target dirs.
pub fn twin_lua_binary(arm64: bool) -> Option<PathBuf> {
    let var = if arm64 { "TWIN_LUA_ARM64" } else { "TWIN_LUA" };
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    // target/<profile>/twin or target/<profile>/deps/<test binary>
    let mut candidates = Vec::new();
    for dir in exe.ancestors().skip(1).take(3) {
        if arm64 {
            for profile in ["debug", "release"] {
                candidates.push(dir.join("aarch64-unknown-linux-gnu").join(profile).join("twin-lua"));
            }
        } else {
            candidates.push(dir.join("twin-lua"));
        }
    }
    if let Some(found) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(found);
    }
    if arm64 { None } else { find_on_path("twin-lua") }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Where an arm64 build of Debian's LuaJIT is unpacked (`dpkg-deb -x` of
/// `luajit:arm64` and `libluajit-5.1-2:arm64`): `$TWIN_LUAJIT_ARM64_ROOT`, else
/// `/opt/twin/luajit-arm64`. Returns (binary, library dir).
fn luajit_arm64() -> Option<(PathBuf, PathBuf)> {
    let root = std::env::var_os("TWIN_LUAJIT_ARM64_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/twin/luajit-arm64"));
    let bin = root.join("usr/bin/luajit");
    bin.is_file().then(|| (bin, root.join("usr/lib/aarch64-linux-gnu")))
}

/// The value of `TWIN_FFI_HELPER` for this engine: its own setting, else the
/// helper library for its architecture (none for aarch64 when the cross
/// compiler was missing at build time).
pub fn ffi_helper_for(engine: &Engine) -> Option<String> {
    if let Some(v) = engine.env.get("TWIN_FFI_HELPER") {
        return Some(v.clone());
    }
    let path =
        if engine.is_arm64() { twin_gen::helper_lib_path_aarch64()? } else { twin_gen::helper_lib_path() };
    Some(path.to_string_lossy().into_owned())
}

/// The built-in engines, in a stable order.
pub fn builtin_engines() -> Vec<Engine> {
    use EngineKind::*;
    let stress = ["-Ohotloop=1", "-Ohotexit=1"];
    let mut engines = vec![
        Engine::new("twin-interp", TwinLua, None, &["-joff"]),
        Engine::new("twin-jit", TwinLua, None, &[]),
        Engine::new("twin-jit-stress", TwinLua, None, &stress),
        Engine::new("luajit", External, Some("luajit"), &[]),
        Engine::new("luajit-joff", External, Some("luajit"), &["-joff"]),
        Engine::new("luajit-stress", External, Some("luajit"), &stress),
    ];
    if find_on_path("qemu-aarch64").is_some() {
        let sysroot_lib = "/usr/aarch64-linux-gnu/lib";
        if let Some((bin, lib)) = luajit_arm64() {
            let libs = format!("{}:{sysroot_lib}", lib.display());
            let native: Vec<Engine> = engines.iter().filter(|e| e.kind == External).cloned().collect();
            for e in native {
                engines.push(e.arm64(Some(bin.to_string_lossy().into_owned()), &libs));
            }
        }
        if twin_lua_binary(true).is_some() {
            let native: Vec<Engine> = engines.iter().filter(|e| e.kind == TwinLua).cloned().collect();
            for e in native {
                engines.push(e.arm64(None, sysroot_lib));
            }
        }
    }
    engines
}

/// One engine as written in `twin.toml`; missing fields take the built-in
/// engine's values when the name is a built-in, else the defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EngineEntry {
    kind: Option<EngineKind>,
    command: Option<String>,
    args: Option<Vec<String>>,
    emulator: Option<Vec<String>>,
    env: Option<BTreeMap<String, String>>,
    timeout_ms: Option<u64>,
    memory_mb: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    engines: BTreeMap<String, EngineEntry>,
}

/// The set of engines known by name: built-ins overlaid by a config file.
#[derive(Debug, Clone)]
pub struct Registry {
    engines: Vec<Engine>,
}

impl Registry {
    /// Built-ins only.
    pub fn builtin() -> Registry {
        Registry { engines: builtin_engines() }
    }

    /// Built-ins overlaid with `path` (a `twin.toml`).
    pub fn load(path: &Path) -> Result<Registry, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut registry = Registry::builtin();
        registry.overlay(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(registry)
    }

    /// Built-ins overlaid with `path` if given, else with `./twin.toml` if it exists.
    pub fn discover(path: Option<&Path>) -> Result<Registry, String> {
        match path {
            Some(p) => Registry::load(p),
            None if Path::new("twin.toml").is_file() => Registry::load(Path::new("twin.toml")),
            None => Ok(Registry::builtin()),
        }
    }

    fn overlay(&mut self, text: &str) -> Result<(), String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for (name, entry) in file.engines {
            let base = self.get(&name).cloned();
            let kind = entry.kind.or(base.as_ref().map(|b| b.kind.clone())).unwrap_or(EngineKind::External);
            let mut e = base.unwrap_or_else(|| Engine::new(&name, kind.clone(), None, &[]));
            e.kind = kind;
            if let Some(c) = entry.command {
                e.command = Some(c);
            }
            if let Some(a) = entry.args {
                e.args = a;
            }
            if let Some(em) = entry.emulator {
                e.emulator = em;
            }
            if let Some(env) = entry.env {
                e.env = env;
            }
            if let Some(t) = entry.timeout_ms {
                e.timeout_ms = t;
            }
            if let Some(m) = entry.memory_mb {
                e.memory_mb = (m > 0).then_some(m);
            }
            if e.kind == EngineKind::External && e.command.is_none() {
                return Err(format!("engine {name}: an external engine needs `command`"));
            }
            match self.engines.iter_mut().find(|x| x.name == name) {
                Some(slot) => *slot = e,
                None => self.engines.push(e),
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&Engine> {
        self.engines.iter().find(|e| e.name == name)
    }

    /// Looks up a comma-separated list of names.
    pub fn select(&self, names: &str) -> Result<Vec<Engine>, String> {
        names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| {
                self.get(n).cloned().ok_or_else(|| {
                    let known: Vec<&str> = self.engines.iter().map(|e| e.name.as_str()).collect();
                    format!("unknown engine `{n}` (known: {})", known.join(", "))
                })
            })
            .collect()
    }

    pub fn all(&self) -> &[Engine] {
        &self.engines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_have_the_design_names() {
        let r = Registry::builtin();
        for n in ["twin-interp", "twin-jit", "twin-jit-stress", "luajit", "luajit-joff", "luajit-stress"] {
            assert!(r.get(n).is_some(), "{n}");
        }
        assert_eq!(r.get("luajit-stress").unwrap().args, ["-Ohotloop=1", "-Ohotexit=1"]);
        assert_eq!(r.get("luajit-joff").unwrap().argv().unwrap(), ["luajit", "-joff"]);
        assert_eq!(r.get("luajit-joff").unwrap().worker_argv().unwrap(), ["luajit", "-joff"]);
        let mut interp = r.get("twin-interp").unwrap().clone();
        interp.command = Some("/x/twin-lua".into());
        assert_eq!(interp.worker_argv().unwrap(), ["/x/twin-lua", "-joff", "--serve"]);
    }

    #[test]
    fn toml_overrides_and_adds() {
        let mut r = Registry::builtin();
        r.overlay(
            r#"
            [engines.luajit-joff]
            timeout_ms = 7
            [engines.odd]
            command = "/bin/odd"
            args = ["-x"]
            memory_mb = 0
            "#,
        )
        .unwrap();
        let j = r.get("luajit-joff").unwrap();
        assert_eq!((j.timeout_ms, j.args.as_slice()), (7, ["-joff".to_string()].as_slice()));
        let odd = r.get("odd").unwrap();
        assert_eq!((odd.kind.clone(), odd.memory_mb), (EngineKind::External, None));
        assert_eq!(odd.argv().unwrap(), ["/bin/odd", "-x"]);
        assert!(r.select("odd, luajit").is_ok());
        assert!(r.select("nope").unwrap_err().contains("unknown engine `nope`"));
    }

    #[test]
    fn arm64_variant_runs_under_qemu_without_memory_limit() {
        let native = Registry::builtin().get("luajit-stress").cloned().unwrap();
        let e = native.arm64(Some("/opt/x/usr/bin/luajit".into()), "/opt/x/lib:/usr/aarch64-linux-gnu/lib");
        assert_eq!(e.name, "luajit-stress-arm64");
        assert_eq!(e.memory_mb, None);
        assert_eq!(e.timeout_ms, native.timeout_ms * 5);
        assert!(e.is_arm64());
        assert_eq!(
            e.argv().unwrap(),
            [
                "qemu-aarch64",
                "-L",
                "/usr/aarch64-linux-gnu",
                "-E",
                "LD_LIBRARY_PATH=/opt/x/lib:/usr/aarch64-linux-gnu/lib",
                "/opt/x/usr/bin/luajit",
                "-Ohotloop=1",
                "-Ohotexit=1",
            ]
        );
    }

    #[test]
    fn toml_errors_are_reported() {
        let mut r = Registry::builtin();
        assert!(r.overlay("[engines.x]\nargs = []\n").unwrap_err().contains("needs `command`"));
        assert!(r.overlay("[engines.x]\nbogus = 1\n").is_err());
    }
}
