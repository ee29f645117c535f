//! The standard library end to end: each `tests/stdlib/<lib>.lua` runs in a fresh state
//! and its output must equal `<lib>.expected`, which is what `luajit -joff <lib>.lua`
//! printed (run in that directory). The programs avoid host-dependent output
//! (addresses, temporary names, local time). Also: the sandbox option, and the `jit`
//! library's honest answers.

use std::path::{Path, PathBuf};

use twin_lua::lib::Options;
use twin_lua::vm::api::Lua;

mod common;
use common::Buf;

/// Runs `src` as chunk `name` in `lua`; returns its output (and the error, if any).
fn run_in(mut lua: Lua, src: &[u8], name: &str) -> String {
    let buf = Buf::default();
    lua.set_output(Box::new(buf.clone()));
    let r = lua.exec(src, name);
    lua.flush();
    let mut out = String::from_utf8_lossy(&buf.0.borrow()).into_owned();
    if let Err(e) = r {
        out.push_str(&format!("ERROR: {}\n", e.message));
    }
    out
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib")
}

fn check(lib: &str) {
    let d = dir();
    let src = std::fs::read(d.join(format!("{lib}.lua"))).unwrap();
    let want = std::fs::read_to_string(d.join(format!("{lib}.expected"))).unwrap();
    let got = run_in(Lua::new(), &src, &format!("@{lib}.lua"));
    if got != want {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .filter(|(_, (w, g))| w != g)
            .take(5)
            .map(|(i, (w, g))| format!("line {}:\n  luajit: {w}\n  twin:   {g}", i + 1))
            .collect();
        panic!("{lib}.lua differs from luajit -joff:\n{}\n(full output:\n{got})", diff.join("\n"));
    }
}

#[test]
fn string_lib() {
    check("string");
}

#[test]
fn table_lib() {
    check("table");
}

#[test]
fn math_lib() {
    check("math");
}

#[test]
fn bit_lib() {
    check("bit");
}

#[test]
fn os_lib() {
    check("os");
}

#[test]
fn io_lib() {
    check("io");
}

#[test]
fn debug_lib() {
    check("debug");
}

#[test]
fn jit_lib_is_honest() {
    let out = run_in(
        Lua::new(),
        b"print(jit.status(), jit.version_num, type(jit.version), jit.version:match('^twin%-lua') ~= nil)\n\
          print(jit.on(), jit.off(), jit.flush(), pcall(jit.on, print))\n\
          print(pcall(jit.opt.start, 'hotloop=10', '-fold', 3), pcall(jit.opt.start, 'bad'))\n\
          print(package.loaded['jit.opt'] == jit.opt, jit.os, jit.arch)",
        "=jit",
    );
    let arch = if cfg!(target_arch = "x86_64") { "x64" } else { "arm64" };
    assert_eq!(
        out,
        format!(
            "false\t20100\tstring\ttrue\n\
             nil\tnil\tnil\tfalse\tbad argument #1 to '?' (function expected, got function)\n\
             true\tfalse\tunknown or malformed optimization flag 'bad'\n\
             true\tLinux\t{arch}\n"
        )
    );
}

