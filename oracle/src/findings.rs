//! Reading a campaign's findings directory (the one adapter between
//! `twin fuzz`'s output and `twin triage`).
//!
//! What triage reads, per finding (one subdirectory each, any name):
//!
//! ```text
//!   <dir>/program.lua      the program (else the first *.lua, by name)
//!   <dir>/finding.json     optional: { "engines": ["oracle", "engine"] or "a,b",
//!                                      "signature": "...", "seed": ...,
//!                                      "timestamp": unix seconds or "found_at": ... }
//! ```
//!
//! Missing metadata has defaults: the engines given on the command line, the
//! signature judged afresh, the program file's modification time. A
//! subdirectory without a program is skipped with a message, never fatal.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Finding {
    pub dir: PathBuf,
    pub program: String,
    pub engines: Option<Vec<String>>,
    pub signature: Option<String>,
    pub seed: Option<String>,
    /// Seconds since the epoch.
    pub timestamp: Option<u64>,
}

/// Every finding under `root`, sorted by directory name; `skipped` gets one
/// message per unreadable entry.
pub fn read_dir(root: &Path, skipped: &mut Vec<String>) -> Result<Vec<Finding>, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        match read_one(&dir) {
            Ok(f) => out.push(f),
            Err(e) => skipped.push(format!("{}: {e}", dir.display())),
        }
    }
    Ok(out)
}

fn read_one(dir: &Path) -> Result<Finding, String> {
    let program_path = if dir.join("program.lua").is_file() {
        dir.join("program.lua")
    } else {
        let mut lua: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "lua"))
            .collect();
        lua.sort();
        lua.into_iter().next().ok_or("no program (program.lua or *.lua)")?
    };
    let program =
        std::fs::read_to_string(&program_path).map_err(|e| format!("{}: {e}", program_path.display()))?;
    let meta: Value = match std::fs::read_to_string(dir.join("finding.json")) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("finding.json: {e}"))?,
        Err(_) => Value::Null,
    };
    let engines = match &meta["engines"] {
        Value::Array(a) => Some(a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()),
        Value::String(s) => Some(s.split(',').map(|s| s.trim().to_string()).collect()),
        _ => None,
    };
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    let timestamp = meta["timestamp"].as_u64().or_else(|| meta["found_at"].as_u64()).or_else(|| {
        let modified = std::fs::metadata(&program_path).ok()?.modified().ok()?;
        Some(modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
    });
    Ok(Finding {
        dir: dir.to_path_buf(),
        program,
        engines,
        signature: text(&meta["signature"]),
        seed: text(&meta["seed"]),
        timestamp,
    })
}
