//! The compiler against LuaJIT: every Lua program in the repository (conformance suite,
//! benchmarks, end-to-end tests) compiles to the instructions `luajit` itself produces,
//! operand for operand, with constants compared by value and templates by content.
//!
//! Known, deliberate differences are normalised on LuaJIT's side by
//! `bytecode_luajit.lua`: `ISNEXT`/`ITERN` (the `next` specialisation, left to the JIT)
//! read as `JMP`/`ITERC`. Lines are not compared here (the unit tests check them where
//! they decide error positions).

use std::path::{Path, PathBuf};
use std::process::Command;

use twin_lua::bytecode::op::{Ins, Op};
use twin_lua::bytecode::proto::{Const, KValue, Proto};

fn number(n: f64) -> String {
    if n.is_nan() {
        "nan".into()
    } else if n.is_infinite() {
        if n > 0.0 { "inf".into() } else { "-inf".into() }
    } else if n == n.floor() && n.abs() < 9007199254740992.0 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.16e}");
        s.replace("e+", "e")
    }
}

fn string(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        if b < 0x20 || b == 0x7f || b >= 0x80 || b == b'"' || b == b'\\' {
            out.push_str(&format!("\\{b}"));
        } else {
            out.push(b as char);
        }
    }
    out + "\""
}

fn kvalue(v: &KValue) -> String {
    match v {
        KValue::Nil => "nil".into(),
        KValue::False => "false".into(),
        KValue::True => "true".into(),
        KValue::Num(n) => number(*n),
        KValue::Str(s) => string(s),
    }
}

/// Operand kinds (as in `bytecode_luajit.lua`): format, then kinds of A, B|D, C.
fn kinds(op: Op) -> (bool, [char; 3]) {
    use Op::*;
    let (abc, k) = match op {
        ISLT | ISGE | ISLE | ISGT | ISEQV | ISNEV | ISTC | ISFC | MOV | NOT | UNM | LEN | KNIL => {
            (false, "RR")
        }
        ISEQS | ISNES | KSTR | GGET | GSET | USETS => (false, "RS"),
        ISEQN | ISNEN | KNUM | USETN | TSETM => (false, "RN"),
        ISEQP | ISNEP | KPRI => (false, "RP"),
        IST | ISF => (false, "_R"),
        ADDVN | SUBVN | MULVN | DIVVN | MODVN | ADDNV | SUBNV | MULNV | DIVNV | MODNV => (true, "RRN"),
        ADDVV | SUBVV | MULVV | DIVVV | MODVV | POW | CAT | TGETV | TSETV => (true, "RRR"),
        KSHORT => (false, "RI"),
        UCLO | FORI | FORL | ITERL | LOOP | JMP => (false, "RJ"),
        FNEW => (false, "RF"),
        TDUP => (false, "RT"),
        KCDATA => (false, "RC"),
        TGETS | TSETS => (true, "RRS"),
        TGETB | TSETB | CALLM | CALL | ITERC | VARG => (true, "RRL"),
        FUNCF | FUNCV => (false, "L_"),
        _ => (false, "RL"),
    };
    let mut c = k.chars();
    (abc, [c.next().unwrap_or('?'), c.next().unwrap_or('?'), c.next().unwrap_or('_')])
}

