//! A readable listing of prototypes, in the spirit of `luajit -bl`.
//!
//! ```text
//! -- BYTECODE -- chunk:0-0
//! 0000     0  FUNCV    3
//! 0001     1  GGET     0   0      ; "print"
//! 0002     1  KSTR     2   1      ; "hi"
//! 0003     1  CALL     0   1   2
//! 0004     1  RET0     0   1
//! ```
//!
//! Columns: pc, source line, opcode, operands (A, then B C or D), and a comment that
//! decodes constant operands and jump targets. Child prototypes are listed before
//! their parent, as LuaJIT does.

use std::fmt::Write;

use super::op::{Ins, Op};
use super::proto::{Const, KValue, Proto};

/// What an operand means, for decoding it.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Unused,
    Reg,
    Lit,
    SLit,
    Str,
    Num,
    Pri,
    Jump,
    Func,
    Uv,
    Tab,
    Cdata,
}

/// Operand kinds: A, then B and C (ABC format) or D (AD format, `c` unused).
fn kinds(op: Op) -> (Kind, Option<(Kind, Kind)>, Kind) {
    use Kind::*;
    use Op::*;
    let ad = |a, d| (a, Option::None, d);
    let abc = |a, b, c| (a, Some((b, c)), Unused);
    match op {
        ISLT | ISGE | ISLE | ISGT | ISEQV | ISNEV => ad(Reg, Reg),
        ISEQS | ISNES => ad(Reg, Str),
        ISEQN | ISNEN => ad(Reg, Num),
        ISEQP | ISNEP => ad(Reg, Pri),
        ISTC | ISFC | MOV | NOT | UNM | LEN => ad(Reg, Reg),
        IST | ISF => ad(Unused, Reg),
        ADDVN | SUBVN | MULVN | DIVVN | MODVN | ADDNV | SUBNV | MULNV | DIVNV | MODNV => abc(Reg, Reg, Num),
        ADDVV | SUBVV | MULVV | DIVVV | MODVV | POW | CAT | TGETV | TSETV => abc(Reg, Reg, Reg),
        KSTR | GGET | GSET => ad(Reg, Str),
        KCDATA => ad(Reg, Cdata),
        KSHORT => ad(Reg, SLit),
        KNUM => ad(Reg, Num),
        KPRI => ad(Reg, Pri),
        KNIL => ad(Reg, Reg),
        UGET => ad(Reg, Uv),
        USETV => ad(Uv, Reg),
        USETS => ad(Uv, Str),
        USETN => ad(Uv, Num),
        USETP => ad(Uv, Pri),
        UCLO | ISNEXT | FORI | JFORI | FORL | IFORL | JFORL | ITERL | IITERL | JITERL | LOOP | ILOOP
        | JLOOP | JMP => ad(Reg, Jump),
        FNEW => ad(Reg, Func),
        TNEW => ad(Reg, Lit),
        TDUP => ad(Reg, Tab),
        TGETS | TSETS => abc(Reg, Reg, Str),
        TGETB | TSETB => abc(Reg, Reg, Lit),
        TSETM => ad(Reg, Num),
        CALLM | CALL | ITERC | ITERN | VARG => abc(Reg, Lit, Lit),
        CALLMT | CALLT | RETM | RET | RET0 | RET1 => ad(Reg, Lit),
        FUNCF | IFUNCF | JFUNCF | FUNCV | IFUNCV | JFUNCV => ad(Lit, Unused),
    }
}

/// A string constant as a Lua literal.
fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b}");
            }
        }
    }
    out.push('"');
    out
}

fn kvalue(v: &KValue) -> String {
    match v {
        KValue::Nil => "nil".into(),
        KValue::False => "false".into(),
        KValue::True => "true".into(),
        KValue::Num(n) => format!("{n}"),
        KValue::Str(s) => quote(s),
    }
}

