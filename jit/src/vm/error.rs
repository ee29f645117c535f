//! Error values and messages, frame walking, tracebacks.
//!
//! Runtime errors name the variable involved the way LuaJIT derives it: from the
//! prototype's local variable info if the slot holds a live local, otherwise by scanning
//! the bytecode backwards for the instruction that last wrote the slot (`GGET` gives
//! "global 'x'", `TGETS` "field 'x'" or "method 'x'", `UGET` "upvalue 'x'", `MOV` continues
//! with the source slot). Messages raised by Lua code get the position `chunk:line:` of
//! the current Lua frame; messages raised by natives get the position of their caller
//! when that is a Lua frame.

use super::frame::*;
use super::func::{Func, ProtoObj, Throw};
use super::state::State;
use super::string::LStr;
use super::value::*;
use crate::bytecode::op::Op;

/// One frame, as a stack walk sees it.
#[derive(Clone, Copy, Debug)]
pub struct FrameInfo {
    /// The frame's base (first argument / register 0).
    pub base: usize,
    /// The function running in the frame.
    pub func: TValue,
    /// The current pc, for Lua frames whose pc is known.
    pub pc: Option<usize>,
}

impl FrameInfo {
    /// The prototype, for Lua frames.
    pub fn proto(&self) -> Option<&ProtoObj> {
        if !self.func.is_func() {
            return None;
        }
        // SAFETY: frames on a live stack hold live functions; prototypes are kept alive
        // by their closures.
        unsafe {
            let f = &*self.func.ptr::<Func>();
            if f.is_lua() { Some(&*f.proto) } else { None }
        }
    }

    /// The current line, for Lua frames.
    pub fn line(&self) -> Option<u32> {
        Some(self.proto()?.line_at(self.pc?))
    }
}

/// The short form of a chunk name used in messages (LuaJIT's lj_debug_shortname).
pub fn short_src(chunkname: &str) -> String {
    const IDSIZE: usize = 60;
    if let Some(rest) = chunkname.strip_prefix('=') {
        return rest.chars().take(IDSIZE - 1).collect();
    }
    if let Some(rest) = chunkname.strip_prefix('@') {
        if rest.len() < IDSIZE {
            return rest.to_string();
        }
        let keep: String =
            rest.chars().rev().take(IDSIZE - 4).collect::<Vec<_>>().into_iter().rev().collect();
        return format!("...{keep}");
    }
    let first = chunkname.split(['\n', '\r']).next().unwrap_or("");
    let budget = IDSIZE - 15;
    if first.len() < chunkname.len() || first.len() > budget {
        let mut cut: String = first.chars().take(budget).collect();
        cut.push_str("...");
        format!("[string \"{cut}\"]")
    } else {
        format!("[string \"{first}\"]")
    }
}

/// Is the A operand of `op` the base of a range (clobbering every slot from A up)?
fn a_is_base(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        CALLM
            | CALL
            | CALLMT
            | CALLT
            | ITERC
            | ITERN
            | VARG
            | ISNEXT
            | KNIL
            | TSETM
            | FORI
            | JFORI
            | FORL
            | IFORL
            | JFORL
            | ITERL
            | IITERL
            | JITERL
    )
}

/// Is the A operand of `op` a destination register?
fn a_is_dst(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        MOV | NOT
            | UNM
            | LEN
            | ADDVN
            | SUBVN
            | MULVN
            | DIVVN
            | MODVN
            | ADDNV
            | SUBNV
            | MULNV
            | DIVNV
            | MODNV
            | ADDVV
            | SUBVV
            | MULVV
            | DIVVV
            | MODVV
            | POW
            | CAT
            | KSTR
            | KCDATA
            | KSHORT
            | KNUM
            | KPRI
            | UGET
            | FNEW
            | TNEW
            | TDUP
            | GGET
            | TGETV
            | TGETS
            | TGETB
            | ISTC
            | ISFC
    )
}

fn kstr(p: &ProtoObj, idx: usize) -> String {
    match p.kgc.get(idx) {
        Some(v) if v.is_str() => {
            // SAFETY: string constants are live while their prototype is.
            String::from_utf8_lossy(unsafe { (*v.ptr::<LStr>()).as_bytes() }).into_owned()
        }
        _ => "?".to_string(),
    }
}

/// What slot `slot` held at `pc`: ("local" | "global" | "field" | "method" | "upvalue", name).
pub fn slot_name(p: &ProtoObj, pc: usize, mut slot: u32) -> Option<(&'static str, String)> {
    let mut ip = pc;
    'restart: loop {
        if let Some(n) = p.local_name(slot, ip as u32) {
            return Some(("local", n.to_string()));
        }
        while ip > 1 {
            ip -= 1;
            let ins = p.code[ip];
            let op = ins.op();
            let ra = ins.a() as u32;
            if a_is_base(op) {
                if slot >= ra && (op != Op::KNIL || slot <= ins.d() as u32) {
                    return None;
                }
            } else if a_is_dst(op) && ra == slot {
                return match op {
                    Op::MOV => {
                        slot = ins.d() as u32;
                        continue 'restart;
                    }
                    Op::GGET => Some(("global", kstr(p, ins.d() as usize))),
                    Op::TGETS => {
                        let name = kstr(p, ins.c() as usize);
                        if ip > 0 {
                            let prev = p.code[ip - 1];
                            if prev.op() == Op::MOV && prev.a() as u32 == ra + 2 && prev.d() == ins.b() as u16
                            {
                                return Some(("method", name));
                            }
                        }
                        Some(("field", name))
                    }
                    Op::UGET => Some((
                        "upvalue",
                        p.uvnames.get(ins.d() as usize).cloned().unwrap_or_else(|| "?".into()),
                    )),
                    _ => None,
                };
            }
        }
        return None;
    }
}

