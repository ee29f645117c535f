//! The string library (its table is also the strings' `__index`, see
//! `open_string_metatable`, so `s:sub(2)` works).
//!
//! The natives here only convert between Lua values and bytes: pattern matching is
//! [`super::pattern`], `format` is [`super::format`]. Strings are byte strings (embedded
//! zeros everywhere); case mapping and classes are the C locale's (ASCII only).
//!
//! Positions follow LuaJIT 2.1: negative positions count from the end, and a start
//! beyond the end is clamped to the end for `find`/`match` (see `pattern::find`).
//!
//! `string.dump` of a Lua function returns a binary chunk: `"\27LJ\2"` followed by a
//! deterministic serialisation of the prototype tree (code, constants, debug info), so
//! equal functions dump to equal strings. Loading one (`load`, `loadstring`, ...) does
//! not trust the bytes: the state remembers every chunk it dumped (registry table
//! `_DUMPS`, chunk -> function) and a binary chunk loads only if it is one of those,
//! as a new closure of the same prototype with fresh nil upvalues. So arbitrary bytes
//! can never become bytecode the interpreter runs; the price is that dumps do not load
//! in another state or process, and LuaJIT's own bytecode is rejected ("cannot load
//! incompatible bytecode"). Natives give LuaJIT's "unable to dump given function".

use std::borrow::Cow;

use super::format::{FormatArgs, FormatError};
use super::pattern::{self, Capture, Fuel, Match, PatternError};
use super::{register_lib, str_bytes};
use crate::vm::func::{LResult, Throw, ffid};
use crate::vm::state::State;
use crate::vm::table::Table;
use crate::vm::value::*;

/// LuaJIT's LJ_MAX_STR: a longer `rep` result raises LuaJIT's out-of-memory error.
const MAX_STR: usize = 0x7fff_ff00;

pub fn open(st: &mut State) {
    register_lib(
        st,
        "string",
        &[
            ("byte", byte),
            ("char", char),
            ("dump", dump),
            ("find", find),
            ("format", format),
            ("gmatch", gmatch),
            ("gsub", gsub),
            ("len", len),
            ("lower", lower),
            ("match", match_),
            ("rep", rep),
            ("reverse", reverse),
            ("sub", sub),
            ("upper", upper),
        ],
    );
}

/// Argument `n` as bytes (a string, or a number converted to one).
fn check_bytes<'a>(st: &mut State, n: usize) -> LResult<&'a [u8]> {
    let v = st.check_str(n)?;
    // SAFETY: `v` is a string held in the argument slots for the native's duration.
    Ok(unsafe { str_bytes(v) })
}

/// Lua 5.1's `posrelat`: a negative position counts from the end (-1 is the last byte).
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 { pos } else { pos + len as i64 + 1 }
}

/// `s[i..j]` in Lua positions, clamped as `string.sub` clamps them; `None` if empty.
fn clamp_range(len: usize, i: i64, j: i64) -> Option<(usize, usize)> {
    let i = posrelat(i, len).max(1);
    let j = posrelat(j, len).min(len as i64);
    (i <= j).then(|| (i as usize - 1, j as usize))
}

/// LuaJIT's fast functions (and its library functions written in Lua) see missing
/// arguments among their first `n` as nil: their "bad argument" says "got nil", not
/// "got no value".
pub fn pad_nil(st: &mut State, n: usize) -> LResult<()> {
    if st.nargs() < n { st.set_nargs(n) } else { Ok(()) }
}

/// Returns a new string, paying for its bytes (see `State::charge_bytes`).
fn push_bytes(st: &mut State, b: &[u8]) -> LResult<usize> {
    st.charge_bytes(b.len())?;
    let v = st.str_value(b);
    st.ret1(v)
}

fn len(st: &mut State) -> LResult<usize> {
    pad_nil(st, 1)?;
    let s = check_bytes(st, 1)?;
    st.ret1(TValue::number(s.len() as f64))
}

