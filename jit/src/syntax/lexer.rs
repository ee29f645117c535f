//! The lexer: bytes to tokens, exactly as LuaJIT 2.1's `lj_lex.c` splits them.
//!
//! It is shaped like LuaJIT's scanner on purpose, because error messages expose its
//! state: the reported line is the line the scanner has reached (`line`, which is past
//! the current token and past a look-ahead token if one was read), and the parser's
//! "ambiguous syntax" check compares the line of a `(` with `lastline`, the line the
//! scanner was on when the previous token was consumed.
//!
//! Character classes are LuaJIT's: identifiers are ASCII letters, digits, `_` and every
//! byte >= 0x80; whitespace is space, `\t \n \v \f \r`; a line break is `\n`, `\r`,
//! `\r\n` or `\n\r`. A first line starting with `#` is skipped (after an optional UTF-8
//! byte order mark). A chunk starting with ESC is LuaJIT bytecode, which we do not
//! load: it fails the way LuaJIT fails on bytecode of another version.
//!
//! Names are `String`s in the AST. A name is valid UTF-8 whenever the source is (the
//! identifier class swallows whole multi-byte sequences); a name that is not is mapped
//! byte by byte to U+0000..U+00FF, a documented deviation for garbage input (two
//! such names can collide). Error messages quote the source bytes.

use super::error::{SyntaxError, chunk_shortname_bytes};
use super::number::scan_literal;
use super::token::{Tok, reserved};

/// `LJ_MAX_LINE`.
const MAX_LINE: u32 = 0x7fff_ff00;

pub(crate) const EOF: i32 = -1;

pub fn is_ident(c: i32) -> bool {
    c >= 0x80 || (c >= 0 && (c as u8).is_ascii_alphanumeric()) || c == i32::from(b'_')
}

fn is_digit(c: i32) -> bool {
    (i32::from(b'0')..=i32::from(b'9')).contains(&c)
}

fn is_xdigit(c: i32) -> bool {
    (0..0x80).contains(&c) && (c as u8).is_ascii_hexdigit()
}

fn is_space(c: i32) -> bool {
    matches!(c, 0x20 | 0x09..=0x0d)
}

fn is_eol(c: i32) -> bool {
    c == i32::from(b'\n') || c == i32::from(b'\r')
}

/// A scanned token with the source range it came from (for error messages).
#[derive(Clone, Debug)]
struct Scanned {
    tok: Tok,
    start: usize,
    end: usize,
}

pub struct Lexer<'a> {
    src: &'a [u8],
    chunkname: &'a [u8],
    /// Index of the current character `c` (== `src.len()` at the end).
    cur: usize,
    c: i32,
    /// The line the scanner is on (LuaJIT's `linenumber`).
    pub line: u32,
    /// The line the scanner was on when the current token was made current.
    pub lastline: u32,
    /// The current token.
    pub tok: Tok,
    tok_start: usize,
    tok_end: usize,
    ahead: Option<Scanned>,
    /// Decoded bytes of the string being scanned.
    buf: Vec<u8>,
}

