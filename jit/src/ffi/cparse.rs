//! The C declaration parser behind `ffi.cdef` and every type string.
//!
//! Not a C front end: it reads what LuaJIT's FFI reads (declarations, no statements or
//! preprocessor beyond `#pragma pack`) and fills the [`CTypes`] table as it goes, so a
//! failed `cdef` keeps the declarations before the error, as LuaJIT does. Errors carry
//! LuaJIT's texts (`'<identifier>' expected near '3'`, `declaration specifier expected
//! near 'foo'`), with ` at line N` added when the error is past the first line.
//!
//! Declarators are read C's inside-out way: the pointers before a declarator apply
//! first, then its suffixes (`[n]`, `(params)`) from right to left, then whatever
//! was nested in parentheses. The parser records these as a list of [`Op`]s and
//! applies them to the base type in that order.
//!
//! Constant expressions (array sizes, enum values, bitfield widths, `static const`
//! initialisers, `aligned(n)`) are evaluated with C's 32-bit `int`/`unsigned int`
//! arithmetic. Nesting is limited (`MAX_DEPTH`) so no input can drive Rust recursion
//! unboundedly.

use std::rc::Rc;

use super::ctype::*;

/// A `$` parameter of `ffi.typeof`/`ffi.new`/`ffi.cast`.
#[derive(Clone, Debug)]
pub enum Param {
    Type(CTypeId),
    Num(f64),
    Str(Rc<str>),
}

/// Nesting depth for declarators, expressions and records (LuaJIT's `CPARSE_MAX_DECLDEPTH`
/// is similar in spirit).
const MAX_DEPTH: u32 = 100;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Eof,
    Ident(Rc<str>),
    /// An integer literal: value (truncated to 32 bits as C's `int`) and unsignedness.
    Num(i64, bool),
    Str(Vec<u8>),
    /// Punctuation, as its text (`"<<="` is never needed, only what C declarations use).
    P(&'static str),
    Dollar,
}

const PUNCTS: [&str; 33] = [
    "...", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "->", "(", ")", "[", "]", "{", "}", ",", ";", ":",
    "*", "&", "=", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Storage {
    None,
    Typedef,
    Extern,
    Static,
}

/// The declaration specifiers of one declaration.
struct Spec {
    ty: CTypeId,
    storage: Storage,
    /// `aligned(n)` on the specifiers (applies to the declared entity).
    align: u32,
    packed: bool,
}

/// One type constructor of a declarator.
enum Op {
    Ptr(u8),
    Ref,
    Array(Option<u32>),
    Func(Vec<CTypeId>, bool),
}

/// A parsed declarator: its name (if any), the constructors to apply, and attributes.
struct Declarator {
    name: Option<Rc<str>>,
    ops: Vec<Op>,
    align: u32,
    packed: bool,
    redirect: Option<Rc<str>>,
}

pub struct Parser<'a> {
    cts: &'a mut CTypes,
    src: &'a [u8],
    pos: usize,
    line: u32,
    tok: Tok,
    /// Source text of the current token, for "near '...'".
    tok_text: String,
    params: &'a [Param],
    nparam: usize,
    pack: u32,
    pack_stack: Vec<u32>,
    depth: u32,
    /// Parsing a type string: declarators take no names and tags must exist.
    typestr: bool,
}

pub type PResult<T> = Result<T, String>;

/// Parses `src` as `ffi.cdef` does.
pub fn cdef(cts: &mut CTypes, src: &[u8], params: &[Param]) -> PResult<()> {
    let mut p = Parser::new(cts, src, params)?;
    while p.tok != Tok::Eof {
        p.declaration()?;
    }
    p.check_params_used()
}