fn byte(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let i = st.opt_i32(2, 1)?;
    let j = st.opt_i32(3, i)?;
    let Some((a, b)) = clamp_range(s.len(), i, j) else { return Ok(0) };
    if st.ensure_stack(b - a).is_err() {
        return Err(st.caller_error("string slice too long"));
    }
    for &c in &s[a..b] {
        st.push(TValue::number(f64::from(c)))?;
    }
    Ok(b - a)
}

fn char(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        let c = st.check_i32(i)?;
        if !(0..=255).contains(&c) {
            return Err(st.arg_error(i, "invalid value"));
        }
        out.push(c as u8);
    }
    push_bytes(st, &out)
}

/// The header of the binary chunks `string.dump` makes (LuaJIT's magic and version).
const DUMP_HEADER: &[u8] = b"\x1bLJ\x02";

fn dump(st: &mut State) -> LResult<usize> {
    let f = st.check_func(1)?;
    // SAFETY: checked function value.
    let fp = unsafe { &*f.ptr::<crate::vm::func::Func>() };
    if !fp.is_lua() {
        return Err(st.caller_error("unable to dump given function"));
    }
    let mut out = DUMP_HEADER.to_vec();
    // SAFETY: a Lua closure's prototype is live.
    dump_proto(unsafe { &*fp.proto }, &mut out);
    let d = st.str_value(&out);
    let dumps = dumps_table(st);
    st.raw_set(dumps, d, f);
    st.ret1(d)
}

