//! Tokens of Lua 5.1 plus LuaJIT 2.1, and how error messages name them.
//!
//! LuaJIT names a token in "... near 'x'" in one of three ways: reserved words and
//! multi-character symbols by their spelling (`'end'`, `'=='`, `'<eof>'`), printable
//! single characters as themselves, control characters as `char(N)`. Names, strings
//! and numbers are quoted with the text the lexer collected for them; the parser asks
//! the lexer for that ([`super::lexer::Lexer::near_text`]).

/// A lexical token. Payloads are decoded: strings hold their bytes after escape
/// processing, numbers their value.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    /// `goto` is reserved, but LuaJIT 2.1 (in its default Lua 5.1 mode) also accepts it
    /// as a name wherever a name is expected and no `goto` statement can start.
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `::`
    Label,
    Number(Number),
    Name(String),
    String(Vec<u8>),
    Eof,
    /// Any other single byte: `+ - * / % ^ # ( ) { } [ ] ; : , . < > = ~` and also
    /// stray bytes such as `@`, `$` or control characters (the parser rejects those).
    Char(u8),
}

/// The value of a numeric literal (see `number.rs` for the grammar).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Float(f64),
    /// `LL` suffix.
    Int64(i64),
    /// `ULL` or `LLU` suffix.
    UInt64(u64),
    /// `i` suffix: the imaginary part.
    Imaginary(f64),
}

const RESERVED: [(&str, Tok); 22] = [
    ("and", Tok::And),
    ("break", Tok::Break),
    ("do", Tok::Do),
    ("else", Tok::Else),
    ("elseif", Tok::Elseif),
    ("end", Tok::End),
    ("false", Tok::False),
    ("for", Tok::For),
    ("function", Tok::Function),
    ("goto", Tok::Goto),
    ("if", Tok::If),
    ("in", Tok::In),
    ("local", Tok::Local),
    ("nil", Tok::Nil),
    ("not", Tok::Not),
    ("or", Tok::Or),
    ("repeat", Tok::Repeat),
    ("return", Tok::Return),
    ("then", Tok::Then),
    ("true", Tok::True),
    ("until", Tok::Until),
    ("while", Tok::While),
];

/// The reserved word spelled `word`, if it is one.
pub fn reserved(word: &[u8]) -> Option<Tok> {
    // Reserved words are 2..=8 bytes of lowercase letters; most names fail fast here.
    if word.len() < 2 || word.len() > 8 || !word[0].is_ascii_lowercase() {
        return None;
    }
    RESERVED.iter().find(|(w, _)| w.as_bytes() == word).map(|(_, t)| t.clone())
}

/// True if `word` is a reserved word of Lua 5.1 or LuaJIT (including `goto`).
pub fn is_reserved(word: &[u8]) -> bool {
    reserved(word).is_some()
}

impl Tok {
    /// How LuaJIT's `lj_lex_token2str` spells this token. For names, strings and
    /// numbers that is the token class (`<name>`); error messages quote the token's
    /// text instead, which only the lexer knows.
    pub fn spelling(&self) -> String {
        let s = match self {
            Tok::Number(_) => "<number>",
            Tok::Name(_) => "<name>",
            Tok::String(_) => "<string>",
            Tok::Eof => "<eof>",
            Tok::Concat => "..",
            Tok::Dots => "...",
            Tok::Eq => "==",
            Tok::Ge => ">=",
            Tok::Le => "<=",
            Tok::Ne => "~=",
            Tok::Label => "::",
            Tok::Char(c) => {
                return if *c < 32 || *c == 127 { format!("char({c})") } else { (*c as char).to_string() };
            }
            kw => RESERVED.iter().find(|(_, t)| t == kw).map_or("?", |(w, _)| w),
        };
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words() {
        assert_eq!(reserved(b"while"), Some(Tok::While));
        assert_eq!(reserved(b"goto"), Some(Tok::Goto));
        assert_eq!(reserved(b"While"), None);
        assert_eq!(reserved(b"x"), None);
        assert_eq!(reserved(b"functions"), None);
        assert!(is_reserved(b"nil"));
    }

    #[test]
    fn spellings() {
        assert_eq!(Tok::End.spelling(), "end");
        assert_eq!(Tok::Eof.spelling(), "<eof>");
        assert_eq!(Tok::Name("x".into()).spelling(), "<name>");
        assert_eq!(Tok::Char(b'=').spelling(), "=");
        assert_eq!(Tok::Char(1).spelling(), "char(1)");
        assert_eq!(Tok::Char(127).spelling(), "char(127)");
        assert_eq!(Tok::Label.spelling(), "::");
    }
}