fn dump(p: &Proto, out: &mut Vec<String>) {
    out.push("proto".into());
    let mut children = Vec::new();
    for (pc, &ins) in p.code.iter().enumerate() {
        let op = ins.op();
        let (abc, k) = kinds(op);
        let mut decode = |k: char, v: u32, ins: Ins| -> String {
            match k {
                'S' => match p.kgc.get(v as usize) {
                    Some(Const::Str(s)) => string(s),
                    c => format!("{c:?}"),
                },
                'N' => p.knum.get(v as usize).map_or("?".into(), |n| number(*n)),
                // Cdata constants by value (LuaJIT numbers them among its prototypes).
                'C' => match p.kgc.get(v as usize) {
                    Some(Const::Int64(i)) => format!("{i}LL"),
                    Some(Const::UInt64(u)) => format!("{u}ULL"),
                    Some(Const::Complex(re, im)) => {
                        let sign = if im.is_sign_negative() { "-" } else { "+" };
                        format!("{re}{sign}{}i", im.abs())
                    }
                    c => format!("{c:?}"),
                },
                'I' => (v as u16 as i16).to_string(),
                'J' => format!("=>{}", ins.target(pc)),
                'F' => {
                    children.extend(p.protos.get(v as usize));
                    "F".into()
                }
                'T' => match p.kgc.get(v as usize) {
                    Some(Const::Table(t)) => {
                        let mut parts: Vec<String> = t
                            .array
                            .iter()
                            .enumerate()
                            .filter(|(_, v)| **v != KValue::Nil)
                            .map(|(i, v)| format!("{i}={}", kvalue(v)))
                            .collect();
                        parts.extend(t.hash.iter().map(|(k, v)| format!("{}={}", kvalue(k), kvalue(v))));
                        parts.sort();
                        format!("{{{}}}", parts.join(","))
                    }
                    c => format!("{c:?}"),
                },
                '_' => String::new(),
                _ => v.to_string(),
            }
        };
        let name = op.name();
        let line = if abc {
            let (a, b, c) = (
                decode(k[0], ins.a() as u32, ins),
                decode(k[1], ins.b() as u32, ins),
                decode(k[2], ins.c() as u32, ins),
            );
            format!("{pc} {name} {a} {b} {c}")
        } else {
            let (a, d) = (decode(k[0], ins.a() as u32, ins), decode(k[1], ins.d() as u32, ins));
            format!("{pc} {name} {a} {d}")
        };
        out.push(line);
    }
    for c in children {
        dump(c, out);
    }
}

fn lua_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            lua_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "lua") {
            out.push(path);
        }
    }
}

#[test]
fn bytecode_matches_luajit() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = here.join("tests/bytecode_luajit.lua");
    let mut files = Vec::new();
    for dir in ["../conformance", "../bench", "tests/lua"] {
        lua_files(&here.join(dir), &mut files);
    }
    files.sort();
    assert!(files.len() > 100, "only {} programs found", files.len());
    let mut failures = Vec::new();
    let mut compared = 0;
    for f in &files {
        let luajit =
            Command::new("luajit").arg(&script).arg(f).output().expect("luajit must be installed (ci/setup)");
        let theirs = String::from_utf8_lossy(&luajit.stdout).trim_end().to_string();
        let src = std::fs::read(f).unwrap_or_default();
        let name = format!("@{}", f.display());
        let ours = twin_lua::syntax::parse(&src, &name)
            .map_err(|e| e.to_string())
            .and_then(|c| twin_lua::bytecode::compile(&c, &name).map_err(|e| e.to_string()));
        match (ours, theirs.starts_with("error ")) {
            (Ok(p), false) => {
                let mut out = Vec::new();
                dump(&p, &mut out);
                let ours = out.join("\n");
                compared += 1;
                if ours != theirs {
                    let (o, t): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
                    let i = o.iter().zip(&t).position(|(a, b)| a != b).unwrap_or(o.len().min(t.len()));
                    failures.push(format!(
                        "{}: first difference at line {i}:\n  ours:   {:?}\n  luajit: {:?}",
                        f.display(),
                        o.get(i),
                        t.get(i)
                    ));
                }
            }
            // Programs that test syntax errors: both sides must reject them.
            (Err(_), true) => {}
            (ours, _) => failures.push(format!("{}: ours {:?}, luajit {theirs:?}", f.display(), ours.err())),
        }
    }
    assert!(compared > 100, "only {compared} programs compared");
    assert!(failures.is_empty(), "{} of {compared} differ:\n{}", failures.len(), failures.join("\n"));
}