/// The registry table remembering dumped chunks.
fn dumps_table(st: &mut State) -> TValue {
    let r = TValue::gc(TAG_TABLE, st.registry);
    let k = st.str_value(b"_DUMPS");
    // SAFETY: the registry is live.
    let t = unsafe { (*st.registry).get(k) };
    if t.is_table() {
        return t;
    }
    let t = st.new_table(0, 4);
    st.raw_set(r, k, t);
    t
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

/// A constant of a template table or the constant arrays.
fn put_value(out: &mut Vec<u8>, v: TValue) {
    if v.is_number() {
        out.push(1);
        out.extend_from_slice(&v.as_number().to_bits().to_le_bytes());
    } else if v.is_str() {
        out.push(2);
        // SAFETY: checked string.
        put_bytes(out, unsafe { str_bytes(v) });
    } else if v.is_table() {
        // SAFETY: template tables are live while their prototype is.
        let t = unsafe { &*v.ptr::<Table>() };
        out.push(3);
        let mut k = TValue::NIL;
        let mut pairs = Vec::new();
        while let Ok(Some((nk, nv))) = t.next(k) {
            pairs.push((nk, nv));
            k = nk;
        }
        put_u32(out, pairs.len() as u32);
        for (k, v) in pairs {
            put_value(out, k);
            put_value(out, v);
        }
    } else {
        out.push(match v.bits() {
            b if b == TValue::FALSE.bits() => 4,
            b if b == TValue::TRUE.bits() => 5,
            _ => 0,
        });
    }
}

/// Serialises a prototype tree (deterministically: no addresses).
fn dump_proto(p: &crate::vm::func::ProtoObj, out: &mut Vec<u8>) {
    put_u32(out, p.code.len() as u32);
    for (ins, line) in p.code.iter().zip(&p.lines) {
        put_u32(out, ins.0);
        put_u32(out, *line);
    }
    put_u32(out, (p.knum.len() + p.kgc.len()) as u32);
    for &k in p.knum.iter().chain(&p.kgc) {
        put_value(out, k);
    }
    put_u32(out, p.uvdesc.len() as u32);
    for (d, name) in p.uvdesc.iter().zip(&p.uvnames) {
        out.extend_from_slice(&[u8::from(d.in_parent_local), d.index, u8::from(d.immutable)]);
        put_bytes(out, name.as_bytes());
    }
    put_u32(out, p.varinfo.len() as u32);
    for v in &p.varinfo {
        put_bytes(out, v.name.as_bytes());
        out.push(v.slot);
        put_u32(out, v.startpc);
        put_u32(out, v.endpc);
    }
    out.extend_from_slice(&[p.numparams, u8::from(p.is_vararg), p.framesize]);
    put_bytes(out, p.chunkname.as_bytes());
    put_u32(out, p.linedefined);
    put_u32(out, p.lastlinedefined);
    put_u32(out, p.protos.len() as u32);
    for &c in &p.protos {
        // SAFETY: child prototypes are live while their parent is.
        dump_proto(unsafe { &*c }, out);
    }
}

impl State {
    /// Loads a binary chunk (source starting with ESC): only chunks this state's
    /// `string.dump` produced (see the module comment). On failure the message is in
    /// `errval`.
    pub(crate) fn load_binary(&mut self, src: &[u8], env: *mut Table) -> Result<TValue, ()> {
        let dumps = dumps_table(self);
        let key = self.str_value(src);
        // SAFETY: `dumps` is a live table.
        let f = unsafe { (*dumps.ptr::<Table>()).get(key) };
        // Only Lua closures are stored by `dump`, but the registry is open to programs.
        // SAFETY: checked function value.
        if !f.is_func() || unsafe { (*f.ptr::<crate::vm::func::Func>()).proto.is_null() } {
            let why = if src.starts_with(DUMP_HEADER) { "malformed" } else { "incompatible" };
            self.errval = self.str_value(format!("(binary): cannot load {why} bytecode").as_bytes());
            return Err(());
        }
        // SAFETY: only Lua closures are stored in `_DUMPS`.
        let proto = unsafe { (*f.ptr::<crate::vm::func::Func>()).proto };
        let env = if env.is_null() { self.th().env } else { env };
        let nf = self.new_lua_func(proto, env);
        // SAFETY: `proto` is live (held by the remembered closure).
        let pr: &crate::vm::func::ProtoObj = unsafe { &*proto };
        for _ in 0..pr.uvdesc.len() {
            let u = self.new_closed_upval(TValue::NIL);
            // SAFETY: `nf` was just allocated and nothing else refers to it yet.
            let nfr = unsafe { &mut *nf };
            nfr.uvs.push(u);
        }
        Ok(TValue::gc(TAG_FUNC, nf))
    }
}

fn sub(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let i = st.check_i32(2)?;
    let j = st.opt_i32(3, -1)?;
    match clamp_range(s.len(), i, j) {
        Some((a, b)) => push_bytes(st, &s[a..b]),
        None => push_bytes(st, b""),
    }
}

fn lower(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?.to_ascii_lowercase();
    push_bytes(st, &s)
}

fn upper(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?.to_ascii_uppercase();
    push_bytes(st, &s)
}

fn reverse(st: &mut State) -> LResult<usize> {
    let mut s = check_bytes(st, 1)?.to_vec();
    s.reverse();
    push_bytes(st, &s)
}

fn rep(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let n = st.check_i32(2)?;
    let sep: &[u8] = if st.arg(3).is_nil() { b"" } else { check_bytes(st, 3)? };
    if n <= 0 {
        return push_bytes(st, b"");
    }
    let n = n as u64;
    let total = (s.len() as u64 + sep.len() as u64).saturating_mul(n) - sep.len() as u64;
    if total > MAX_STR as u64 {
        // LuaJIT raises its memory error here: the bare message, no position.
        let m = st.str_value(b"not enough memory");
        return Err(st.throw_value(m));
    }
    // Paid before the allocation: a budget cannot be outrun by one huge result.
    st.charge_bytes(total as usize)?;
    let mut out = Vec::with_capacity(total as usize);
    for k in 0..n {
        if k > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(s);
    }
    let v = st.str_value(&out);
    st.ret1(v)
}

/// Raises a pattern error from the running native (an empty tank is the budget's
/// error).
fn pat_err(st: &mut State, e: PatternError) -> Throw {
    match e {
        PatternError::OutOfFuel => st.budget_exceeded(),
        _ => st.caller_error(e.message()),
    }
}

/// Runs a matcher operation on a tank filled from the instruction budget, and pays
/// for the steps it took.
fn fueled<T>(st: &mut State, op: impl FnOnce(&mut Fuel) -> T) -> T {
    let mut fuel = st.match_fuel();
    let r = op(&mut fuel);
    st.settle_fuel(fuel);
    r
}

/// The Lua value of a capture.
fn capture_value(st: &mut State, s: &[u8], c: Capture) -> TValue {
    match c {
        Capture::Str { start, end } => st.str_value(&s[start..end]),
        Capture::Pos(p) => TValue::number((p + 1) as f64),
    }
}

/// Pushes the captures `caps`.
fn push_captures(st: &mut State, s: &[u8], caps: &[Capture]) -> LResult<usize> {
    st.ensure_stack(caps.len())?;
    for &c in caps {
        let v = capture_value(st, s, c);
        st.push(v)?;
    }
    Ok(caps.len())
}

/// The 0-based start offset of `find`/`match`'s optional `init` argument.
fn init_arg(st: &mut State, n: usize, len: usize) -> LResult<usize> {
    let init = posrelat(st.opt_i32(n, 1)?, len);
    Ok((init.max(1) as usize - 1).min(len))
}

fn find(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let p = check_bytes(st, 2)?;
    let init = init_arg(st, 3, s.len())?;
    let plain = st.arg(4).is_truthy();
    match fueled(st, |fuel| pattern::find(s, p, init, plain, fuel)) {
        Ok(Some(m)) => {
            st.push(TValue::number((m.start + 1) as f64))?;
            st.push(TValue::number(m.end as f64))?;
            let caps = m.captures().map_err(|e| pat_err(st, e))?;
            Ok(2 + push_captures(st, s, &caps)?)
        }
        Ok(None) => st.ret1(TValue::NIL),
        Err(e) => Err(pat_err(st, e)),
    }
}

fn match_(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let p = check_bytes(st, 2)?;
    let init = init_arg(st, 3, s.len())?;
    match fueled(st, |fuel| pattern::find_pattern(s, p, init, fuel)) {
        Ok(Some(m)) => {
            let vals = m.values().map_err(|e| pat_err(st, e))?;
            push_captures(st, s, &vals)
        }
        Ok(None) => st.ret1(TValue::NIL),
        Err(e) => Err(pat_err(st, e)),
    }
}

/// `gmatch`'s iterator: a native closure over (subject, pattern, next offset).
fn gmatch_iter(st: &mut State) -> LResult<usize> {
    let (sv, pv) = (st.native_upvalue(0), st.native_upvalue(1));
    let pos = st.native_upvalue(2).as_number() as usize;
    // SAFETY: `gmatch` made the first two upvalues strings; the closure keeps them alive.
    let (s, p) = unsafe { (str_bytes(sv), str_bytes(pv)) };
    if pos > s.len() {
        return Ok(0);
    }
    match fueled(st, |fuel| pattern::gmatch_next(s, p, pos, fuel)) {
        Ok(Some((m, next))) => {
            st.set_native_upvalue(2, TValue::number(next as f64));
            let vals = m.values().map_err(|e| pat_err(st, e))?;
            push_captures(st, s, &vals)
        }
        Ok(None) => {
            st.set_native_upvalue(2, TValue::number((s.len() + 1) as f64));
            Ok(0)
        }
        Err(e) => Err(pat_err(st, e)),
    }
}

fn gmatch(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let p = st.check_str(2)?;
    let f = st.new_native(gmatch_iter, "gmatch_aux", ffid::NONE);
    // SAFETY: fresh closure.
    unsafe { (*f).cuvs = vec![s, p, TValue::number(0.0)] };
    st.ret1(TValue::gc(TAG_FUNC, f))
}

/// Errors inside a `gsub` replacement: a pattern error or a Lua error already raised.
enum ReplErr {
    Pat(PatternError),
    Lua(Throw),
}

impl From<PatternError> for ReplErr {
    fn from(e: PatternError) -> Self {
        ReplErr::Pat(e)
    }
}

fn gsub(st: &mut State) -> LResult<usize> {
    let s = check_bytes(st, 1)?;
    let p = check_bytes(st, 2)?;
    let repl = st.arg(3);
    let max_n = if st.arg(4).is_nil() { s.len() as i64 + 1 } else { st.check_i32(4)? };
    let max_n = max_n.max(0) as usize;
    if !(repl.is_str() || repl.is_number() || repl.is_table() || repl.is_func()) {
        return Err(st.arg_error(3, "string/function/table expected"));
    }
    let repl_str: Option<Vec<u8>> = if repl.is_str() || repl.is_number() {
        let mut b = Vec::new();
        State::append_str_or_num(repl, &mut b);
        Some(b)
    } else {
        None
    };
    let mut fuel = st.match_fuel();
    let r = pattern::gsub(s, p, max_n, &mut fuel, |m: &Match, out: &mut Vec<u8>, fuel: &mut Fuel| {
        if let Some(rs) = &repl_str {
            return Ok(pattern::expand_replacement(rs, s, m, out, fuel)?);
        }
        let first = capture_value(st, s, m.capture(0)?);
        // Lua code (a metamethod or the function) runs on the budget itself.
        st.settle_fuel(*fuel);
        let v = if repl.is_table() {
            st.index_value(repl, first)
        } else {
            let args: Vec<TValue> = m.values()?.iter().map(|&c| capture_value(st, s, c)).collect();
            st.call_value(repl, &args, 1).map(|r| r.first().copied().unwrap_or(TValue::NIL))
        };
        *fuel = st.match_fuel();
        let v = v.map_err(ReplErr::Lua)?;
        let before = out.len();
        if v.is_falsy() {
            out.extend_from_slice(&s[m.start..m.end]);
        } else if !State::append_str_or_num(v, out) {
            let msg = format!("invalid replacement value (a {})", v.type_of().name());
            return Err(ReplErr::Lua(st.caller_error(&msg)));
        }
        fuel.burn(out.len() - before)?;
        Ok::<(), ReplErr>(())
    });
    st.settle_fuel(fuel);
    match r {
        Ok((out, n)) => {
            let v = st.str_value(&out);
            st.push(v)?;
            st.push(TValue::number(n as f64))?;
            Ok(2)
        }
        Err(ReplErr::Pat(e)) => Err(pat_err(st, e)),
        Err(ReplErr::Lua(t)) => Err(t),
    }
}

/// Errors of `string.format`: the formatter's own, or a Lua error already raised.
enum FmtErr {
    Fmt(FormatError),
    Lua(Throw),
}

impl From<FormatError> for FmtErr {
    fn from(e: FormatError) -> Self {
        FmtErr::Fmt(e)
    }
}

/// `format`'s arguments: the running native's argument slots.
struct NativeArgs<'a> {
    st: &'a mut State,
}

