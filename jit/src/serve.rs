//! `twin-lua --serve SERVER PROBE NONCE`: the harness's worker, one fresh Lua
//! state per program.
//!
//! The harness (crate twin-oracle) runs every engine as a persistent worker
//! speaking one framing protocol (oracle/src/protocol.rs):
//!
//! ```text
//!   stdin    "run <len>\n" <len bytes: the program>
//!   stdout   <program output> "\0TWIN:<nonce>:<len>\n" <payload>
//!   stderr   <program output> "\0TWIN:<nonce>\n"
//! ```
//!
//! External engines do it all in Lua (SERVER, oracle/lua/server.lua), running
//! each program in a fresh globals table inside one long-lived state. Here the
//! loop is Rust and each program gets a whole new [`Lua`] state, made with the
//! command line's options (`--sandbox`, `-O...`, `-j...`), so nothing a
//! program does (JIT traces, hot counters, FFI declarations, GC settings, the
//! string metatable) can reach the next one. Observation stays the server's
//! job: the new state loads SERVER with the arguments `PROBE NONCE --one`,
//! which hands back its per-program function `run(source) -> payload`
//! (probe prelude, `=prog` chunk name, output of errors, returns and
//! checkpoints, `TWIN_FFI_HELPER`), so observations are those every other
//! engine produces through the same file.
//!
//! stdin is read here, never through a state's io library: a state's buffered
//! read-ahead would die with the state and take the next request with it.
//! The program's own output goes through the state's io library as in a
//! direct run; it is flushed before the markers are written, so the program's
//! bytes always precede them. SERVER's "recycle" record (state that outlives
//! the program in a shared state) is passed on unchanged; the harness ignores
//! it for twin-lua engines, whose states never outlive a program.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use twin_lua::vm::api::{Lua, LuaError};
use twin_lua::vm::string::LStr;

use crate::{PROGNAME, apply_jit_command, apply_opt_flags};

/// Serves requests from stdin until it ends. `files` are the arguments after
/// the options: SERVER, PROBE, NONCE.
pub fn serve(opts: &twin_lua::lib::Options, actions: &[(char, String)], files: &[String]) -> ExitCode {
    let [server_path, probe_path, nonce] = files else {
        eprintln!("{PROGNAME}: --serve needs SERVER PROBE NONCE");
        return ExitCode::from(1);
    };
    if let Some((o, _)) = actions.iter().find(|(o, _)| !matches!(o, 'O' | 'j')) {
        eprintln!("{PROGNAME}: option '-{o}' cannot be combined with --serve");
        return ExitCode::from(1);
    }
    let server = match std::fs::read(server_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{PROGNAME}: cannot open {server_path}: {}", twin_lua::lib::base::io_reason(&e));
            return ExitCode::from(1);
        }
    };
    let setup =
        Setup { opts, actions, server: &server, server_name: format!("@{server_path}"), probe_path, nonce };
    let mut input = BufReader::new(std::io::stdin().lock());
    loop {
        let source = match read_request(&mut input) {
            Ok(Some(s)) => s,
            Ok(None) => return ExitCode::SUCCESS,
            Err(m) => {
                eprintln!("twin server: {m}");
                return ExitCode::from(3);
            }
        };
        let payload = match setup.run(&source) {
            Ok(p) => p,
            Err(m) => {
                eprintln!("twin server: {m}");
                return ExitCode::from(3);
            }
        };
        if write_answer(nonce, &payload).is_err() {
            // The harness has gone; nobody is left to answer.
            return ExitCode::from(3);
        }
    }
}

/// Reads one request; `None` at a clean end of input.
fn read_request(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, String> {
    let mut header = Vec::new();
    match input.read_until(b'\n', &mut header) {
        Ok(0) => return Ok(None),
        Ok(_) => {}
        Err(e) => return Err(format!("cannot read request: {e}")),
    }
    let len = header
        .strip_prefix(b"run ")
        .and_then(|rest| rest.strip_suffix(b"\n"))
        .and_then(|n| std::str::from_utf8(n).ok())
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u64>().ok())
        .ok_or("bad request header")?;
    let mut source = Vec::new();
    input.take(len).read_to_end(&mut source).map_err(|e| format!("cannot read request: {e}"))?;
    if (source.len() as u64) < len {
        return Err("request shorter than its length".into());
    }
    Ok(Some(source))
}

fn write_answer(nonce: &str, payload: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "\0TWIN:{nonce}:{}", payload.len())?;
    out.write_all(payload)?;
    out.flush()?;
    let mut err = std::io::stderr().lock();
    writeln!(err, "\0TWIN:{nonce}")?;
    err.flush()
}

/// What every program's state is made from.
struct Setup<'a> {
    opts: &'a twin_lua::lib::Options,
    actions: &'a [(char, String)],
    server: &'a [u8],
    server_name: String,
    probe_path: &'a str,
    nonce: &'a str,
}

impl Setup<'_> {
    /// Runs one program in a new state and returns the server's payload.
    /// Errors are the server's own (it failed to load or to answer), never
    /// the program's, which the payload reports.
    fn run(&self, source: &[u8]) -> Result<Vec<u8>, String> {
        let mut lua = Lua::with_options(self.opts.clone());
        apply_opt_flags(&mut lua, self.actions)?;
        for (_, cmd) in self.actions.iter().filter(|(o, _)| *o == 'j') {
            apply_jit_command(&mut lua, cmd)?;
        }
        let server_error = |e: LuaError| format!("server script failed: {e}");
        let chunk = lua.load(self.server, &self.server_name).map_err(server_error)?;
        let args: Vec<_> = [self.probe_path.as_bytes(), self.nonce.as_bytes(), b"--one"]
            .iter()
            .map(|a| lua.state().str_value(a))
            .collect();
        let run = lua.call(chunk, &args).map_err(server_error)?;
        let run = run.first().copied().ok_or("server script returned no function")?;
        let src = lua.state().str_value(source);
        let payload = lua.call(run, &[src]).map_err(server_error)?;
        let payload = match payload.first() {
            Some(v) if v.is_str() => {
                // SAFETY: a string value points at a live string; it stays
                // live until the next call into Lua, and the bytes are copied
                // out before any.
                unsafe { (*v.ptr::<LStr>()).as_bytes() }.to_vec()
            }
            _ => return Err("server script returned no payload".into()),
        };
        // The program's output precedes the markers.
        lua.flush();
        Ok(payload)
    }
}
