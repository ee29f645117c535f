//! Syntax errors, and chunk names as LuaJIT shortens them for messages.
//!
//! A syntax error prints as `<shortname>:<line>: <message>` plus ` near '<token>'` when
//! LuaJIT names a token (`lj_err_lex`). Everything is bytes: Lua strings are, and a
//! token, a label name or a chunk name may hold any byte, so [`SyntaxError::to_bytes`]
//! is the exact message; `Display` shows it with invalid UTF-8 replaced.

use std::fmt;

/// `LUA_IDSIZE`: the buffer size LuaJIT shortens chunk names to (including its NUL).
const IDSIZE: usize = 60;

/// LuaJIT's `lj_debug_shortname`, on bytes:
///
/// * `=name` is `name`, cut to 59 bytes;
/// * `@file` is `file`, or `...` plus its last 56 bytes if it is 60 bytes or longer;
/// * anything else is source text: `[string "first line"]`, where the text stops at the
///   first control character and is cut to 45 bytes; if anything was cut, the kept
///   part (at most 45 bytes) is followed by `...`.
///
/// Like LuaJIT (which keeps chunk names as C strings), the name ends at its first NUL.
pub fn chunk_shortname_bytes(chunkname: &[u8]) -> Vec<u8> {
    let name = chunkname.split(|&b| b == 0).next().unwrap_or(&[]);
    match name.first() {
        Some(b'=') => name[1..name.len().min(IDSIZE)].to_vec(),
        Some(b'@') => {
            let file = &name[1..];
            if file.len() >= IDSIZE {
                let mut out = b"...".to_vec();
                out.extend_from_slice(&file[file.len() - (IDSIZE - 4)..]);
                out
            } else {
                file.to_vec()
            }
        }
        _ => {
            let len = name.iter().take(IDSIZE - 12).take_while(|&&b| b >= b' ').count();
            let mut out = b"[string \"".to_vec();
            if len < name.len() {
                out.extend_from_slice(&name[..len.min(IDSIZE - 15)]);
                out.extend_from_slice(b"...");
            } else {
                out.extend_from_slice(name);
            }
            out.extend_from_slice(b"\"]");
            out
        }
    }
}

/// [`chunk_shortname_bytes`] as text (invalid UTF-8 replaced).
pub fn chunk_shortname(chunkname: impl AsRef<[u8]>) -> String {
    String::from_utf8_lossy(&chunk_shortname_bytes(chunkname.as_ref())).into_owned()
}

/// A syntax error, with its parts kept apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The chunk's short name ([`chunk_shortname_bytes`]). Empty only for the one
    /// error LuaJIT reports bare (bytecode after a `#!` line or byte order mark).
    pub chunk: Vec<u8>,
    /// The line LuaJIT reports; 0 for errors without a position (bytecode).
    pub line: u32,
    /// The message proper, e.g. `'=' expected` or `undefined label 'x'`.
    pub message: Vec<u8>,
    /// The token the error is reported near, if LuaJIT names one: `<eof>`, `end`, or
    /// the text the lexer had collected for a name, string or number.
    pub near: Option<Vec<u8>>,
}

impl SyntaxError {
    /// The message exactly as LuaJIT produces it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.chunk.len() + self.message.len() + 32);
        out.extend_from_slice(&self.chunk);
        if self.line > 0 {
            out.extend_from_slice(format!(":{}: ", self.line).as_bytes());
        } else if !self.chunk.is_empty() {
            out.extend_from_slice(b": ");
        }
        out.extend_from_slice(&self.message);
        if let Some(near) = &self.near {
            out.extend_from_slice(b" near '");
            out.extend_from_slice(near);
            out.push(b'\'');
        }
        out
    }

    /// The message proper as text (invalid UTF-8 replaced).
    pub fn message_str(&self) -> String {
        String::from_utf8_lossy(&self.message).into_owned()
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.to_bytes()))
    }
}

impl std::error::Error for SyntaxError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortnames() {
        assert_eq!(chunk_shortname("@file.lua"), "file.lua");
        assert_eq!(chunk_shortname("=stdin"), "stdin");
        assert_eq!(chunk_shortname("=(command line)"), "(command line)");
        assert_eq!(chunk_shortname("x = 1"), "[string \"x = 1\"]");
        assert_eq!(chunk_shortname("x = 1\ny = 2"), "[string \"x = 1...\"]");
        assert_eq!(chunk_shortname(""), "[string \"\"]");
        assert_eq!(chunk_shortname("=a\0b"), "a");
        let long = "a".repeat(100);
        // Up to 48 bytes (IDSIZE-12) of text are kept whole.
        assert_eq!(chunk_shortname(&long[..48]), format!("[string \"{}\"]", &long[..48]));
        // Longer: cut to 45 and marked.
        assert_eq!(chunk_shortname(&long[..49]), format!("[string \"{}...\"]", &long[..45]));
        assert_eq!(chunk_shortname(format!("={long}")), long[..59].to_string());
        assert_eq!(chunk_shortname(format!("@{}", &long[..59])), long[..59].to_string());
        assert_eq!(chunk_shortname(format!("@{}", &long[..60])), format!("...{}", &long[..56]));
    }

    #[test]
    fn display() {
        let e = SyntaxError {
            chunk: b"x".to_vec(),
            line: 3,
            message: b"unexpected symbol".to_vec(),
            near: Some(b"<eof>".to_vec()),
        };
        assert_eq!(e.to_string(), "x:3: unexpected symbol near '<eof>'");
        let e = SyntaxError { near: None, message: b"no loop to break".to_vec(), ..e };
        assert_eq!(e.to_string(), "x:3: no loop to break");
    }
}