#[test]
fn sandbox_confines_the_program() {
    let allowed = std::env::temp_dir().join(format!("twin-sandbox-{}", std::process::id()));
    std::fs::create_dir_all(&allowed).unwrap();
    std::fs::write(allowed.join("m.lua"), "return 42").unwrap();
    let a = allowed.display().to_string();
    let src = format!(
        "print(os.execute, os.exit, os.remove, os.rename, os.tmpname, io.popen, io.tmpfile)\n\
         print(type(os.time), type(os.date), type(io.write))\n\
         print(select(3, io.open('{a}/new.txt', 'w')), select(3, io.open('/etc/hostname')))\n\
         print(io.open('{a}/m.lua'):read('*a'))\n\
         print(loadfile('/etc/hostname'))\n\
         print(pcall(dofile, '/etc/hostname'))\n\
         print(loadfile('{a}/m.lua')(), dofile('{a}/m.lua'))\n\
         print(pcall(io.output, '{a}/out.txt'))\n\
         package.path = '/etc/?'\n\
         print(pcall(require, 'hostname'))\n\
         package.path = '{a}/?.lua'\n\
         print(require('m'))\n"
    );
    let lua = Lua::with_options(Options { sandbox: true, allowed_paths: vec![allowed.clone()] });
    let out = run_in(lua, src.as_bytes(), "=sandbox");
    let refuse = "cannot open /etc/hostname (outside the sandbox's allowed paths)";
    assert_eq!(
        out,
        format!(
            "nil\tnil\tnil\tnil\tnil\tnil\tnil\n\
             function\tfunction\tfunction\n\
             13\t13\n\
             return 42\n\
             nil\t{refuse}\n\
             false\t{refuse}\n\
             42\t42\n\
             false\tbad argument #1 to '?' ({a}/out.txt: Permission denied)\n\
             false\t{refuse}\n\
             42\n"
        )
    );
    assert!(!allowed.join("new.txt").exists() && !allowed.join("out.txt").exists());
    std::fs::remove_dir_all(&allowed).unwrap();
}

#[test]
fn debug_hooks() {
    check("hooks");
}

/// Programs that would corrupt memory in an engine trusting its natives must only get
/// Lua-level answers here (see the `debug` module's departures from LuaJIT).
#[test]
fn tampering_stays_memory_safe() {
    let out = run_in(
        Lua::new(),
        b"local it = string.gmatch('a b', '%a')\n\
          print(debug.setupvalue(it, 1, {}), it())\n\
          local r = string.gsub('abc', '%w', function(c)\n\
            debug.setlocal(2, 1, nil) collectgarbage() return c:upper() end)\n\
          print(r)\n\
          local reg = debug.getregistry()\n\
          reg['FILE*'] = nil collectgarbage()\n\
          local f = io.tmpfile() print(io.type(f), f:write('x'), f:seek('set'), f:read('*a')) f:close()\n\
          debug.sethook(print, 'l') reg._HOOKFUNC = nil collectgarbage()\n\
          local x = 1 debug.sethook()\n\
          local d = string.dump(function() return 1 end)\n\
          reg._DUMPS[d] = print\n\
          print(loadstring(d))\n\
          local t = {} for i = 1, 40 do t[i] = tostring(40 - i) end\n\
          table.sort(t, function(a, b) t[20] = nil collectgarbage() return (a or '') < (b or '') end)\n\
          print('done')",
        "=tamper",
    );
    assert_eq!(
        out,
        "nil\ta\n\
         ABC\n\
         file\ttrue\t0\tx\n\
         line\t10\n\
         nil\t(binary): cannot load malformed bytecode\n\
         done\n"
    );
}

/// Extreme numeric arguments convert as LuaJIT's C code converts them (no overflow).
/// Expected output from luajit -joff.
#[test]
fn extreme_arguments() {
    let out = run_in(
        Lua::new(),
        b"print(os.difftime(1e300, -1e300), os.difftime(2^63, 1), pcall(os.time, {year=-1e300, month=-1e300, day=1e300}),\n\
          debug.getlocal(print, -1e300), pcall(debug.getlocal, 1, -1e300), pcall(debug.upvalueid, print, -2^63),\n\
          pcall(debug.getupvalue, print, -1e300))\n\
          print(os.date('!%Y', 1e300), string.sub('abc', -1e300, 1e300), string.rep('x', -1e300), pcall(string.char, 1e300))",
        "=extreme",
    );
    assert_eq!(
        out,
        "0\t-9.2233720368548e+18\ttrue\tnil\ttrue\tfalse\ttrue\n\
         nil\t\t\tfalse\tbad argument #1 to '?' (invalid value)\n"
    );
}