impl FormatArgs for NativeArgs<'_> {
    type Error = FmtErr;

    fn count(&self) -> usize {
        // SAFETY: `cur` is the live running thread.
        let th = unsafe { &*self.st.cur };
        th.top - th.base - 1
    }

    fn number(&mut self, arg: usize) -> Result<f64, FmtErr> {
        self.st.check_number(arg).map_err(FmtErr::Lua)
    }

    fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, FmtErr> {
        let v = self.st.arg(arg);
        let mut s = self.st.tostring_value(v).map_err(FmtErr::Lua)?;
        if !s.is_str() && !s.is_number() {
            // LuaJIT formats whatever `__tostring` returned in the default way.
            s = self.st.tostring_raw(s);
        }
        let mut b = Vec::new();
        State::append_str_or_num(s, &mut b);
        Ok(Cow::Owned(b))
    }

    fn pointer(&mut self, arg: usize) -> Result<u64, FmtErr> {
        let v = self.st.arg(arg);
        Ok(if v.is_gc() || v.tag() == TAG_LIGHTUD { v.payload() } else { 0 })
    }
}

fn format(st: &mut State) -> LResult<usize> {
    let f = check_bytes(st, 1)?;
    let mut out = Vec::new();
    match super::format::format(f, &mut NativeArgs { st }, &mut out) {
        Ok(()) => push_bytes(st, &out),
        Err(FmtErr::Lua(t)) => Err(t),
        Err(FmtErr::Fmt(FormatError::MissingArg(n))) => Err(st.arg_error(n, "value expected")),
        Err(FmtErr::Fmt(e)) => Err(st.caller_error(&e.message())),
    }
}

