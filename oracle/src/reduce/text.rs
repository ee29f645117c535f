//! The text passes, run after the AST passes on the printed program: lines,
//! then tokens. They catch what the tree cannot express as an edit (an
//! `else` keyword and its block at once, one operand and its operator).
//! Their candidates are re-parsed and re-printed like every other, so the
//! result is printer output again.

use super::passes::ranges;

/// Byte ranges of a Lua program's tokens (comments and blanks skipped). A
/// light lexer: enough to cut the printer's output at token boundaries, not a
/// validator (the parser judges every candidate).
pub fn tokens(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"--") {
            i += 2;
            if let Some(n) = long_bracket(&b[i..]) {
                i += n;
            } else {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            continue;
        }
        if let Some(n) = long_bracket(&b[i..]) {
            i += n;
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_ascii_alphanumeric()
            || c == b'_'
            || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let number = c.is_ascii_digit() || c == b'.';
            while i < b.len() {
                let d = b[i];
                let exp_sign =
                    number && (d == b'+' || d == b'-') && matches!(b[i - 1], b'e' | b'E' | b'p' | b'P');
                if d.is_ascii_alphanumeric() || d == b'_' || (number && d == b'.') || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
        } else if b[i..].starts_with(b"...") {
            i += 3;
        } else if [b"..", b"==", b"~=", b"<=", b">=", b"::"].iter().any(|op| b[i..].starts_with(*op)) {
            i += 2;
        } else {
            i += 1;
        }
        out.push((start, i.min(b.len())));
    }
    out
}

/// Length of a long bracket (`[[...]]`, `[==[...]==]`) at the start of `b`.
fn long_bracket(b: &[u8]) -> Option<usize> {
    if b.first() != Some(&b'[') {
        return None;
    }
    let level = b[1..].iter().take_while(|&&c| c == b'=').count();
    if b.get(1 + level) != Some(&b'[') {
        return None;
    }
    let close: Vec<u8> =
        std::iter::once(b']').chain(std::iter::repeat_n(b'=', level)).chain([b']']).collect();
    let body = 2 + level;
    let end = b[body..].windows(close.len()).position(|w| w == close.as_slice())?;
    Some(body + end + close.len())
}

/// Candidate `k` of the line pass: delta debugging over the lines.
pub fn drop_lines(text: &str, k: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let (s, e) = ranges(lines.len()).nth(k)?;
    Some(lines[..s].iter().chain(&lines[e..]).map(|l| format!("{l}\n")).collect())
}

/// Candidate `k` of the token pass: every run of one, two or three tokens.
pub fn drop_tokens(text: &str, mut k: usize) -> Option<String> {
    let toks = tokens(text);
    let n = toks.len();
    for len in 1..=n.min(3) {
        let count = n + 1 - len;
        if k < count {
            let (from, to) = (toks[k].0, toks[k + len - 1].1);
            return Some(format!("{}{}", &text[..from], &text[to..]));
        }
        k -= count;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_printed_lua() {
        let src = "local s = \"a\\\"b\" .. [[x]] -- c\nx = 1.5e+3 + t.y ... ~= 0x1fULL";
        let words: Vec<&str> = tokens(src).into_iter().map(|(a, b)| &src[a..b]).collect();
        assert_eq!(
            words,
            [
                "local",
                "s",
                "=",
                "\"a\\\"b\"",
                "..",
                "[[x]]",
                "x",
                "=",
                "1.5e+3",
                "+",
                "t",
                ".",
                "y",
                "...",
                "~=",
                "0x1fULL"
            ]
        );
    }

    #[test]
    fn token_runs() {
        let text = "a b c";
        let all: Vec<String> = (0..).map_while(|k| drop_tokens(text, k)).collect();
        assert_eq!(all, [" b c", "a  c", "a b ", " c", "a ", ""]);
    }
}
