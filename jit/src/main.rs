//! `twin-lua`: the command-line front end, with LuaJIT's flags and conventions.
//!
//! `twin-lua [options] [script [args]]`, options as `luajit`: `-e chunk`, `-l name`,
//! `-v`, `-j cmd` (`on`, `off`, `flush`, `v`: trace events on stderr, `dump`: trace IR
//! on stderr, `perf`: trace names in `/tmp/perf-<pid>.map` for Linux `perf`), `-O[...]` (a level `-O0`..`-O3`, `+flag`/`-flag`/`noflag`, `param=N`,
//! comma-separated, as `jit.opt.start`; plus `seed=N` for the JIT's PRNG),
//! `--sandbox` and `--allow=DIR` (see
//! `twin_lua::lib::sandbox`), `--serve SERVER PROBE NONCE` (the harness's worker, see
//! `serve.rs`), `--` ends options, `-` runs stdin. The
//! script's arguments are in the global `arg` (`arg[0]` the script, negative indices the
//! interpreter and its options). Errors print `twin-lua: message` and a traceback on
//! stderr and exit with status 1.

use std::io::Write;
use std::process::ExitCode;

use twin_lua::vm::api::{Lua, LuaError};
use twin_lua::vm::value::*;

mod serve;

pub(crate) const PROGNAME: &str = "twin-lua";

fn usage() -> ExitCode {
    eprintln!(
        "usage: {PROGNAME} [options]... [script [args]...].\n\
         Available options are:\n  \
         -e chunk  Execute string 'chunk'.\n  \
         -l name   Require library 'name'.\n  \
         -j cmd    Perform JIT control command (on, off, flush, v, dump, perf).\n  \
         -O[opt]   Control JIT optimizations.\n  \
         -v        Show version information.\n  \
         --sandbox Disable os.execute/exit/remove/rename/tmpname, io.popen/tmpfile,\n            \
         writing files, and reading files outside --allow=DIR paths.\n  \
         --        Stop handling options.\n  \
         -         Execute stdin and stop handling options."
    );
    ExitCode::from(1)
}

fn report(lua: &mut Lua, e: &LuaError) -> ExitCode {
    lua.flush();
    let _ = std::io::stdout().flush();
    let mut err = std::io::stderr();
    // luajit reports nothing for a nil error value.
    if e.is_nil {
        return ExitCode::from(1);
    }
    let _ = writeln!(err, "{PROGNAME}: {}", e.message);
    if let Some(tb) = &e.traceback {
        let _ = writeln!(err, "{tb}");
    }
    ExitCode::from(1)
}

/// Builds the global `arg` table: `args[script_at]` is `arg[0]`.
fn set_arg_table(lua: &mut Lua, args: &[String], script_at: usize) {
    let st = lua.state();
    let t = st.new_table(args.len().saturating_sub(script_at) + 1, 0);
    for (i, a) in args.iter().enumerate() {
        let k = TValue::number(i as f64 - script_at as f64);
        let v = st.str_value(a.as_bytes());
        st.raw_set(t, k, v);
    }
    let g = TValue::gc(TAG_TABLE, st.globals);
    let k = st.str_value(b"arg");
    st.raw_set(g, k, t);
}

fn run_chunk(lua: &mut Lua, src: &[u8], chunkname: &str, args: &[String]) -> Result<(), LuaError> {
    let f = lua.load(src, chunkname)?;
    let vals: Vec<TValue> = args.iter().map(|a| lua.state().str_value(a.as_bytes())).collect();
    lua.call(f, &vals)?;
    Ok(())
}

/// Applies the `-O` options among `actions` to a new state, in order, as
/// `jit.opt.start` would, before anything runs in it.
fn apply_opt_flags(lua: &mut Lua, actions: &[(char, String)]) -> Result<(), String> {
    let mut seed = 0u64;
    let st = lua.state();
    for (_, val) in actions.iter().filter(|(o, _)| *o == 'O') {
        for opt in val.split(',') {
            if let Some(n) = opt.strip_prefix("seed=").and_then(|n| n.parse::<u64>().ok()) {
                seed = n;
            } else if !st.lib.jit.apply(opt) {
                return Err(format!("unknown or malformed optimization flag '{opt}'"));
            }
        }
    }
    let p = twin_lua::trace::JitParams::from_settings(&st.lib.jit, seed);
    st.jit.set_params(p);
    Ok(())
}