#[cfg(test)]
mod tests {
    use crate::vm::api::Lua;

    /// Runs `src` under `budget`; the error message, or "ok".
    fn run(src: &str, budget: Option<u64>) -> String {
        let mut lua = Lua::new();
        lua.set_budget(budget);
        lua.set_output(Box::new(std::io::sink()));
        match lua.exec(src.as_bytes(), "=t") {
            Ok(_) => "ok".into(),
            Err(e) => e.message,
        }
    }

    /// Work that would take minutes (or forever) stops at the budget, quickly.
    #[test]
    fn pathological_matching_is_charged_to_the_budget() {
        let started = std::time::Instant::now();
        let cases = [
            "string.find(string.rep('a', 30000), '.-.-.-.-b')",
            "string.match(string.rep('a', 30000), '(.*)(.*)(.*)b')",
            "for _ in string.gmatch(string.rep('a', 30000), 'a-a-a-b') do end",
            "string.gsub(string.rep('a', 30000), '.-.-b', 'x')",
            "string.find(string.rep('(', 30000), '%b()%b()')",
            "string.find(string.rep('a', 100000), string.rep('a', 5000) .. 'b', 1, true)",
            "string.find(string.rep('a', 30000), '[' .. string.rep('b', 10000) .. ']*c')",
            "string.gsub(string.rep('a', 30000), '', string.rep('x', 10000))",
        ];
        for src in cases {
            assert_eq!(run(src, Some(100_000)), "t:1: instruction budget exceeded", "{src}");
        }
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    }