impl<'a> Lexer<'a> {
    /// Sets up the scanner (byte order mark, `#` line, bytecode check). The first token
    /// is read by the first [`Lexer::next`].
    pub fn new(src: &'a [u8], chunkname: &'a [u8]) -> Result<Lexer<'a>, SyntaxError> {
        let mut ls = Lexer {
            src,
            chunkname,
            cur: 0,
            c: src.first().map_or(EOF, |&b| i32::from(b)),
            line: 1,
            lastline: 1,
            tok: Tok::Eof,
            tok_start: 0,
            tok_end: 0,
            ahead: None,
            buf: Vec::new(),
        };
        let mut header = false;
        if src.starts_with(b"\xef\xbb\xbf") {
            ls.cur = 2;
            ls.advance();
            header = true;
        }
        if ls.c == i32::from(b'#') {
            loop {
                ls.advance();
                if ls.c == EOF {
                    return Ok(ls);
                }
                if is_eol(ls.c) {
                    break;
                }
            }
            ls.newline()?;
            header = true;
        }
        if ls.c == 0x1b {
            // LuaJIT loads this as bytecode. Its header check fails for anything but
            // LuaJIT's own dump format, which we do not support.
            return Err(if header {
                let msg = b"cannot load malformed bytecode".to_vec();
                SyntaxError { chunk: Vec::new(), line: 0, message: msg, near: None }
            } else {
                let msg = b"cannot load incompatible bytecode".to_vec();
                let name = match chunkname.first() {
                    Some(0x1b) => b"(binary)".to_vec(),
                    Some(b'@' | b'=') => chunkname[1..].split(|&b| b == 0).next().unwrap_or(&[]).to_vec(),
                    _ => chunkname.split(|&b| b == 0).next().unwrap_or(&[]).to_vec(),
                };
                SyntaxError { chunk: name, line: 0, message: msg, near: None }
            });
        }
        Ok(ls)
    }

    fn advance(&mut self) {
        if self.cur < self.src.len() {
            self.cur += 1;
        }
        self.c = self.src.get(self.cur).map_or(EOF, |&b| i32::from(b));
    }

    /// An error at the scanner's line.
    pub fn error(&self, message: impl Into<Vec<u8>>, near: Option<Vec<u8>>) -> SyntaxError {
        self.error_at(self.line, message, near)
    }

    pub fn error_at(&self, line: u32, message: impl Into<Vec<u8>>, near: Option<Vec<u8>>) -> SyntaxError {
        let near = near.map(|mut n| {
            // LuaJIT formats the token as a C string.
            if let Some(z) = n.iter().position(|&b| b == 0) {
                n.truncate(z);
            }
            n
        });
        SyntaxError { chunk: chunk_shortname_bytes(self.chunkname), line, message: message.into(), near }
    }

    /// An error near the current token.
    pub fn error_near_tok(&self, message: impl Into<Vec<u8>>) -> SyntaxError {
        self.error(message, self.near_text())
    }

    /// The source text of the current token.
    pub fn tok_raw(&self) -> &'a [u8] {
        &self.src[self.tok_start..self.tok_end]
    }

    /// How LuaJIT names the current token in "near '...'" (None for a NUL byte).
    pub fn near_text(&self) -> Option<Vec<u8>> {
        let text = &self.src[self.tok_start..self.tok_end];
        Some(match &self.tok {
            Tok::Name(_) | Tok::Number(_) => text.to_vec(),
            Tok::String(value) => {
                // The lexer's buffer: the delimiters around the decoded contents.
                let (open, close) = if text.first() == Some(&b'[') {
                    let sep = text[1..].iter().take_while(|&&b| b == b'=').count();
                    let mut close = vec![b'='; sep + 2];
                    close[0] = b']';
                    close[sep + 1] = b']';
                    (&text[..sep + 2], close)
                } else {
                    (&text[..1], text[..1].to_vec())
                };
                let mut out = Vec::with_capacity(value.len() + 2 * open.len());
                out.extend_from_slice(open);
                out.extend_from_slice(value);
                out.extend_from_slice(&close);
                out
            }
            Tok::Char(0) => return None,
            t => t.spelling().into_bytes(),
        })
    }

    /// Makes the next token current.
    pub fn next(&mut self) -> Result<(), SyntaxError> {
        self.lastline = self.line;
        let s = match self.ahead.take() {
            Some(s) => s,
            None => self.scan()?,
        };
        self.tok = s.tok;
        self.tok_start = s.start;
        self.tok_end = s.end;
        Ok(())
    }

    /// Reads the token after the current one without consuming anything.
    pub fn lookahead(&mut self) -> Result<&Tok, SyntaxError> {
        if self.ahead.is_none() {
            let s = self.scan()?;
            self.ahead = Some(s);
        }
        Ok(self.ahead.as_ref().map_or(&Tok::Eof, |s| &s.tok))
    }

    /// Skips a line break (any of the four forms) and counts it.
    fn newline(&mut self) -> Result<(), SyntaxError> {
        let old = self.c;
        self.advance();
        if is_eol(self.c) && self.c != old {
            self.advance();
        }
        self.line += 1;
        if self.line >= MAX_LINE {
            return Err(self.error_near_tok("chunk has too many lines"));
        }
        Ok(())
    }

    /// Skips `[` or `]` and the `=`s after it. Returns their count if the same bracket
    /// follows, else `-count-1`.
    fn skip_eq(&mut self) -> i64 {
        let s = self.c;
        let mut count = 0i64;
        self.advance();
        while self.c == i32::from(b'=') {
            count += 1;
            self.advance();
        }
        if self.c == s { count } else { -count - 1 }
    }

    fn scan(&mut self) -> Result<Scanned, SyntaxError> {
        loop {
            let start = self.cur;
            let c = self.c;
            let tok = if is_ident(c) {
                if is_digit(c) {
                    self.number(start)?
                } else {
                    while is_ident(self.c) {
                        self.advance();
                    }
                    let word = &self.src[start..self.cur];
                    match reserved(word) {
                        Some(t) => t,
                        None => Tok::Name(match std::str::from_utf8(word) {
                            Ok(s) => s.to_string(),
                            Err(_) => word.iter().map(|&b| char::from(b)).collect(),
                        }),
                    }
                }
            } else {
                match c {
                    EOF => Tok::Eof,
                    0x0a | 0x0d => {
                        self.newline()?;
                        continue;
                    }
                    0x20 | 0x09 | 0x0b | 0x0c => {
                        self.advance();
                        continue;
                    }
                    0x2d /* - */ => {
                        self.advance();
                        if self.c != i32::from(b'-') {
                            Tok::Char(b'-')
                        } else {
                            self.advance();
                            if self.c == i32::from(b'[') {
                                let sep = self.skip_eq();
                                if sep >= 0 {
                                    self.long_string(sep as usize, false)?;
                                    continue;
                                }
                            }
                            while !is_eol(self.c) && self.c != EOF {
                                self.advance();
                            }
                            continue;
                        }
                    }
                    0x5b /* [ */ => {
                        let sep = self.skip_eq();
                        if sep >= 0 {
                            self.long_string(sep as usize, true)?;
                            Tok::String(std::mem::take(&mut self.buf))
                        } else if sep == -1 {
                            Tok::Char(b'[')
                        } else {
                            let mut near = vec![b'='; (-sep) as usize];
                            near[0] = b'[';
                            return Err(self.error("invalid long string delimiter", Some(near)));
                        }
                    }
                    0x3d | 0x3c | 0x3e | 0x7e | 0x3a /* = < > ~ : */ => {
                        self.advance();
                        let second = if c == 0x3a { b':' } else { b'=' };
                        if self.c == i32::from(second) {
                            self.advance();
                            match c {
                                0x3d => Tok::Eq,
                                0x3c => Tok::Le,
                                0x3e => Tok::Ge,
                                0x7e => Tok::Ne,
                                _ => Tok::Label,
                            }
                        } else {
                            Tok::Char(c as u8)
                        }
                    }
                    0x22 | 0x27 /* " ' */ => {
                        self.string()?;
                        Tok::String(std::mem::take(&mut self.buf))
                    }
                    0x2e /* . */ => {
                        self.advance();
                        if self.c == i32::from(b'.') {
                            self.advance();
                            if self.c == i32::from(b'.') {
                                self.advance();
                                Tok::Dots
                            } else {
                                Tok::Concat
                            }
                        } else if is_digit(self.c) {
                            self.number(start)?
                        } else {
                            Tok::Char(b'.')
                        }
                    }
                    _ => {
                        self.advance();
                        Tok::Char(c as u8)
                    }
                }
            };
            return Ok(Scanned { tok, start, end: self.cur });
        }
    }

    /// A numeric literal starting at `start` (a digit, or a '.' before a digit).
    fn number(&mut self, start: usize) -> Result<Tok, SyntaxError> {
        // The exponent letter after which a sign continues the literal.
        let mut xp = b'e';
        let mut prev = self.c;
        if self.c == i32::from(b'0') {
            self.advance();
            if self.c | 0x20 == i32::from(b'x') {
                xp = b'p';
            }
        }
        while is_ident(self.c)
            || self.c == i32::from(b'.')
            || ((self.c == i32::from(b'-') || self.c == i32::from(b'+')) && prev | 0x20 == i32::from(xp))
        {
            prev = self.c;
            self.advance();
        }
        let text = &self.src[start..self.cur];
        match scan_literal(text) {
            Some(n) => Ok(Tok::Number(n)),
            None => Err(self.error("malformed number", Some(text.to_vec()))),
        }
    }

    /// A long string or comment; `c` is at the second `[` of an opener of level `sep`.
    /// For strings, the contents end up in `buf` (line breaks as `\n`, a line break
    /// right after the opener dropped).
    fn long_string(&mut self, sep: usize, keep: bool) -> Result<(), SyntaxError> {
        self.buf.clear();
        self.advance();
        if is_eol(self.c) {
            self.newline()?;
        }
        loop {
            match self.c {
                EOF => {
                    let msg = if keep { "unfinished long string" } else { "unfinished long comment" };
                    return Err(self.error(msg, Some(b"<eof>".to_vec())));
                }
                0x5d /* ] */ => {
                    let from = self.cur;
                    if self.skip_eq() == sep as i64 {
                        self.advance();
                        return Ok(());
                    }
                    if keep {
                        self.buf.extend_from_slice(&self.src[from..self.cur]);
                    }
                }
                0x0a | 0x0d => {
                    if keep {
                        self.buf.push(b'\n');
                    }
                    self.newline()?;
                }
                c => {
                    if keep {
                        self.buf.push(c as u8);
                    }
                    self.advance();
                }
            }
        }
    }

    /// The error for a bad escape: near the delimiter plus what was decoded so far.
    fn escape_error(&self, delim: u8) -> SyntaxError {
        let mut near = vec![delim];
        near.extend_from_slice(&self.buf);
        self.error("invalid escape sequence", Some(near))
    }

    /// A quoted string; `c` is at the opening delimiter. The decoded bytes end up in
    /// `buf`.
    fn string(&mut self) -> Result<(), SyntaxError> {
        let delim = self.c;
        self.buf.clear();
        self.advance();
        while self.c != delim {
            match self.c {
                EOF => return Err(self.error("unfinished string", Some(b"<eof>".to_vec()))),
                0x0a | 0x0d => {
                    let mut near = vec![delim as u8];
                    near.extend_from_slice(&self.buf);
                    return Err(self.error("unfinished string", Some(near)));
                }
                0x5c /* \ */ => {
                    self.advance();
                    let c = self.c;
                    let byte = match c {
                        EOF => continue, // Reported as an unfinished string.
                        0x61 => 0x07,    // \a
                        0x62 => 0x08,    // \b
                        0x66 => 0x0c,    // \f
                        0x6e => 0x0a,    // \n
                        0x72 => 0x0d,    // \r
                        0x74 => 0x09,    // \t
                        0x76 => 0x0b,    // \v
                        0x5c | 0x22 | 0x27 => c as u8,
                        0x0a | 0x0d => {
                            self.buf.push(b'\n');
                            self.newline()?;
                            continue;
                        }
                        0x78 /* x */ => {
                            let mut v = 0u8;
                            for _ in 0..2 {
                                self.advance();
                                if !is_xdigit(self.c) {
                                    return Err(self.escape_error(delim as u8));
                                }
                                v = (v << 4) | (char::from(self.c as u8).to_digit(16).unwrap_or(0) as u8);
                            }
                            v
                        }
                        0x7a /* z */ => {
                            self.advance();
                            while is_space(self.c) {
                                if is_eol(self.c) {
                                    self.newline()?;
                                } else {
                                    self.advance();
                                }
                            }
                            continue;
                        }
                        0x75 /* u */ => {
                            self.advance();
                            if self.c != i32::from(b'{') {
                                return Err(self.escape_error(delim as u8));
                            }
                            let mut cp = 0u32;
                            self.advance();
                            loop {
                                if !is_xdigit(self.c) {
                                    return Err(self.escape_error(delim as u8));
                                }
                                cp = (cp << 4) | char::from(self.c as u8).to_digit(16).unwrap_or(0);
                                if cp >= 0x11_0000 {
                                    return Err(self.escape_error(delim as u8));
                                }
                                self.advance();
                                if self.c == i32::from(b'}') {
                                    break;
                                }
                            }
                            // UTF-8, surrogates included (LuaJIT does not reject them).
                            if cp < 0x80 {
                                cp as u8
                            } else {
                                if cp < 0x800 {
                                    self.buf.push(0xc0 | (cp >> 6) as u8);
                                } else {
                                    if cp >= 0x1_0000 {
                                        self.buf.push(0xf0 | (cp >> 18) as u8);
                                        self.buf.push(0x80 | ((cp >> 12) & 0x3f) as u8);
                                    } else {
                                        self.buf.push(0xe0 | (cp >> 12) as u8);
                                    }
                                    self.buf.push(0x80 | ((cp >> 6) & 0x3f) as u8);
                                }
                                0x80 | (cp & 0x3f) as u8
                            }
                        }
                        _ if is_digit(c) => {
                            // Up to three decimal digits.
                            let mut v = (c - 0x30) as u32;
                            self.advance();
                            if is_digit(self.c) {
                                v = v * 10 + (self.c - 0x30) as u32;
                                self.advance();
                                if is_digit(self.c) {
                                    v = v * 10 + (self.c - 0x30) as u32;
                                    if v > 255 {
                                        return Err(self.escape_error(delim as u8));
                                    }
                                    self.advance();
                                }
                            }
                            self.buf.push(v as u8);
                            continue;
                        }
                        _ => return Err(self.escape_error(delim as u8)),
                    };
                    self.buf.push(byte);
                    self.advance();
                }
                c => {
                    self.buf.push(c as u8);
                    self.advance();
                }
            }
        }
        self.advance();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::token::Number;

    fn lex(src: &str) -> Result<Vec<Tok>, String> {
        let mut ls = Lexer::new(src.as_bytes(), b"=t").map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        loop {
            ls.next().map_err(|e| e.to_string())?;
            if ls.tok == Tok::Eof {
                return Ok(out);
            }
            out.push(ls.tok.clone());
        }
    }

    fn s(b: &[u8]) -> Tok {
        Tok::String(b.to_vec())
    }

    fn num(v: f64) -> Tok {
        Tok::Number(Number::Float(v))
    }

    #[test]
    fn symbols_and_words() {
        assert_eq!(
            lex("a.b:c::d..e...==~=<=>=< > = ~#goto x1 _y").unwrap(),
            vec![
                Tok::Name("a".into()),
                Tok::Char(b'.'),
                Tok::Name("b".into()),
                Tok::Char(b':'),
                Tok::Name("c".into()),
                Tok::Label,
                Tok::Name("d".into()),
                Tok::Concat,
                Tok::Name("e".into()),
                Tok::Dots,
                Tok::Eq,
                Tok::Ne,
                Tok::Le,
                Tok::Ge,
                Tok::Char(b'<'),
                Tok::Char(b'>'),
                Tok::Char(b'='),
                Tok::Char(b'~'),
                Tok::Char(b'#'),
                Tok::Goto,
                Tok::Name("x1".into()),
                Tok::Name("_y".into()),
            ]
        );
        assert_eq!(lex("\u{e9}t\u{e9}").unwrap(), vec![Tok::Name("\u{e9}t\u{e9}".into())]);
    }

    #[test]
    fn numbers() {
        assert_eq!(lex("1 .5 0x10 1e2 1..2").unwrap_err(), "t:1: malformed number near '1..2'");
        assert_eq!(lex("3 .. 4").unwrap(), vec![num(3.0), Tok::Concat, num(4.0)]);
        assert_eq!(lex("0x1e+5").unwrap(), vec![num(30.0), Tok::Char(b'+'), num(5.0)]);
        assert_eq!(lex("1e+5 0x1p-1").unwrap(), vec![num(1e5), num(0.5)]);
        assert_eq!(lex("a=3x").unwrap_err(), "t:1: malformed number near '3x'");
        assert_eq!(lex("0x").unwrap_err(), "t:1: malformed number near '0x'");
        assert_eq!(
            lex("2LL 3ULL 4i").unwrap(),
            vec![
                Tok::Number(Number::Int64(2)),
                Tok::Number(Number::UInt64(3)),
                Tok::Number(Number::Imaginary(4.0))
            ]
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            lex(r#"'a' "b" "\a\b\f\n\r\t\v\\\"\'""#).unwrap(),
            vec![s(b"a"), s(b"b"), s(b"\x07\x08\x0c\n\r\t\x0b\\\"'")]
        );
        assert_eq!(
            lex(r#""\65\0653\x41\u{48}\u{e9}\u{10FFFF}\u{D800}""#).unwrap(),
            vec![s(b"AA3AH\xc3\xa9\xf4\x8f\xbf\xbf\xed\xa0\x80")]
        );
        assert_eq!(
            lex("\"a\\z  \n\t b\" 'x\\\ny' 'x\\\r\ny'").unwrap(),
            vec![s(b"ab"), s(b"x\ny"), s(b"x\ny")]
        );
        assert_eq!(
            lex("[[\nab]] [==[a]]b]=]c]==] [[\r\n]]").unwrap(),
            vec![s(b"ab"), s(b"a]]b]=]c"), s(b"")]
        );
        assert_eq!(lex("[[a\r\nb\n\rc\rd]]").unwrap(), vec![s(b"a\nb\nc\nd")]);
    }

    #[test]
    fn comments_and_lines() {
        assert_eq!(
            lex("-- x\n--[[ a\n b ]] 1 --[==[ ]] ]==] 2 --[ x\n3").unwrap(),
            vec![num(1.0), num(2.0), num(3.0)]
        );
        assert_eq!(lex("#!/bin/lua\nx").unwrap(), vec![Tok::Name("x".into())]);
        assert_eq!(lex("\u{feff}#!x\n1").unwrap(), vec![num(1.0)]);
        let mut ls = Lexer::new(b"a\r\nb\n\rc\r\rd\n\ne", b"=t").unwrap();
        let mut lines = Vec::new();
        for _ in 0..5 {
            ls.next().unwrap();
            lines.push(ls.line);
        }
        assert_eq!(lines, vec![1, 2, 3, 5, 7]);
    }

    #[test]
    fn errors() {
        let cases: &[(&str, &str)] = &[
            ("x = \"abc", "t:1: unfinished string near '<eof>'"),
            ("x = \"abc\ny\"", "t:1: unfinished string near '\"abc'"),
            ("x = [==[ abc", "t:1: unfinished long string near '<eof>'"),
            ("--[[ abc\n", "t:2: unfinished long comment near '<eof>'"),
            ("x = [=a", "t:1: invalid long string delimiter near '[='"),
            ("x = \"\\q\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"ab\\300\"", "t:1: invalid escape sequence near '\"ab'"),
            ("x = \"\\x4\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"\\u{}\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"\\u{110000}\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"\\u{41\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"\\u41\"", "t:1: invalid escape sequence near '\"'"),
            ("x = \"abc\\", "t:1: unfinished string near '<eof>'"),
        ];
        for (src, want) in cases {
            assert_eq!(lex(src).unwrap_err(), *want, "{src}");
        }
    }

    #[test]
    fn bytecode_is_rejected() {
        let e = Lexer::new(b"\x1bLJ", b"@f.lua").err().unwrap();
        assert_eq!(e.to_string(), "f.lua: cannot load incompatible bytecode");
        let e = Lexer::new(b"#x\n\x1bLJ", b"@f.lua").err().unwrap();
        assert_eq!(e.to_string(), "cannot load malformed bytecode");
    }
}