/// Performs one `-j` command on a state.
fn apply_jit_command(lua: &mut Lua, cmd: &str) -> Result<(), String> {
    let st = lua.state();
    match cmd {
        "on" => st.lib.jit.enabled = true,
        "off" => st.lib.jit.enabled = false,
        "flush" => st.trace_flush(),
        "v" => st.jit.verbose = true,
        "dump" => st.jit.dump = true,
        "perf" => st.jit.perf = Some(twin_lua::trace::perfmap::PerfMap::open()),
        _ => return Err(format!("unknown JIT command '-j{cmd}'")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let mut opts = twin_lua::lib::Options::default();
    let mut i = 1;
    let mut actions: Vec<(char, String)> = Vec::new();
    let mut script: Option<usize> = None;
    let mut show_version = false;
    let mut serve = false;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a == "-" || !a.starts_with('-') {
            break;
        }
        if a == "--serve" {
            serve = true;
            i += 1;
            continue;
        }
        if a == "--sandbox" {
            opts.sandbox = true;
            i += 1;
            continue;
        }
        if let Some(dir) = a.strip_prefix("--allow=") {
            opts.allowed_paths.push(dir.into());
            i += 1;
            continue;
        }
        match a.as_bytes()[1] {
            b'e' | b'l' | b'j' => {
                let opt = a.as_bytes()[1] as char;
                let val = if a.len() > 2 {
                    a[2..].to_string()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => return usage(),
                    }
                };
                actions.push((opt, val));
            }
            // `-O[level|flags|param=value,...]`, applied to the `jit` library's settings
            // in order (`-O` alone is level 3).
            b'O' => actions.push(('O', if a.len() > 2 { a[2..].to_string() } else { "3".to_string() })),
            b'v' => show_version = true,
            b'i' | b'b' => {
                eprintln!("{PROGNAME}: option '{a}' is not supported");
                return ExitCode::from(1);
            }
            _ => return usage(),
        }
        i += 1;
    }
    if i < args.len() {
        script = Some(i);
    }
    if serve {
        return serve::serve(&opts, &actions, &args[i..]);
    }
    let mut lua = Lua::with_options(opts);
    set_arg_table(&mut lua, &args, script.unwrap_or(args.len().min(i)));
    if let Err(m) = apply_opt_flags(&mut lua, &actions) {
        eprintln!("{PROGNAME}: {m}");
        return ExitCode::from(1);
    }
    if show_version {
        println!("twin-lua {} -- Lua 5.1 + LuaJIT 2.1 compatible engine", env!("CARGO_PKG_VERSION"));
    }
    for (opt, val) in &actions {
        let r = match opt {
            'e' => run_chunk(&mut lua, val.as_bytes(), "=(command line)", &[]),
            'l' => {
                let src = format!("require(\"{}\")", val.escape_default());
                run_chunk(&mut lua, src.as_bytes(), "=(command line)", &[])
            }
            'j' => {
                if let Err(m) = apply_jit_command(&mut lua, val) {
                    eprintln!("{PROGNAME}: {m}");
                    return ExitCode::from(1);
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = r {
            let code = report(&mut lua, &e);
            return close(&mut lua, code);
        }
    }
    let run_stdin = match script {
        Some(s) => args[s] == "-",
        None => actions.is_empty() && !show_version,
    };
    let r = if run_stdin {
        let mut src = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src) {
            eprintln!("{PROGNAME}: cannot read stdin: {e}");
            return ExitCode::from(1);
        }
        let rest = script.map(|s| &args[s + 1..]).unwrap_or(&[]);
        run_chunk(&mut lua, &src, "=stdin", rest)
    } else if let Some(s) = script {
        match std::fs::read(&args[s]) {
            Ok(mut src) => {
                if src.first() == Some(&b'#') {
                    let end = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
                    src.drain(..end);
                }
                run_chunk(&mut lua, &src, &format!("@{}", args[s]), &args[s + 1..])
            }
            Err(e) => {
                let reason = twin_lua::lib::base::io_reason(&e);
                let _ = std::io::stdout().flush();
                eprintln!("{PROGNAME}: cannot open {}: {reason}", args[s]);
                return ExitCode::from(1);
            }
        }
    } else {
        Ok(())
    };
    let code = match r {
        Err(e) => report(&mut lua, &e),
        Ok(()) => ExitCode::SUCCESS,
    };
    close(&mut lua, code)
}

/// The end of a run, as luajit's `lua_close`: pending finalizers (`ffi.gc`, `__gc`) run.
/// (`--serve` does not: its states match the shared state of the external engines'
/// server, where nothing is finalized at a program's end.)
fn close(lua: &mut Lua, code: ExitCode) -> ExitCode {
    lua.state().close_finalize();
    lua.flush();
    code
}