impl State {
    /// The frames of the running thread, innermost first.
    pub fn frames(&self) -> Vec<FrameInfo> {
        // SAFETY: `cur` is live.
        let th = unsafe { &*self.cur };
        walk_frames(&th.stack, th.base, Some(th.pc))
    }

    /// Raises a message with the position of the innermost Lua frame, if the innermost
    /// frame is one (errors detected by instructions).
    #[cold]
    pub fn rt_error(&mut self, msg: &str) -> Throw {
        let frames = self.frames();
        let full = match frames.first() {
            Some(f) if f.proto().is_some() => format!("{}{msg}", self.position(f)),
            _ => msg.to_string(),
        };
        self.errval = self.str_value(full.as_bytes());
        Throw::Error
    }

    /// Raises a message from a native, positioned at its caller when that is Lua code
    /// (LuaJIT's lj_err_callermsg).
    #[cold]
    pub fn caller_error(&mut self, msg: &str) -> Throw {
        let frames = self.frames();
        let pos = match frames.get(1) {
            Some(f) if f.proto().is_some() && frames[0].proto().is_none() => self.position(f),
            Some(_) | None => match frames.first() {
                Some(f) if f.proto().is_some() => self.position(f),
                _ => String::new(),
            },
        };
        let full = format!("{pos}{msg}");
        self.errval = self.str_value(full.as_bytes());
        Throw::Error
    }

    /// "chunk:line: " for a Lua frame.
    pub fn position(&self, f: &FrameInfo) -> String {
        match (f.proto(), f.line()) {
            (Some(p), Some(line)) => format!("{}:{}: ", short_src(&p.chunkname), line),
            _ => String::new(),
        }
    }

    /// The position prefix for `error(msg, level)`: level 1 is the function that called
    /// `error` (frame 1, frame 0 being `error` itself).
    pub fn where_(&self, level: usize) -> String {
        let frames = self.frames();
        match frames.get(level) {
            Some(f) if f.proto().is_some() => self.position(f),
            _ => String::new(),
        }
    }

    /// "attempt to <op> <what> (a <type> value)", naming the variable in `slot` of the
    /// current Lua frame when given.
    #[cold]
    pub fn type_error(&mut self, op: &str, v: TValue, slot: Option<u32>) -> Throw {
        let tn = self.type_name(v);
        let name = slot.and_then(|s| {
            let frames = self.frames();
            let f = frames.first()?;
            slot_name(f.proto()?, f.pc?, s)
        });
        let msg = match name {
            Some((kind, n)) => format!("attempt to {op} {kind} '{n}' (a {tn} value)"),
            None => format!("attempt to {op} a {tn} value"),
        };
        self.rt_error(&msg)
    }

    #[cold]
    pub fn compare_error(&mut self, a: TValue, b: TValue) -> Throw {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if ta == tb {
            self.rt_error(&format!("attempt to compare two {ta} values"))
        } else {
            self.rt_error(&format!("attempt to compare {ta} with {tb}"))
        }
    }

    /// The type name as messages print it.
    pub fn type_name(&self, v: TValue) -> &'static str {
        v.type_of().name()
    }

    /// The name under which the innermost native was called, from its caller's call
    /// instruction: `(kind, name)`, or None when the caller is not Lua code.
    pub fn native_call_name(&self) -> Option<(&'static str, String)> {
        call_name(&self.frames(), 0)
    }

    /// "bad argument #n to 'f' (msg)", as LuaJIT words it (methods count `self` as
    /// argument 0 and complain about "bad self").
    #[cold]
    pub fn arg_error(&mut self, mut narg: usize, msg: &str) -> Throw {
        let name = self.native_call_name();
        let fname = match &name {
            Some((kind, n)) => {
                if *kind == "method" {
                    if narg == 1 {
                        return self.caller_error(&format!("calling '{n}' on bad self ({msg})"));
                    }
                    narg -= 1;
                }
                n.clone()
            }
            None => "?".to_string(),
        };
        self.caller_error(&format!("bad argument #{narg} to '{fname}' ({msg})"))
    }

    /// "bad argument #n to 'f' (<expected> expected, got <type>)".
    #[cold]
    pub fn arg_type_error(&mut self, narg: usize, expected: &str) -> Throw {
        let got = if narg > self.nargs() {
            "no value"
        } else {
            let v = self.arg(narg);
            self.type_name(v)
        };
        self.arg_error(narg, &format!("{expected} expected, got {got}"))
    }

    /// Builds a "stack traceback:" text for the running thread, starting at frame `level`.
    pub fn traceback(&self, level: usize) -> String {
        let frames = self.frames();
        traceback_of(&frames[level.min(frames.len())..], &frames)
    }
}