    /// A spent budget stays spent: `pcall` catches the error, the next loop raises it
    /// again. Lua code run by a `gsub` replacement spends the same budget.
    #[test]
    fn budget_stays_spent_across_natives() {
        let src = "local ok, e = pcall(string.find, string.rep('a', 30000), '.-.-.-b')\n\
                   assert(not ok)\n\
                   for i = 1, 10 do end";
        assert_eq!(run(src, Some(100_000)), "t:3: instruction budget exceeded");
        let src = "string.gsub('abc', '%w', function() for i = 1, 1e9 do end end)";
        assert_eq!(run(src, Some(100_000)), "t:1: instruction budget exceeded");
        // Without a budget nothing is charged or cut.
        let src = "assert(select(2, string.gsub(string.rep('ab', 100000), 'b', 'c')) == 100000)";
        assert_eq!(run(src, None), "ok");
        assert_eq!(run(src, Some(10_000_000)), "ok");
    }

    /// Natives producing large results pay for them before allocating.
    #[test]
    fn bulk_natives_are_charged() {
        for src in [
            "string.rep('x', 2^30)",
            "local s = string.rep('x', 2^20) for i = 1, 1e4 do s:upper() end",
            "local t = {} for i = 1, 100 do t[i] = string.rep('y', 2^16) end for i = 1, 1e4 do table.concat(t) end",
            "local t = {} for i = 1, 2000 do t[i] = i end for j = 1, 1e4 do table.sort(t, function(a, b) return a > b end) end",
            "local s = string.rep(' ', 2^20) for i = 1, 1e4 do loadstring(s) end",
        ] {
            assert_eq!(run(src, Some(200_000)), "t:1: instruction budget exceeded", "{src}");
        }
    }
}
