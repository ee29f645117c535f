//! The Lua side of the harness: the worker server and the stack-state probe.
//!
//! Both are plain Lua files (`oracle/lua/`) compiled into the `twin` binary,
//! so an installed `twin` needs nothing beside it. Engines are commands that
//! take a script path, so the files are materialised once per content version
//! in a directory under the system temp dir whose name carries a hash of the
//! contents: concurrent `twin` processes agree on the files, and an edited
//! script never meets a stale copy. Files are written to a temporary name and
//! renamed, so a reader never sees half a file.

use std::path::{Path, PathBuf};

pub const SERVER_LUA: &str = include_str!("../lua/server.lua");
pub const PROBE_LUA: &str = include_str!("../lua/probe.lua");

/// Paths of the materialised scripts.
#[derive(Debug, Clone)]
pub struct Scripts {
    pub server: PathBuf,
    pub probe: PathBuf,
}

impl Scripts {
    /// Writes the scripts (if not already there) and returns their paths.
    pub fn materialise() -> std::io::Result<Scripts> {
        let dir = std::env::temp_dir().join(format!("twin-lua-scripts-{:016x}", content_hash()));
        std::fs::create_dir_all(&dir)?;
        let server = write_once(&dir, "server.lua", SERVER_LUA)?;
        let probe = write_once(&dir, "probe.lua", PROBE_LUA)?;
        Ok(Scripts { server, probe })
    }
}

fn write_once(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(name);
    if std::fs::read_to_string(&path).is_ok_and(|t| t == text) {
        return Ok(path);
    }
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// FNV-1a over both scripts: stable across runs and Rust versions (unlike
/// `DefaultHasher`).
fn content_hash() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in SERVER_LUA.bytes().chain([0]).chain(PROBE_LUA.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