/// The frames of a stack whose innermost frame has base `base` (and current pc `pc`,
/// if it is a Lua frame), innermost first.
pub fn walk_frames(stack: &[TValue], mut base: usize, mut pc: Option<usize>) -> Vec<FrameInfo> {
    let mut out = Vec::new();
    while base >= 2 && base <= stack.len() {
        let func = stack[base - 2];
        let mut link = stack[base - 1];
        if !link.is_frame() {
            break;
        }
        let fi = FrameInfo { base, func, pc };
        let fi = if fi.proto().is_some() { fi } else { FrameInfo { pc: None, ..fi } };
        out.push(fi);
        if link_kind(link) == FRAME_VARG {
            let d = link_delta(link);
            if d > base {
                break;
            }
            base -= d;
            if base < 2 {
                break;
            }
            link = stack[base - 1];
        }
        let d = link_delta(link);
        pc = match link_kind(link) {
            FRAME_LUA => link_pc(link).checked_sub(1),
            FRAME_CONT | FRAME_C => Some(link_pc(link)),
            _ => None,
        };
        if d == 0 || d > base {
            break;
        }
        base -= d;
        if out.len() > super::state::MAX_STACK {
            break;
        }
    }
    out
}

/// How frame `i`'s function was called, from the instruction its caller is at (LuaJIT's
/// lj_debug_funcname): a call names the callee's slot, a generic `for` its generator,
/// and an instruction that invoked a metamethod names the metamethod.
fn call_name(frames: &[FrameInfo], i: usize) -> Option<(&'static str, String)> {
    use super::meta::*;
    let caller = frames.get(i + 1)?;
    let p = caller.proto()?;
    let pc = caller.pc?;
    let ins = *p.code.get(pc)?;
    let mm = match ins.op() {
        Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT => return slot_name(p, pc, ins.a() as u32),
        Op::ITERC | Op::ITERN => return slot_name(p, pc, (ins.a() as u32).checked_sub(3)?),
        Op::TGETV | Op::TGETS | Op::TGETB | Op::GGET => MM_INDEX,
        Op::TSETV | Op::TSETS | Op::TSETB | Op::GSET => MM_NEWINDEX,
        Op::ISEQV | Op::ISNEV => MM_EQ,
        Op::ISLT | Op::ISGE => MM_LT,
        Op::ISLE | Op::ISGT => MM_LE,
        Op::ADDVN | Op::ADDNV | Op::ADDVV => MM_ADD,
        Op::SUBVN | Op::SUBNV | Op::SUBVV => MM_SUB,
        Op::MULVN | Op::MULNV | Op::MULVV => MM_MUL,
        Op::DIVVN | Op::DIVNV | Op::DIVVV => MM_DIV,
        Op::MODVN | Op::MODNV | Op::MODVV => MM_MOD,
        Op::POW => MM_POW,
        Op::UNM => MM_UNM,
        Op::LEN => MM_LEN,
        Op::CAT => MM_CONCAT,
        _ => return None,
    };
    Some(("metamethod", MM_NAMES[mm].to_string()))
}

/// LuaJIT's traceback format.
pub fn traceback_of(frames: &[FrameInfo], all: &[FrameInfo]) -> String {
    let offset = all.len() - frames.len();
    let mut s = String::from("stack traceback:");
    // Long tracebacks keep the first 11 and the last 10 levels, as LuaJIT's do.
    const FIRST: usize = 11;
    const LAST: usize = 10;
    for (j, f) in frames.iter().enumerate() {
        if frames.len() > FIRST + LAST + 1 && j >= FIRST && j < frames.len() - LAST {
            if j == FIRST {
                s.push_str("\n\t...");
            }
            continue;
        }
        let i = j + offset;
        s.push_str("\n\t");
        match f.proto() {
            Some(p) => {
                let line = f.line().map(|l| l.to_string()).unwrap_or_else(|| "?".into());
                s.push_str(&format!("{}:{}: ", short_src(&p.chunkname), line));
                if p.linedefined == 0 {
                    s.push_str("in main chunk");
                } else {
                    match call_name(all, i) {
                        Some((_, n)) => s.push_str(&format!("in function '{n}'")),
                        None => s.push_str(&format!(
                            "in function <{}:{}>",
                            short_src(&p.chunkname),
                            p.linedefined
                        )),
                    }
                }
            }
            None => {
                s.push_str("[C]: ");
                match call_name(all, i) {
                    Some((_, n)) => s.push_str(&format!("in function '{n}'")),
                    None => s.push('?'),
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sources() {
        assert_eq!(short_src("@t.lua"), "t.lua");
        assert_eq!(short_src("=stdin"), "stdin");
        assert_eq!(short_src("print(1)"), "[string \"print(1)\"]");
        assert_eq!(short_src("a\nb"), "[string \"a...\"]");
    }
}