/// Parses a type string (an abstract declaration) as `ffi.typeof`/`ffi.new` do.
pub fn parse_type(cts: &mut CTypes, src: &[u8], params: &[Param]) -> PResult<CTypeId> {
    let mut p = Parser::new(cts, src, params)?;
    p.typestr = true;
    let spec = p.specifiers()?;
    let d = p.declarator(true, false)?;
    if p.tok != Tok::Eof {
        return Err(p.err_token("<eof>"));
    }
    let ty = p.apply(spec.ty, &d.ops)?;
    let ty = p.cts.aligned(ty, spec.align.max(d.align));
    p.check_params_used()?;
    Ok(ty)
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Parser<'a> {
    fn new(cts: &'a mut CTypes, src: &'a [u8], params: &'a [Param]) -> PResult<Parser<'a>> {
        let mut p = Parser {
            cts,
            src,
            pos: 0,
            line: 1,
            tok: Tok::Eof,
            tok_text: String::new(),
            params,
            nparam: 0,
            pack: 0,
            pack_stack: Vec::new(),
            depth: 0,
            typestr: false,
        };
        p.next()?;
        Ok(p)
    }

    // ---- Errors. ------------------------------------------------------------------

    fn err(&self, msg: &str) -> String {
        let near = match &self.tok {
            Tok::Eof => "<eof>".to_string(),
            _ => self.tok_text.clone(),
        };
        let s = format!("{msg} near '{near}'");
        if self.line > 1 { format!("{s} at line {}", self.line) } else { s }
    }

    fn err_token(&self, expected: &str) -> String {
        self.err(&format!("'{expected}' expected"))
    }

    /// An error that LuaJIT reports without a "near" part.
    fn err_plain(&self, msg: &str) -> String {
        if self.line > 1 { format!("{msg} at line {}", self.line) } else { msg.to_string() }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH { Err(self.err("chunk has too many syntax levels")) } else { Ok(()) }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- Lexer. -------------------------------------------------------------------

    fn peek_byte(&self, off: usize) -> u8 {
        self.src.get(self.pos + off).copied().unwrap_or(0)
    }

    /// Skips white space, comments and `#` lines (acting on `#pragma pack`).
    fn skip_space(&mut self) -> PResult<()> {
        let mut line_start = self.pos == 0;
        loop {
            let c = self.peek_byte(0);
            if self.pos >= self.src.len() {
                return Ok(());
            }
            match c {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                    line_start = true;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'/' if self.peek_byte(1) == b'*' => {
                    self.pos += 2;
                    while self.pos < self.src.len()
                        && !(self.peek_byte(0) == b'*' && self.peek_byte(1) == b'/')
                    {
                        if self.peek_byte(0) == b'\n' {
                            self.line += 1;
                        }
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 2).min(self.src.len());
                }
                b'/' if self.peek_byte(1) == b'/' => {
                    while self.pos < self.src.len() && self.peek_byte(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'#' if line_start || self.src[..self.pos].iter().rev().all(|&b| b == b' ' || b == b'\t') => {
                    let start = self.pos;
                    while self.pos < self.src.len() && self.peek_byte(0) != b'\n' {
                        self.pos += 1;
                    }
                    let text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                    self.pragma(&text)?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// `#pragma pack(n)`, `pack()`, `pack(push[, n])`, `pack(pop)`; other directives
    /// are ignored, as LuaJIT ignores them.
    fn pragma(&mut self, text: &str) -> PResult<()> {
        let words: String = text[1..].chars().filter(|c| !c.is_whitespace()).collect();
        let Some(args) = words.strip_prefix("pragmapack(").and_then(|r| r.strip_suffix(')')) else {
            return Ok(());
        };
        let mut parts = args.split(',');
        let first = parts.next().unwrap_or("");
        let bad = self.err_plain("invalid value");
        let num = |s: &str| -> PResult<u32> {
            match s.parse::<u32>() {
                Ok(n) if n.is_power_of_two() && n <= 16 => Ok(n),
                _ => Err(bad.clone()),
            }
        };
        match first {
            "" => self.pack = 0,
            "push" => {
                self.pack_stack.push(self.pack);
                if let Some(n) = parts.next() {
                    self.pack = num(n)?;
                }
            }
            "pop" => self.pack = self.pack_stack.pop().unwrap_or(0),
            n => self.pack = num(n)?,
        }
        Ok(())
    }

    fn next(&mut self) -> PResult<()> {
        self.skip_space()?;
        let start = self.pos;
        if self.pos >= self.src.len() {
            self.tok = Tok::Eof;
            self.tok_text.clear();
            return Ok(());
        }
        let c = self.src[self.pos];
        self.tok = if is_ident_start(c) {
            while is_ident(self.peek_byte(0)) {
                self.pos += 1;
            }
            Tok::Ident(String::from_utf8_lossy(&self.src[start..self.pos]).into())
        } else if c.is_ascii_digit() {
            self.number()?
        } else if c == b'"' || c == b'\'' {
            self.string(c)?
        } else if c == b'$' {
            self.pos += 1;
            Tok::Dollar
        } else if let Some(p) = PUNCTS.iter().find(|p| self.src[self.pos..].starts_with(p.as_bytes())) {
            self.pos += p.len();
            Tok::P(p)
        } else {
            self.pos += 1;
            self.tok_text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
            return Err(self.err("unexpected symbol"));
        };
        self.tok_text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        Ok(())
    }

    fn number(&mut self) -> PResult<Tok> {
        let start = self.pos;
        while is_ident(self.peek_byte(0)) {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.src[start..self.pos]).unwrap_or("");
        let lower = text.to_ascii_lowercase();
        let digits = lower.trim_end_matches(['u', 'l']);
        let unsigned = lower[digits.len()..].contains('u');
        let v = if let Some(h) = digits.strip_prefix("0x") {
            u64::from_str_radix(h, 16)
        } else if digits.len() > 1 && digits.starts_with('0') {
            u64::from_str_radix(&digits[1..], 8)
        } else {
            digits.parse::<u64>()
        };
        match v {
            Ok(v) => {
                // C: a literal that does not fit `int` becomes `unsigned int` (32-bit
                // arithmetic throughout, as LuaJIT's constant expressions).
                let unsigned = unsigned || v > 0x7fff_ffff;
                Ok(Tok::Num(v as u32 as i64, unsigned))
            }
            Err(_) => {
                self.tok_text = text.to_string();
                Err(self.err("malformed number"))
            }
        }
    }

    fn string(&mut self, quote: u8) -> PResult<Tok> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek_byte(0);
            if self.pos >= self.src.len() || c == b'\n' {
                self.tok_text = String::from_utf8_lossy(&out).into_owned();
                return Err(self.err("unfinished string"));
            }
            self.pos += 1;
            if c == quote {
                break;
            }
            if c == b'\\' {
                let e = self.peek_byte(0);
                self.pos += 1;
                out.push(match e {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'0' => 0,
                    other => other,
                });
            } else {
                out.push(c);
            }
        }
        if quote == b'\'' {
            let v = out.first().map_or(0, |&b| b as i8 as i64);
            return Ok(Tok::Num(v, false));
        }
        Ok(Tok::Str(out))
    }

    fn is_p(&self, p: &str) -> bool {
        matches!(self.tok, Tok::P(q) if q == p)
    }

    fn accept(&mut self, p: &str) -> PResult<bool> {
        if self.is_p(p) {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, p: &str) -> PResult<()> {
        if self.accept(p)? { Ok(()) } else { Err(self.err_token(p)) }
    }

    fn ident_is(&self, names: &[&str]) -> bool {
        matches!(&self.tok, Tok::Ident(n) if names.contains(&&**n))
    }

    fn take_param(&mut self) -> PResult<Param> {
        match self.params.get(self.nparam) {
            Some(p) => {
                self.nparam += 1;
                Ok(p.clone())
            }
            None => Err(self.err_plain("wrong number of type parameters")),
        }
    }

    fn check_params_used(&self) -> PResult<()> {
        if self.nparam != self.params.len() {
            return Err(self.err_plain("wrong number of type parameters"));
        }
        Ok(())
    }

    // ---- Declarations. ------------------------------------------------------------

    /// One top-level declaration (possibly with several declarators), or a stray `;`.
    fn declaration(&mut self) -> PResult<()> {
        if self.accept(";")? {
            return Ok(());
        }
        let spec = self.specifiers()?;
        if self.accept(";")? {
            return Ok(());
        }
        loop {
            let d = self.declarator(false, true)?;
            let ty = self.apply(spec.ty, &d.ops)?;
            let ty = self.cts.aligned(ty, spec.align.max(d.align));
            let Some(name) = d.name.clone() else {
                return Err(self.err_token("<identifier>"));
            };
            if self.accept("=")? {
                // `static const int X = 5;` declares a constant.
                let (v, _) = self.const_expr()?;
                self.cts.names.entry(name).or_insert(Decl::Const(ty, v));
            } else {
                let decl = match spec.storage {
                    Storage::Typedef => Decl::Typedef(ty),
                    _ if matches!(self.cts.get(ty).kind, Kind::Func(_)) => Decl::Func(ty, d.redirect.clone()),
                    _ => Decl::Var(ty, d.redirect.clone()),
                };
                // Redeclarations keep the first declaration, as LuaJIT's cdef does.
                self.cts.names.entry(name).or_insert(decl);
            }
            if !self.accept(",")? {
                break;
            }
        }
        if self.tok == Tok::Eof { Err(self.err_token(";")) } else { self.expect(";") }
    }

    /// Declaration specifiers: storage class, qualifiers, attributes and the base type.
    fn specifiers(&mut self) -> PResult<Spec> {
        let mut storage = Storage::None;
        let mut qual = 0u8;
        let (mut align, mut packed) = (0u32, false);
        let mut base: Option<CTypeId> = None;
        // Counts of the arithmetic type keywords.
        let (mut signed, mut unsigned, mut short, mut long, mut int) = (0, 0, 0, 0, 0);
        let (mut char, mut float, mut double, mut void, mut boolean, mut complex) = (0, 0, 0, 0, 0, 0);
        let mut explicit_size = 0u32;
        let mut any = false;
        loop {
            let name = match &self.tok {
                Tok::Ident(n) => n.clone(),
                Tok::Dollar if base.is_none() && !any => {
                    match self.take_param()? {
                        Param::Type(t) => base = Some(t),
                        _ => return Err(self.err_plain("invalid C type")),
                    }
                    self.next()?;
                    any = true;
                    continue;
                }
                _ => break,
            };
            match &*name {
                "typedef" => storage = Storage::Typedef,
                "extern" => storage = Storage::Extern,
                "static" => storage = Storage::Static,
                "const" | "__const" | "__const__" => qual |= Q_CONST,
                "volatile" | "__volatile" | "__volatile__" => qual |= Q_VOLATILE,
                "restrict" | "__restrict" | "__restrict__" | "inline" | "__inline" | "__inline__"
                | "__extension__" | "register" | "auto" | "__cdecl" | "__fastcall" | "__stdcall"
                | "__thiscall" | "__ptr32" | "__ptr64" => {}
                "__attribute__" | "__attribute" | "__declspec" => {
                    self.next()?;
                    self.attributes(&mut align, &mut packed)?;
                    continue;
                }
                "signed" | "__signed" | "__signed__" => signed += 1,
                "unsigned" => unsigned += 1,
                "short" => short += 1,
                "long" => long += 1,
                "int" => int += 1,
                "char" => char += 1,
                "float" => float += 1,
                "double" => double += 1,
                "void" => void += 1,
                "bool" | "_Bool" => boolean += 1,
                "complex" | "_Complex" | "__complex" | "__complex__" => complex += 1,
                "__int8" => explicit_size = 1,
                "__int16" => explicit_size = 2,
                "__int32" => explicit_size = 4,
                "__int64" => explicit_size = 8,
                "struct" | "union" | "enum" if base.is_none() => {
                    let kw = name.clone();
                    self.next()?;
                    base = Some(if &*kw == "enum" {
                        self.enum_spec()?
                    } else {
                        self.record_spec(&*kw == "union")?
                    });
                    any = true;
                    continue;
                }
                _ => {
                    let typename = base.is_none()
                        && signed
                            + unsigned
                            + short
                            + long
                            + int
                            + char
                            + float
                            + double
                            + void
                            + boolean
                            + complex
                            == 0
                        && explicit_size == 0;
                    match self.cts.names.get(&name) {
                        Some(Decl::Typedef(t)) if typename => base = Some(*t),
                        _ => break,
                    }
                }
            }
            any = true;
            self.next()?;
        }
        let arith = signed + unsigned + short + long + int + char + float + double + void + boolean + complex;
        let ty = match base {
            Some(t) => {
                if arith > 0 || explicit_size > 0 {
                    return Err(self.err_plain("invalid C type"));
                }
                t
            }
            None if arith == 0 && explicit_size == 0 => {
                return Err(self.err("declaration specifier expected"));
            }
            None => {
                if signed > 0 && unsigned > 0 || short > 0 && long > 0 {
                    return Err(self.err_plain("invalid C type"));
                }
                let u = unsigned > 0;
                if void > 0 {
                    id::VOID
                } else if boolean > 0 {
                    id::BOOL
                } else if float > 0 {
                    if complex > 0 { id::COMPLEX_FLOAT } else { id::FLOAT }
                } else if double > 0 {
                    // `long double complex` is LuaJIT's plain `complex`.
                    if complex > 0 {
                        id::COMPLEX
                    } else if long > 0 {
                        id::LONG_DOUBLE
                    } else {
                        id::DOUBLE
                    }
                } else if complex > 0 && int + char + short + long + explicit_size == 0 {
                    id::COMPLEX
                } else {
                    let size = if explicit_size > 0 {
                        explicit_size
                    } else if char > 0 {
                        1
                    } else if short > 0 {
                        2
                    } else if long > 0 {
                        8
                    } else {
                        4
                    };
                    match (size, u) {
                        (1, _) if signed == 0 && unsigned == 0 && explicit_size == 0 => id::CCHAR,
                        (1, false) => id::SCHAR,
                        (1, true) => id::UCHAR,
                        (2, false) => id::INT16,
                        (2, true) => id::UINT16,
                        (4, false) => id::INT32,
                        (4, true) => id::UINT32,
                        (_, false) => id::INT64,
                        (_, true) => id::UINT64,
                    }
                }
            }
        };
        let ty = self.cts.qualified(ty, qual);
        Ok(Spec { ty, storage, align, packed })
    }

    /// `((attr, attr(args), ...))` after `__attribute__`, or `(attr)` after `__declspec`.
    fn attributes(&mut self, align: &mut u32, packed: &mut bool) -> PResult<()> {
        self.expect("(")?;
        let double = self.accept("(")?;
        while !self.is_p(")") {
            let Tok::Ident(name) = self.tok.clone() else {
                return Err(self.err_token(")"));
            };
            self.next()?;
            match name.trim_matches('_') {
                "aligned" | "align" => {
                    if self.accept("(")? {
                        let (v, _) = self.const_expr()?;
                        self.expect(")")?;
                        if v <= 0 || v > 0x8000 || !(v as u64).is_power_of_two() {
                            return Err(self.err_plain("invalid value"));
                        }
                        *align = (*align).max(v as u32);
                    } else {
                        *align = (*align).max(16);
                    }
                }
                "packed" => *packed = true,
                _ => {
                    if self.is_p("(") {
                        self.skip_parens()?;
                    }
                }
            }
            if !self.accept(",")? {
                break;
            }
        }
        self.expect(")")?;
        if double {
            self.expect(")")?;
        }
        Ok(())
    }

    /// Skips a balanced parenthesised group (unknown attribute arguments).
    fn skip_parens(&mut self) -> PResult<()> {
        let mut level = 0u32;
        loop {
            if self.tok == Tok::Eof {
                return Err(self.err_token(")"));
            }
            if self.is_p("(") {
                level += 1;
            } else if self.is_p(")") {
                level -= 1;
                if level == 0 {
                    self.next()?;
                    return Ok(());
                }
            }
            self.next()?;
        }
    }

    /// Attributes and `asm("name")` that may follow a declarator.
    fn trailing_attributes(&mut self, d: &mut Declarator) -> PResult<()> {
        loop {
            if self.ident_is(&["__attribute__", "__attribute", "__declspec"]) {
                self.next()?;
                self.attributes(&mut d.align, &mut d.packed)?;
            } else if self.ident_is(&["asm", "__asm", "__asm__"]) {
                self.next()?;
                self.expect("(")?;
                let mut sym = Vec::new();
                while let Tok::Str(s) = &self.tok {
                    sym.extend_from_slice(s);
                    self.next()?;
                }
                self.expect(")")?;
                d.redirect = Some(String::from_utf8_lossy(&sym).into());
            } else {
                return Ok(());
            }
        }
    }

    /// A tag name after `struct`/`union`/`enum`: an identifier or a `$` string.
    fn tag_name(&mut self) -> PResult<Option<Rc<str>>> {
        match self.tok.clone() {
            Tok::Ident(n) => {
                self.next()?;
                Ok(Some(n))
            }
            Tok::Dollar => match self.take_param()? {
                Param::Str(s) => {
                    self.next()?;
                    Ok(Some(s))
                }
                _ => Err(self.err_plain("invalid C type")),
            },
            _ => Ok(None),
        }
    }

    /// `struct`/`union` with an optional tag and body (the keyword is consumed).
    fn record_spec(&mut self, union: bool) -> PResult<CTypeId> {
        let (mut align, mut packed) = (0u32, false);
        while self.ident_is(&["__attribute__", "__attribute", "__declspec"]) {
            self.next()?;
            self.attributes(&mut align, &mut packed)?;
        }
        let tag = self.tag_name()?;
        let has_body = self.is_p("{");
        let ty = match &tag {
            Some(t) => match self.cts.tags.get(t).copied() {
                Some(existing) => {
                    let same_kind = matches!(self.cts.record(existing), Some(r) if r.union == union);
                    if !same_kind || has_body && self.cts.record(existing).is_some_and(|r| r.complete) {
                        return Err(self.err_plain(&format!("attempt to redefine '{t}'")));
                    }
                    existing
                }
                // A type string may only name a tag that exists; a declaration may
                // introduce it (`struct foo *p;`).
                None if !has_body && self.typestr => {
                    return Err(self.err_plain(&format!("undeclared or implicit tag '{t}'")));
                }
                None => {
                    let ty = self.cts.new_record(union, Some(t.clone()));
                    self.cts.tags.insert(t.clone(), ty);
                    ty
                }
            },
            None if !has_body => return Err(self.err_token("<identifier>")),
            None => self.cts.new_record(union, None),
        };
        if has_body {
            self.next()?;
            self.enter()?;
            let fields = self.record_body(ty)?;
            self.leave();
            while self.ident_is(&["__attribute__", "__attribute", "__declspec"]) {
                self.next()?;
                self.attributes(&mut align, &mut packed)?;
            }
            self.cts.layout_record(ty, fields, self.pack, packed, align).map_err(|e| self.err_plain(e))?;
        }
        Ok(ty)
    }

    /// Members up to and including `}`.
    fn record_body(&mut self, rec: CTypeId) -> PResult<Vec<(Field, bool)>> {
        let mut fields = Vec::new();
        while !self.accept("}")? {
            if self.accept(";")? {
                continue;
            }
            let spec = self.specifiers()?;
            if self.is_p(";") {
                // An anonymous struct/union member.
                if matches!(self.cts.get(spec.ty).kind, Kind::Record(_)) {
                    fields.push((Field { name: None, ty: spec.ty, offset: 0, bits: None }, spec.packed));
                }
                self.next()?;
                continue;
            }
            loop {
                let d = if self.is_p(":") {
                    Declarator { name: None, ops: Vec::new(), align: 0, packed: false, redirect: None }
                } else {
                    self.declarator(false, true)?
                };
                let ty = self.apply(spec.ty, &d.ops)?;
                let ty = self.cts.aligned(ty, spec.align.max(d.align));
                if spec.storage == Storage::Static || self.is_p("=") {
                    self.expect("=")?;
                    let (v, _) = self.const_expr()?;
                    if let (Some(n), Some(r)) = (d.name.clone(), self.record_mut(rec)) {
                        r.consts.push((n, ty, v));
                    }
                } else if self.accept(":")? {
                    // LuaJIT reports a bad width near the colon.
                    let bad_width = self.err_plain("invalid value near ':'");
                    let (w, _) = self.const_expr()?;
                    let ct = *self.cts.get(ty);
                    let is_int = matches!(ct.kind, Kind::Int { .. } | Kind::Bool | Kind::Enum(_));
                    if !is_int
                        || w < 0
                        || w > i64::from(ct.size) * 8
                        || ct.size > 4
                        || (w == 0 && d.name.is_some())
                    {
                        return Err(bad_width);
                    }
                    fields.push((
                        Field { name: d.name, ty, offset: 0, bits: Some((0, w as u32)) },
                        spec.packed || d.packed,
                    ));
                } else {
                    if d.name.is_none() {
                        return Err(self.err_token("<identifier>"));
                    }
                    fields.push((Field { name: d.name, ty, offset: 0, bits: None }, spec.packed || d.packed));
                }
                if !self.accept(",")? {
                    break;
                }
            }
            self.expect(";")?;
        }
        Ok(fields)
    }

    fn record_mut(&mut self, rec: CTypeId) -> Option<&mut Record> {
        match self.cts.get(rec).kind {
            Kind::Record(r) => self.cts.records.get_mut(r as usize),
            _ => None,
        }
    }

    /// `enum` with an optional tag and body (the keyword is consumed). Constants enter
    /// the ordinary namespace with type `int` (or the enum's type, as LuaJIT).
    fn enum_spec(&mut self) -> PResult<CTypeId> {
        let (mut align, mut packed) = (0u32, false);
        while self.ident_is(&["__attribute__", "__attribute"]) {
            self.next()?;
            self.attributes(&mut align, &mut packed)?;
        }
        let tag = self.tag_name()?;
        let has_body = self.is_p("{");
        let ty = match &tag {
            Some(t) => match self.cts.tags.get(t).copied() {
                Some(existing) => {
                    let Kind::Enum(e) = self.cts.get(existing).kind else {
                        return Err(self.err_plain(&format!("attempt to redefine '{t}'")));
                    };
                    if has_body && self.cts.enums[e as usize].complete {
                        return Err(self.err_plain(&format!("attempt to redefine '{t}'")));
                    }
                    existing
                }
                None if !has_body && self.typestr => {
                    return Err(self.err_plain(&format!("undeclared or implicit tag '{t}'")));
                }
                None => {
                    let ty = self.cts.new_enum(Some(t.clone()));
                    self.cts.tags.insert(t.clone(), ty);
                    ty
                }
            },
            None if !has_body => return Err(self.err_token("<identifier>")),
            None => self.cts.new_enum(None),
        };
        if has_body {
            self.next()?;
            let mut next_val: i64 = 0;
            let mut consts = Vec::new();
            while !self.accept("}")? {
                let Tok::Ident(name) = self.tok.clone() else {
                    return Err(self.err_token("<identifier>"));
                };
                self.next()?;
                if self.accept("=")? {
                    next_val = self.const_expr()?.0;
                }
                if self.cts.names.contains_key(&name) {
                    return Err(self.err_plain(&format!("attempt to redefine '{name}'")));
                }
                self.cts.names.insert(name.clone(), Decl::Const(id::INT32, next_val));
                consts.push((name, next_val));
                next_val = (next_val + 1) as i32 as i64;
                if !self.accept(",")? {
                    self.expect("}")?;
                    break;
                }
            }
            if let Kind::Enum(e) = self.cts.get(ty).kind {
                let def = &mut self.cts.enums[e as usize];
                def.consts = consts;
                def.complete = true;
            }
            while self.ident_is(&["__attribute__", "__attribute"]) {
                self.next()?;
                self.attributes(&mut align, &mut packed)?;
            }
        }
        Ok(ty)
    }

    /// A declarator; `abstract_ok` allows it to have no name (type strings, parameters).
    fn declarator(&mut self, abstract_ok: bool, named: bool) -> PResult<Declarator> {
        self.enter()?;
        let mut d = Declarator { name: None, ops: Vec::new(), align: 0, packed: false, redirect: None };
        let mut ptrs = Vec::new();
        loop {
            if self.accept("*")? {
                let mut q = 0u8;
                loop {
                    if self.ident_is(&["const", "__const", "__const__"]) {
                        q |= Q_CONST;
                    } else if self.ident_is(&["volatile", "__volatile", "__volatile__"]) {
                        q |= Q_VOLATILE;
                    } else if self.ident_is(&["restrict", "__restrict", "__restrict__", "__ptr32", "__ptr64"])
                    {
                    } else if self.ident_is(&["__attribute__", "__attribute"]) {
                        self.next()?;
                        self.attributes(&mut d.align, &mut d.packed)?;
                        continue;
                    } else {
                        break;
                    }
                    self.next()?;
                }
                ptrs.push(Op::Ptr(q));
            } else if self.accept("&")? {
                ptrs.push(Op::Ref);
            } else if self.ident_is(&["__attribute__", "__attribute", "__declspec"]) {
                self.next()?;
                self.attributes(&mut d.align, &mut d.packed)?;
            } else if self.ident_is(&["__cdecl", "__stdcall", "__fastcall", "__thiscall"]) {
                self.next()?;
            } else {
                break;
            }
        }
        let mut inner: Option<Declarator> = None;
        if self.is_p("(") && self.paren_is_nested() {
            self.next()?;
            inner = Some(self.declarator(abstract_ok, named)?);
            self.expect(")")?;
        } else {
            match self.tok.clone() {
                Tok::Ident(n) if named && !self.is_qualifier_word(&n) => {
                    d.name = Some(n);
                    self.next()?;
                }
                Tok::Dollar if named => {
                    if let Param::Str(s) = self.take_param()? {
                        d.name = Some(s);
                        self.next()?;
                    } else {
                        return Err(self.err_plain("invalid C type"));
                    }
                }
                _ if abstract_ok => {}
                _ => return Err(self.err_token("<identifier>")),
            }
        }
        let mut suffixes = Vec::new();
        loop {
            if self.accept("[")? {
                let len = if self.accept("?")? {
                    None
                } else if self.is_p("]") {
                    Some(0)
                } else {
                    let (v, _) = self.const_expr()?;
                    if !(0..=i64::from(u32::MAX >> 1)).contains(&v) {
                        return Err(self.err_plain(ERR_INVSIZE));
                    }
                    Some(v as u32)
                };
                self.expect("]")?;
                suffixes.push(Op::Array(len));
            } else if self.is_p("(") {
                self.next()?;
                let (params, varargs) = self.param_list()?;
                suffixes.push(Op::Func(params, varargs));
            } else {
                break;
            }
        }
        self.trailing_attributes(&mut d)?;
        d.ops = ptrs;
        d.ops.extend(suffixes.into_iter().rev());
        if let Some(i) = inner {
            d.name = i.name;
            d.ops.extend(i.ops);
            d.align = d.align.max(i.align);
            d.packed |= i.packed;
            d.redirect = d.redirect.or(i.redirect);
        }
        self.leave();
        Ok(d)
    }

    fn is_qualifier_word(&self, n: &str) -> bool {
        matches!(n, "const" | "volatile" | "restrict" | "__restrict" | "__restrict__")
    }

    /// Is the `(` at the current token the start of a nested declarator (rather than a
    /// parameter list)? Looks at the byte after it without consuming anything.
    fn paren_is_nested(&self) -> bool {
        let mut i = self.pos;
        while i < self.src.len() && self.src[i].is_ascii_whitespace() {
            i += 1;
        }
        let c = self.src.get(i).copied().unwrap_or(0);
        if matches!(c, b'*' | b'&' | b'(' | b'[' | b'^' | b'$') {
            return true;
        }
        if is_ident_start(c) {
            let s = i;
            while i < self.src.len() && is_ident(self.src[i]) {
                i += 1;
            }
            let w = String::from_utf8_lossy(&self.src[s..i]);
            if matches!(&*w, "__attribute__" | "__attribute" | "__cdecl" | "__stdcall" | "__fastcall") {
                return true;
            }
            // A name that is not a type starts a nested declarator; a type starts params.
            return !self.starts_type(&w);
        }
        false
    }

    fn starts_type(&self, w: &str) -> bool {
        matches!(
            w,
            "void"
                | "char"
                | "short"
                | "int"
                | "long"
                | "float"
                | "double"
                | "signed"
                | "unsigned"
                | "bool"
                | "_Bool"
                | "complex"
                | "_Complex"
                | "struct"
                | "union"
                | "enum"
                | "const"
                | "volatile"
                | "__int8"
                | "__int16"
                | "__int32"
                | "__int64"
                | "__signed__"
                | "__const"
        ) || matches!(self.cts.names.get(w), Some(Decl::Typedef(_)))
    }

    /// A parameter list after `(`, through `)`.
    fn param_list(&mut self) -> PResult<(Vec<CTypeId>, bool)> {
        let mut params = Vec::new();
        let mut varargs = false;
        if self.accept(")")? {
            return Ok((params, false));
        }
        loop {
            if self.accept("...")? {
                varargs = true;
                break;
            }
            let spec = self.specifiers()?;
            let d = self.declarator(true, true)?;
            let mut ty = self.apply(spec.ty, &d.ops)?;
            // Arrays decay to pointers and functions to function pointers, as in C.
            match self.cts.get(ty).kind {
                Kind::Array { elem, .. } => ty = self.cts.ptr_to(elem),
                Kind::Func(_) => ty = self.cts.ptr_to(ty),
                _ => {}
            }
            if ty == id::VOID && d.ops.is_empty() && params.is_empty() && self.is_p(")") {
                break;
            }
            params.push(ty);
            if !self.accept(",")? {
                break;
            }
        }
        self.expect(")")?;
        Ok((params, varargs))
    }

    /// Applies declarator constructors to a base type.
    fn apply(&mut self, mut ty: CTypeId, ops: &[Op]) -> PResult<CTypeId> {
        for op in ops {
            ty = match op {
                Op::Ptr(q) => {
                    let p = self.cts.ptr_to(ty);
                    self.cts.qualified(p, *q)
                }
                Op::Ref => self.cts.ref_to(ty),
                Op::Array(len) => {
                    let e = *self.cts.get(ty);
                    // Elements must have a known size; only the outermost may be `[?]`.
                    if matches!(e.kind, Kind::Func(_) | Kind::Void) || self.cts.is_vla(ty) {
                        return Err(self.err_plain(ERR_INVSIZE));
                    }
                    if e.size == SIZE_UNKNOWN && !matches!(e.kind, Kind::Record(_) | Kind::Enum(_)) {
                        return Err(self.err_plain(ERR_INVSIZE));
                    }
                    self.cts.array_of(ty, *len).map_err(|m| self.err_plain(m))?
                }
                Op::Func(params, varargs) => {
                    if matches!(self.cts.get(ty).kind, Kind::Array { .. } | Kind::Func(_)) {
                        return Err(self.err_plain("invalid C type"));
                    }
                    self.cts.new_func(FuncDef { ret: ty, params: params.clone(), varargs: *varargs })
                }
            };
        }
        Ok(ty)
    }

    // ---- Constant expressions. ----------------------------------------------------

    /// A constant expression: its value (as C's 32-bit int or unsigned int, sign- or
    /// zero-extended) and whether it is unsigned.
    fn const_expr(&mut self) -> PResult<(i64, bool)> {
        self.expr_bin(0)
    }

    fn expr_bin(&mut self, min_prec: u8) -> PResult<(i64, bool)> {
        self.enter()?;
        let mut lhs = self.expr_unary()?;
        while let Tok::P(op) = self.tok {
            let prec = match op {
                "?" => 1,
                "||" => 2,
                "&&" => 3,
                "|" => 4,
                "^" => 5,
                "&" => 6,
                "==" | "!=" => 7,
                "<" | ">" | "<=" | ">=" => 8,
                "<<" | ">>" => 9,
                "+" | "-" => 10,
                "*" | "/" | "%" => 11,
                _ => break,
            };
            if prec < min_prec.max(1) {
                break;
            }
            self.next()?;
            if op == "?" {
                let a = self.expr_bin(0)?;
                self.expect(":")?;
                let b = self.expr_bin(1)?;
                lhs = if lhs.0 != 0 { a } else { b };
                continue;
            }
            let rhs = self.expr_bin(prec + 1)?;
            lhs = self.binop(op, lhs, rhs)?;
        }
        self.leave();
        Ok(lhs)
    }

    fn binop(&self, op: &str, (a, au): (i64, bool), (b, bu): (i64, bool)) -> PResult<(i64, bool)> {
        let u = au || bu;
        let norm = |v: i64, u: bool| if u { (v as u32 as i64, true) } else { (v as i32 as i64, false) };
        let (x, y) = (norm(a, u).0, norm(b, u).0);
        let bool_ = |c: bool| (c as i64, false);
        Ok(match op {
            "||" => bool_(a != 0 || b != 0),
            "&&" => bool_(a != 0 && b != 0),
            "|" => norm(x | y, u),
            "^" => norm(x ^ y, u),
            "&" => norm(x & y, u),
            "==" => bool_(x == y),
            "!=" => bool_(x != y),
            "<" => bool_(x < y),
            ">" => bool_(x > y),
            "<=" => bool_(x <= y),
            ">=" => bool_(x >= y),
            "<<" => norm(a.wrapping_shl((b & 31) as u32), au),
            ">>" => {
                let s = (b & 31) as u32;
                if au { norm((a as u32 >> s) as i64, true) } else { norm((a as i32 >> s) as i64, false) }
            }
            "+" => norm(x.wrapping_add(y), u),
            "-" => norm(x.wrapping_sub(y), u),
            "*" => norm(x.wrapping_mul(y), u),
            "/" | "%" => {
                if y == 0 {
                    return Err(self.err_plain("division by zero"));
                }
                let r = if u {
                    let (p, q) = (x as u32, y as u32);
                    if op == "/" { (p / q) as i64 } else { (p % q) as i64 }
                } else {
                    let (p, q) = (x as i32, y as i32);
                    if op == "/" { p.wrapping_div(q) as i64 } else { p.wrapping_rem(q) as i64 }
                };
                norm(r, u)
            }
            _ => return Err(self.err("unexpected symbol")),
        })
    }

    fn expr_unary(&mut self) -> PResult<(i64, bool)> {
        self.enter()?;
        let r = self.expr_unary_inner();
        self.leave();
        r
    }

    fn expr_unary_inner(&mut self) -> PResult<(i64, bool)> {
        let norm = |v: i64, u: bool| if u { (v as u32 as i64, true) } else { (v as i32 as i64, false) };
        if let Tok::P(op) = self.tok {
            match op {
                "-" | "+" | "~" | "!" => {
                    self.next()?;
                    let (v, u) = self.expr_unary()?;
                    return Ok(match op {
                        "-" => norm(v.wrapping_neg(), u),
                        "+" => (v, u),
                        "~" => norm(!v, u),
                        _ => ((v == 0) as i64, false),
                    });
                }
                "(" => {
                    self.next()?;
                    let v = self.const_expr()?;
                    self.expect(")")?;
                    return Ok(v);
                }
                _ => {}
            }
        }
        match self.tok.clone() {
            Tok::Num(v, u) => {
                self.next()?;
                Ok((v, u))
            }
            Tok::Dollar => match self.take_param()? {
                Param::Num(n) => {
                    self.next()?;
                    Ok(norm(n as i64, false))
                }
                _ => Err(self.err_plain("invalid C type")),
            },
            Tok::Ident(n)
                if matches!(&*n, "sizeof" | "__alignof__" | "__alignof" | "_Alignof" | "alignof") =>
            {
                self.next()?;
                self.expect("(")?;
                let spec = self.specifiers()?;
                let d = self.declarator(true, false)?;
                let ty = self.apply(spec.ty, &d.ops)?;
                self.expect(")")?;
                let ct = *self.cts.get(ty);
                let v = if &*n == "sizeof" { ct.size } else { ct.align };
                if v == SIZE_UNKNOWN {
                    return Err(self.err_plain(ERR_INVSIZE));
                }
                Ok((i64::from(v), true))
            }
            Tok::Ident(n) => match self.cts.names.get(&n) {
                Some(Decl::Const(ty, v)) => {
                    let u = matches!(self.cts.get(*ty).kind, Kind::Int { unsigned: true, .. });
                    let v = *v;
                    self.next()?;
                    Ok(norm(v, u))
                }
                _ => Err(self.err("invalid value")),
            },
            _ => Err(self.err("invalid value")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(cts: &mut CTypes, s: &str) -> Result<String, String> {
        parse_type(cts, s.as_bytes(), &[]).map(|t| cts.repr(t))
    }

    #[test]
    fn type_names_print_as_luajit() {
        let mut c = CTypes::new();
        for (src, want) in [
            ("int", "int"),
            ("unsigned", "unsigned int"),
            ("long long", "int64_t"),
            ("unsigned long", "uint64_t"),
            ("size_t", "uint64_t"),
            ("uint16_t", "unsigned short"),
            ("int const *", "const int *"),
            ("int * const", "int *const"),
            ("char * const *", "char *const *"),
            ("const void *", "const void *"),
            ("int (*)(int)", "int (*)()"),
            ("int(int)", "int ()"),
            ("int *(*)(void)", "int *(*)()"),
            ("void (*[2])(int)", "void (*[2])()"),
            // Plain `char` is signed on x86-64 and unsigned on arm64, and LuaJIT names
            // whichever of `signed char`/`unsigned char` it is as `char`.
            (
                "int8_t[3][4]",
                if cfg!(target_arch = "aarch64") { "signed char [3][4]" } else { "char [3][4]" },
            ),
            ("int &", "int &"),
            ("double _Complex", "complex"),
            ("long double complex", "complex"),
            ("complex float", "complex float"),
            ("int[?]", "int [?]"),
            ("int *[3]", "int *[3]"),
            ("int (*)[3]", "int (*)[3]"),
            ("const volatile int", "const volatile int"),
            ("uint32_t const", "const unsigned int"),
        ] {
            assert_eq!(ty(&mut c, src).as_deref(), Ok(want), "{src}");
        }
    }

    #[test]
    fn errors_match_luajit() {
        let mut c = CTypes::new();
        let e = |c: &mut CTypes, s: &str| cdef(c, s.as_bytes(), &[]).err();
        assert_eq!(e(&mut c, "foo bar;").as_deref(), Some("declaration specifier expected near 'foo'"));
        assert_eq!(e(&mut c, "int 3;").as_deref(), Some("'<identifier>' expected near '3'"));
        assert_eq!(e(&mut c, "struct { int a").as_deref(), Some("';' expected near '<eof>'"));
        assert_eq!(e(&mut c, "int a[-1];").as_deref(), Some("size of C type is unknown or too large"));
        assert_eq!(e(&mut c, "struct bad { int a : 40; };").as_deref(), Some("invalid value near ':'"));
        assert_eq!(
            e(&mut c, "struct foo { int a; }; struct foo { int b; };").as_deref(),
            Some("attempt to redefine 'foo'")
        );
        assert_eq!(
            e(&mut c, "\n\nfoo x;").as_deref(),
            Some("declaration specifier expected near 'foo' at line 3")
        );
        assert_eq!(ty(&mut c, "int x y"), Err("'<eof>' expected near 'x'".to_string()));
        assert!(ty(&mut c, "int[?][?]").is_err());
    }

    #[test]
    fn declarations_fill_the_namespace() {
        let mut c = CTypes::new();
        cdef(&mut c, b"enum E { A=1, B, C=10, D = C << 2 | 1 }; typedef struct pt { int x, y; } pt_t; int f(int, ...); extern int v;", &[]).expect("cdef");
        assert_eq!(c.names.get("B"), Some(&Decl::Const(id::INT32, 2)));
        assert_eq!(c.names.get("D"), Some(&Decl::Const(id::INT32, 41)));
        let t = parse_type(&mut c, b"pt_t", &[]).expect("pt_t");
        assert_eq!((c.get(t).size, c.repr(t).as_str()), (8, "struct pt"));
        assert!(matches!(c.names.get("f"), Some(Decl::Func(..))));
        assert!(matches!(c.names.get("v"), Some(Decl::Var(..))));
    }

    #[test]
    fn layouts_match_luajit() {
        let mut c = CTypes::new();
        cdef(
            &mut c,
            b"struct __attribute__((packed)) p1 { char a; int b; };
              struct p3 { char a; int b __attribute__((aligned(16))); };
              #pragma pack(push, 2)
              struct p4 { char a; int b; double c; };
              #pragma pack(pop)
              struct a1 { char a; struct { short x; int y; }; char z; };
              struct v1 { int n; double d[?]; };
              struct s1 { static const int K = 42; int x; };",
            &[],
        )
        .expect("cdef");
        let size = |c: &mut CTypes, s: &str| {
            let t = parse_type(c, s.as_bytes(), &[]).expect(s);
            (c.get(t).size, c.get(t).align)
        };
        assert_eq!(size(&mut c, "struct p1"), (5, 1));
        assert_eq!(size(&mut c, "struct p3"), (32, 16));
        assert_eq!(size(&mut c, "struct p4"), (14, 2));
        assert_eq!(size(&mut c, "struct a1"), (16, 4));
        let a1 = parse_type(&mut c, b"struct a1", &[]).expect("a1");
        assert_eq!(c.find_field(a1, b"y"), Some(FieldRef::Field { ty: id::INT32, offset: 8, bits: None }));
        let v1 = parse_type(&mut c, b"struct v1", &[]).expect("v1");
        assert_eq!(c.size_vla(v1, 3), Some(32));
        let s1 = parse_type(&mut c, b"struct s1", &[]).expect("s1");
        assert_eq!(
            c.find_field(s1, b"K"),
            Some(FieldRef::Const { ty: c.qualified(id::INT32, Q_CONST), value: 42 })
        );
    }

    #[test]
    fn dollar_parameters() {
        let mut c = CTypes::new();
        let t = parse_type(&mut c, b"$ *", &[Param::Type(id::DOUBLE)]).expect("$ *");
        assert_eq!(c.repr(t), "double *");
        let t = parse_type(&mut c, b"int[$]", &[Param::Num(7.0)]).expect("int[$]");
        assert_eq!(c.get(t).size, 28);
        assert!(parse_type(&mut c, b"$", &[]).is_err());
        assert!(parse_type(&mut c, b"int", &[Param::Num(1.0)]).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut c = CTypes::new();
        let src = format!("int {}x{};", "(".repeat(10_000), ")".repeat(10_000));
        assert!(cdef(&mut c, src.as_bytes(), &[]).is_err());
        let src = format!("int a[{}1{}];", "(".repeat(10_000), ")".repeat(10_000));
        assert!(cdef(&mut c, src.as_bytes(), &[]).is_err());
    }
}
