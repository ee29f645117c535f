//! The standard library under fuzzing: the input chooses a sequence of library calls
//! (every function of issue 3) with arguments from a pool of edge values, shared
//! variables and callbacks, run as a Lua chunk in a fresh sandboxed state with an
//! instruction budget. Errors are fine (every call is in a `pcall`); panics and crashes
//! are findings.
//!
//! The prelude caps `string.rep` counts, so an input cannot ask for gigabytes (LuaJIT
//! would allocate them too; that is not what this target looks for).
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use twin_lua::lib::Options;
use twin_lua::vm::api::Lua;

/// Function entries plus loop iterations a single input may spend.
const BUDGET: u64 = 200_000;
/// Calls per input, at most.
const MAX_CALLS: usize = 24;

const PRELUDE: &str = "\
local rep = string.rep
string.rep = function(s, n, sep) if type(n) == 'number' and n > 64 then n = 64 end return rep(s, n, sep) end
local t, s, n = {3, 1, 2, 'x', k = 'v'}, 'a(b)c %d', 1
local f = function(...) n = n + 1 return ... end
local g = function(a, b) return a < b end
local h = function() error('boom') end
local co = coroutine.create(function(...) local x = 1 coroutine.yield(x, ...) return 2 end)
local mt = setmetatable({}, {__index = function(_, k) return k end, __lt = function() return true end,
  __tostring = function() return 'MT' end, __concat = function() return 'C' end})
local r
";

const FUNCS: &[&str] = &[
    "string.byte",
    "string.char",
    "string.dump",
    "string.find",
    "string.format",
    "string.gmatch",
    "string.gsub",
    "string.len",
    "string.lower",
    "string.match",
    "string.rep",
    "string.reverse",
    "string.sub",
    "string.upper",
    "table.concat",
    "table.insert",
    "table.remove",
    "table.sort",
    "table.maxn",
    "table.getn",
    "table.move",
    "table.foreach",
    "table.foreachi",
    "math.abs",
    "math.ceil",
    "math.floor",
    "math.sqrt",
    "math.sin",
    "math.fmod",
    "math.modf",
    "math.frexp",
    "math.ldexp",
    "math.log",
    "math.log10",
    "math.exp",
    "math.pow",
    "math.max",
    "math.min",
    "math.random",
    "math.randomseed",
    "math.deg",
    "math.atan2",
    "bit.tobit",
    "bit.tohex",
    "bit.bnot",
    "bit.band",
    "bit.bor",
    "bit.bxor",
    "bit.lshift",
    "bit.rshift",
    "bit.arshift",
    "bit.rol",
    "bit.ror",
    "bit.bswap",
    "os.time",
    "os.date",
    "os.clock",
    "os.difftime",
    "os.getenv",
    "os.setlocale",
    "io.write",
    "io.read",
    "io.type",
    "io.open",
    "io.lines",
    "io.output",
    "io.input",
    "io.close",
    "debug.traceback",
    "debug.getinfo",
    "debug.getlocal",
    "debug.setlocal",
    "debug.getupvalue",
    "debug.setupvalue",
    "debug.upvalueid",
    "debug.upvaluejoin",
    "debug.sethook",
    "debug.gethook",
    "debug.getmetatable",
    "debug.setmetatable",
    "debug.getfenv",
    "debug.setfenv",
    "debug.getregistry",
    "jit.on",
    "jit.off",
    "jit.flush",
    "jit.status",
    "jit.opt.start",
    "loadstring",
    "load",
    "select",
    "tostring",
    "tonumber",
    "unpack",
    "setmetatable",
    "coroutine.resume",
    "coroutine.wrap",
    "require",
    "loadfile",
    "dofile",
    "getmetatable",
    "rawget",
    "next",
];

const ATOMS: &[&str] = &[
    "nil",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "0.5",
    "-2.5",
    "1e308",
    "1/0",
    "-1/0",
    "0/0",
    "2^31",
    "2^32",
    "-2^31",
    "2^53",
    "2^63",
    "255",
    "256",
    "100",
    "''",
    "'a'",
    "'abc'",
    "'%d'",
    "'%s'",
    "'%5.2f'",
    "'%q'",
    "'%x'",
    "'%g'",
    "'%a'",
    "'%c'",
    "'%%'",
    "'%-8.3s'",
    "'(a)'",
    "'%a+'",
    "'[a-c]'",
    "'^a'",
    "'a$'",
    "'%b()'",
    "'%f[%w]'",
    "'(%w+)=(%w+)'",
    "'()'",
    "'%1'",
    "'[%'",
    "'(('",
    "'%'",
    "'*t'",
    "'!*t'",
    "'!%c'",
    "'%Y-%m-%d %j'",
    "'*a'",
    "'*l'",
    "'*n'",
    "'\\0a\\0'",
    "'hello world'",
    "'x=1, y=2'",
    "'cr'",
    "'l'",
    "'crl'",
    "'n'",
    "'S'",
    "'flnSuL'",
    "'set'",
    "'end'",
    "'r'",
    "'w'",
    "'\\27LJ'",
    "'hotloop=1'",
    "'table.new'",
    "'/etc/hostname'",
    "t",
    "s",
    "n",
    "f",
    "g",
    "h",
    "co",
    "mt",
    "r",
    "print",
    "string",
    "{}",
    "{1, 2, 3}",
    "{3, 1, 2}",
    "{'b', 'a'}",
    "{x = 1}",
    "function(a, b) return a < b end",
    "function(...) return ... end",
    "function(a) return a end",
    "function() return {} end",
];

fn expr(u: &mut Unstructured, depth: u32) -> Result<String> {
    Ok(match u.int_in_range(0..=9)? {
        0 if depth < 2 => format!("{}({})", u.choose(FUNCS)?, args(u, depth + 1)?),
        1 if depth < 2 => format!("({} .. {})", expr(u, depth + 1)?, expr(u, depth + 1)?),
        2 if depth < 2 => format!("{{{}}}", args(u, depth + 1)?),
        _ => (*u.choose(ATOMS)?).to_string(),
    })
}

fn args(u: &mut Unstructured, depth: u32) -> Result<String> {
    let n = u.int_in_range(0..=4)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(expr(u, depth)?);
    }
    Ok(v.join(", "))
}

fn program(u: &mut Unstructured) -> Result<String> {
    let mut src = String::from(PRELUDE);
    for _ in 0..u.int_in_range(1..=MAX_CALLS)? {
        let call = format!("pcall({}, {})", u.choose(FUNCS)?, args(u, 0)?);
        let line = match u.int_in_range(0..=3)? {
            0 => format!("r = select(2, {call})\n"),
            1 => format!("s = tostring(select(2, {call}))\n"),
            2 => format!("t[#t + 1] = select(2, {call})\n"),
            _ => format!("{call}\n"),
        };
        src.push_str(&line);
    }
    Ok(src)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(src) = program(&mut u) else { return };
    let mut lua = Lua::with_options(Options { sandbox: true, allowed_paths: Vec::new() });
    lua.set_budget(Some(BUDGET));
    lua.set_output(Box::new(std::io::sink()));
    let _ = lua.exec(src.as_bytes(), "=fuzz");
});