fn constant(c: &Const) -> String {
    match c {
        Const::Str(s) => quote(s),
        Const::Table(t) => {
            let mut parts: Vec<String> = t.array.iter().skip(1).map(kvalue).collect();
            if let Some(zero) = t.array.first().filter(|v| **v != KValue::Nil) {
                parts.push(format!("[0]={}", kvalue(zero)));
            }
            parts.extend(t.hash.iter().map(|(k, v)| format!("[{}]={}", kvalue(k), kvalue(v))));
            format!("{{{}}}", parts.join(", "))
        }
        Const::Int64(v) => format!("{v}LL"),
        Const::UInt64(v) => format!("{v}ULL"),
        Const::Complex(re, im) => format!("{re}+{im}i"),
    }
}

/// The comment decoding operand `v` of kind `k`, if any.
fn decode(p: &Proto, pc: usize, ins: Ins, k: Kind, v: u32) -> Option<String> {
    let pri = |v: u32| ["nil", "false", "true"].get(v as usize).map(|s| s.to_string());
    match k {
        Kind::Str => Some(p.kgc.get(v as usize).map_or("<bad constant>".into(), constant)),
        Kind::Tab | Kind::Cdata => Some(p.kgc.get(v as usize).map_or("<bad constant>".into(), constant)),
        Kind::Num => Some(p.knum.get(v as usize).map_or("<bad constant>".into(), |n| format!("{n}"))),
        Kind::Pri => pri(v),
        Kind::Jump => Some(format!("=> {:04}", ins.target(pc))),
        Kind::Func => Some(
            p.protos
                .get(v as usize)
                .map_or("<bad proto>".into(), |c| format!("{}:{}", c.chunkname, c.linedefined)),
        ),
        Kind::Uv => Some(p.uvnames.get(v as usize).cloned().unwrap_or_else(|| "<bad upvalue>".into())),
        _ => None,
    }
}

/// One instruction of `p`.
pub fn instruction(p: &Proto, pc: usize) -> String {
    let ins = p.code[pc];
    let op = ins.op();
    let (ka, bc, kd) = kinds(op);
    let line = p.lines.get(pc).copied().unwrap_or(0);
    let mut out = format!("{pc:04} {line:5}  {:<6} {:3}", op.name(), ins.a());
    let mut notes = Vec::new();
    if let Some(n) = decode(p, pc, ins, ka, ins.a() as u32) {
        notes.push(n);
    }
    match bc {
        Some((kb, kc)) => {
            let _ = write!(out, " {:3} {:3}", ins.b(), ins.c());
            notes.extend(decode(p, pc, ins, kb, ins.b() as u32));
            notes.extend(decode(p, pc, ins, kc, ins.c() as u32));
        }
        None if kd == Kind::SLit => {
            let _ = write!(out, " {:3}", ins.sd());
        }
        None if kd != Kind::Unused => {
            let _ = write!(out, " {:3}", ins.d());
            notes.extend(decode(p, pc, ins, kd, ins.d() as u32));
        }
        None => {}
    }
    if !notes.is_empty() {
        let _ = write!(out, "{:pad$} ; {}", "", notes.join(" "), pad = 30usize.saturating_sub(out.len()));
    }
    out.trim_end().to_string()
}

/// The listing of `p` alone.
pub fn listing_one(p: &Proto) -> String {
    let mut out = format!("-- BYTECODE -- {}:{}-{}\n", p.chunkname, p.linedefined, p.lastlinedefined);
    for pc in 0..p.code.len() {
        out.push_str(&instruction(p, pc));
        out.push('\n');
    }
    out
}

/// The listing of `p` and all its nested prototypes, children first.
pub fn listing(p: &Proto) -> String {
    // Post-order without recursion: a stack of (proto, children listed yet).
    let mut out = String::new();
    let mut work = vec![(p, false)];
    while let Some((p, expanded)) = work.pop() {
        if expanded {
            out.push_str(&listing_one(p));
            out.push('\n');
        } else {
            work.push((p, true));
            work.extend(p.protos.iter().rev().map(|c| (c, false)));
        }
    }
    out
}
