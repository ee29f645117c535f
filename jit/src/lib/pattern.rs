//! Lua 5.1 patterns over byte strings, matched exactly as LuaJIT 2.1 matches them.
//!
//! This is the engine behind `string.find`, `match`, `gmatch` and `gsub`. It works on plain
//! byte slices and returns offsets, so the string library drives it without the engine
//! knowing about Lua values.
//!
//! # The matcher
//!
//! A backtracking matcher that interprets the pattern text directly, in the same order as
//! LuaJIT's (PUC Lua's) `match`: items are parsed as they are reached, so a malformed tail
//! is only reported if matching gets that far (`("abc"):match("x[")` is nil, not an
//! error). Each item is one of
//!
//! ```text
//!   (  )  ()          capture start / end / position capture
//!   %b xy             balanced run from x to the matching y
//!   %f [set]          frontier: previous byte not in set, current one in it
//!   %1 .. %9          back-reference to a closed capture
//!   $                 end of subject, only as the pattern's last byte
//!   single [* + - ?]  single = .  %class  [set]  or a literal byte
//! ```
//!
//! Classes are the C locale's: `%a %c %d %g %l %p %s %u %w %x` (LuaJIT adds `%g`), their
//! upper-case complements, and `%z` / `%Z` for the zero byte; `%` before any other byte
//! means that byte. Bytes >= 0x80 belong to no class.
//!
//! # Invariants that bind
//!
//! * The pattern is a C string to LuaJIT: it ends at its first zero byte. The subject is
//!   not (it is length-delimited), but reading one past its end yields a zero byte, which
//!   is what `%f` sees at the end of the subject.
//! * Every nested call of the matcher counts one level; more than [`MAX_DEPTH`] nested
//!   calls raise "pattern too complex", as LuaJIT does. That limit is also what keeps
//!   our Rust recursion bounded: no input can overflow the stack.
//! * At most [`MAX_CAPTURES`] captures.
//!
//! # Fuel
//!
//! Like LuaJIT's, this matcher takes polynomial or exponential time on pathological
//! patterns (`.-.-.-b` over a long run of `a`s), so every entry point takes a [`Fuel`]
//! tank and burns one unit per step: each nested matcher call and each byte a loop
//! looks at (repetitions, `%b`, back-references, sets and the pattern bytes scanned to
//! find an item's end, plain searches, replacement text). An empty tank stops matching
//! with [`PatternError::OutOfFuel`]. The string library fills the tank from the VM's
//! instruction budget and pays back what was burnt, so a pattern cannot run longer
//! than a Lua loop of the same budget could; with no budget the tank never empties.
//! Steps are charged at least as fast as work is done, and checked before any loop can
//! go on for long, so the time between two checks is bounded by the lengths of the
//! subject and the pattern (and no step is charged twice for the result to differ
//! between runs: the count is deterministic).

use crate::vm::numfmt::fmt_number;

/// LuaJIT's `LUA_MAXCAPTURES`.
pub const MAX_CAPTURES: usize = 32;

/// LuaJIT's `LJ_MAX_XLEVEL`: nested matcher calls allowed per match attempt.
pub const MAX_DEPTH: u32 = 200;

/// A pattern error; [`PatternError::message`] is LuaJIT's text for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternError {
    EndsWithPercent,
    MissingBracket,
    MissingFrontierBracket,
    Unbalanced,
    InvalidCaptureIndex,
    InvalidPatternCapture,
    UnfinishedCapture,
    TooManyCaptures,
    TooComplex,
    /// The [`Fuel`] ran out: not a pattern error but the budget's (the caller raises
    /// its own error for it).
    OutOfFuel,
}

impl PatternError {
    /// The message LuaJIT raises (the VM prefixes position information as for any error
    /// raised by a library function).
    pub fn message(self) -> &'static str {
        match self {
            Self::EndsWithPercent => "malformed pattern (ends with '%')",
            Self::MissingBracket => "malformed pattern (missing ']')",
            Self::MissingFrontierBracket => "missing '[' after '%f' in pattern",
            Self::Unbalanced => "unbalanced pattern",
            Self::InvalidCaptureIndex => "invalid capture index",
            Self::InvalidPatternCapture => "invalid pattern capture",
            Self::UnfinishedCapture => "unfinished capture",
            Self::TooManyCaptures => "too many captures",
            Self::TooComplex => "pattern too complex",
            Self::OutOfFuel => "instruction budget exceeded",
        }
    }
}

/// The matching steps an operation may still take (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fuel(pub u64);

impl Fuel {
    /// A tank that never runs dry in practice.
    pub const UNLIMITED: Fuel = Fuel(u64::MAX);

    /// Burns `n` steps; an error once the tank is empty.
    pub fn burn(&mut self, n: usize) -> Result<(), PatternError> {
        match self.0.checked_sub(n as u64) {
            Some(left) if left > 0 => {
                self.0 = left;
                Ok(())
            }
            _ => {
                self.0 = 0;
                Err(PatternError::OutOfFuel)
            }
        }
    }
}

/// One capture's value as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// The bytes `subject[start..end]`.
    Str { start: usize, end: usize },
    /// A position capture `()`: the 0-based offset; Lua receives `offset + 1`.
    Pos(usize),
}

/// A capture slot while matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Unfinished(usize),
    Position(usize),
    Closed(usize, usize),
}

/// A successful match: `subject[start..end]`, with the capture slots as matching left
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    slots: Vec<Slot>,
}

impl Match {
    /// Number of captures in the pattern that matched (0 for none).
    pub fn capture_count(&self) -> usize {
        self.slots.len()
    }

    /// Capture `i` (0-based) as `gsub`'s `%1`..`%9` and table/function replacements read
    /// it: with no captures at all, index 0 is the whole match.
    pub fn capture(&self, i: usize) -> Result<Capture, PatternError> {
        match self.slots.get(i) {
            None if i == 0 => Ok(Capture::Str { start: self.start, end: self.end }),
            None => Err(PatternError::InvalidCaptureIndex),
            Some(Slot::Unfinished(_)) => Err(PatternError::UnfinishedCapture),
            Some(&Slot::Position(p)) => Ok(Capture::Pos(p)),
            Some(&Slot::Closed(s, e)) => Ok(Capture::Str { start: s, end: e }),
        }
    }

    /// The values `string.match`, `gmatch` and a `gsub` function replacement receive:
    /// every capture, or the whole match if the pattern has none.
    pub fn values(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.slots.len().max(1)).map(|i| self.capture(i)).collect()
    }

    /// The extra values `string.find` returns after start and end: the captures only.
    pub fn captures(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.slots.len()).map(|i| self.capture(i)).collect()
    }
}

/// Whether `string.find` must treat `pat` as a pattern: it holds one of `^$*+?.([%-`
/// anywhere (LuaJIT scans the whole string, past zero bytes). Otherwise it searches for
/// the text as is.
pub fn has_specials(pat: &[u8]) -> bool {
    pat.iter().any(|c| b"^$*+?.([%-".contains(c))
}

/// Offset of the first occurrence of `needle` in `hay` at or after `init`: a naive
/// search (as LuaJIT's), paying one step per byte compared.
pub fn find_plain(
    hay: &[u8],
    needle: &[u8],
    init: usize,
    fuel: &mut Fuel,
) -> Result<Option<usize>, PatternError> {
    let Some(rest) = hay.get(init..) else { return Ok(None) };
    let Some((&first, tail)) = needle.split_first() else { return Ok(Some(init)) };
    if rest.len() < needle.len() {
        return Ok(None);
    }
    for i in 0..=rest.len() - needle.len() {
        fuel.burn(1)?;
        if rest[i] != first {
            continue;
        }
        let same = rest[i + 1..].iter().zip(tail).take_while(|(a, b)| a == b).count();
        fuel.burn(same)?;
        if same == tail.len() {
            return Ok(Some(i + init));
        }
    }
    Ok(None)
}

/// Splits a leading `^` off: `(anchored, rest)`. `find`, `match` and `gsub` anchor this
/// way; `gmatch` does not (there `^` is an ordinary byte).
pub fn split_anchor(pat: &[u8]) -> (bool, &[u8]) {
    match pat.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pat),
    }
}

/// `string.find(s, pat, init, plain)`, with `init` already turned into a 0-based offset
/// clamped to `0..=s.len()` (LuaJIT 2.1 clamps a start beyond the end to the end).
pub fn find(
    s: &[u8],
    pat: &[u8],
    init: usize,
    plain: bool,
    fuel: &mut Fuel,
) -> Result<Option<Match>, PatternError> {
    if plain || !has_specials(pat) {
        return Ok(find_plain(s, pat, init, fuel)?.map(|i| Match {
            start: i,
            end: i + pat.len(),
            slots: Vec::new(),
        }));
    }
    find_pattern(s, pat, init, fuel)
}

/// `string.match(s, pat, init)` (and `find` once it has decided on a pattern search):
/// the first match starting at `init` or later, or only at `init` if `pat` starts
/// with `^`.
pub fn find_pattern(
    s: &[u8],
    pat: &[u8],
    init: usize,
    fuel: &mut Fuel,
) -> Result<Option<Match>, PatternError> {
    let (anchor, pat) = split_anchor(pat);
    let pat = c_string(pat);
    let mut start = init;
    loop {
        if let Some(m) = attempt(s, pat, start, fuel)? {
            return Ok(Some(m));
        }
        if anchor || start >= s.len() {
            return Ok(None);
        }
        start += 1;
    }
}

/// One match attempt of `pat` (taken literally: no `^` handling) at offset `pos` of `s`
/// (no match if `pos > s.len()`).
pub fn match_at(s: &[u8], pat: &[u8], pos: usize, fuel: &mut Fuel) -> Result<Option<Match>, PatternError> {
    attempt(s, c_string(pat), pos, fuel)
}

/// The pattern as LuaJIT sees it: a C string, ending at the first zero byte.
fn c_string(pat: &[u8]) -> &[u8] {
    &pat[..pat.iter().position(|&c| c == 0).unwrap_or(pat.len())]
}

/// [`match_at`] for a pattern already cut at its first zero byte.
fn attempt(s: &[u8], pat: &[u8], pos: usize, fuel: &mut Fuel) -> Result<Option<Match>, PatternError> {
    if pos > s.len() {
        return Ok(None);
    }
    let mut m = Matcher { src: s, pat, depth: 0, slots: Vec::new(), fuel: *fuel };
    let r = m.do_match(pos, 0);
    *fuel = m.fuel;
    Ok(r?.map(|end| Match { start: pos, end, slots: m.slots }))
}

/// One step of `gmatch`: the first match of `pat` (no anchoring: `^` is an ordinary byte
/// here) starting at `pos` or later, and the offset the next step starts from (one past
/// an empty match, so iteration always advances).
pub fn gmatch_next(
    s: &[u8],
    pat: &[u8],
    pos: usize,
    fuel: &mut Fuel,
) -> Result<Option<(Match, usize)>, PatternError> {
    let pat = c_string(pat);
    for start in pos..=s.len() {
        if let Some(m) = attempt(s, pat, start, fuel)? {
            let next = if m.end == start { m.end + 1 } else { m.end };
            return Ok(Some((m, next)));
        }
    }
    Ok(None)
}

/// The `gsub` loop: replaces up to `max_n` matches of `pat` in `s` (LuaJIT's default
/// `max_n` is `s.len() + 1`; a negative Lua count means 0). `replace` appends the
/// replacement for a match (see [`expand_replacement`] for string replacements; table and
/// function replacements live in the string library). Returns the new text and the number
/// of matches. `replace` gets the tank too: it pays for the text it appends, and may
/// spend or refill it (a function replacement runs Lua code on the same budget).
pub fn gsub<E: From<PatternError>>(
    s: &[u8],
    pat: &[u8],
    max_n: usize,
    fuel: &mut Fuel,
    mut replace: impl FnMut(&Match, &mut Vec<u8>, &mut Fuel) -> Result<(), E>,
) -> Result<(Vec<u8>, usize), E> {
    let (anchor, pat) = split_anchor(pat);
    let pat = c_string(pat);
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    let mut n = 0;
    while n < max_n {
        let m = attempt(s, pat, pos, fuel)?;
        if let Some(m) = &m {
            n += 1;
            replace(m, &mut out, fuel)?;
        }
        match m {
            Some(m) if m.end > pos => pos = m.end,
            _ if pos < s.len() => {
                out.push(s[pos]);
                pos += 1;
            }
            _ => break,
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&s[pos..]);
    Ok((out, n))
}

/// Appends `gsub`'s expansion of the replacement string `repl` for match `m` of `s`:
/// `%0` is the whole match, `%1`..`%9` the captures (a position capture as its number),
/// `%` before any other byte is that byte, and a `%` ending `repl` gives a zero byte
/// (LuaJIT reads the string's terminator there). `m` must be a match of subject `s`.
/// Pays one step per byte appended.
pub fn expand_replacement(
    repl: &[u8],
    s: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
    fuel: &mut Fuel,
) -> Result<(), PatternError> {
    let before = out.len();
    let mut i = 0;
    while i < repl.len() {
        let c = repl[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let d = repl.get(i).copied().unwrap_or(0);
        i += 1;
        match d {
            b'0' => out.extend_from_slice(&s[m.start..m.end]),
            b'1'..=b'9' => match m.capture(usize::from(d - b'1'))? {
                Capture::Str { start, end } => out.extend_from_slice(&s[start..end]),
                Capture::Pos(p) => fmt_number((p + 1) as f64, out),
            },
            _ => out.push(d),
        }
    }
    fuel.burn(repl.len().max(out.len() - before))
}

/// The C locale's `ctype` classes, for bytes as unsigned values.
fn class_matches(c: u8, class: u8) -> Option<bool> {
    Some(match class | 0x20 {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0,
        _ => return None,
    })
}

/// `%class` applied to byte `c`: a class letter (upper case complements), else the
/// literal byte.
fn match_class(c: u8, class: u8) -> bool {
    if class.is_ascii_alphabetic()
        && let Some(m) = class_matches(c, class)
    {
        return if class.is_ascii_lowercase() { m } else { !m };
    }
    class == c
}

struct Matcher<'a> {
    src: &'a [u8],
    /// The pattern up to (not including) its first zero byte.
    pat: &'a [u8],
    depth: u32,
    slots: Vec<Slot>,
    fuel: Fuel,
}

impl Matcher<'_> {
    /// Pattern byte at `i`, zero at and past the end (the C string's terminator).
    fn p(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Subject byte at `i`, zero past the end.
    fn s(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// Where the single-byte item at `p` ends, paying for the bytes scanned.
    fn class_end(&mut self, p: usize) -> Result<usize, PatternError> {
        let q = self.scan_class_end(p)?;
        self.fuel.burn(q - p)?;
        Ok(q)
    }

    fn scan_class_end(&self, p: usize) -> Result<usize, PatternError> {
        let mut q = p + 1;
        match self.p(p) {
            b'%' => {
                if q >= self.pat.len() {
                    return Err(PatternError::EndsWithPercent);
                }
                Ok(q + 1)
            }
            b'[' => {
                if self.p(q) == b'^' {
                    q += 1;
                }
                // The first byte of the set is taken literally, even a ']'.
                loop {
                    if q >= self.pat.len() {
                        return Err(PatternError::MissingBracket);
                    }
                    let c = self.p(q);
                    q += 1;
                    if c == b'%' && q < self.pat.len() {
                        q += 1;
                    }
                    if self.p(q) == b']' {
                        return Ok(q + 1);
                    }
                }
            }
            _ => Ok(q),
        }
    }

    /// Whether `c` is in the set `[...]` spanning `p` (the `[`) to `end` (the `]`),
    /// paying for the set's bytes looked at.
    fn in_set(&mut self, c: u8, p: usize, end: usize) -> Result<bool, PatternError> {
        let (hit, stop) = self.scan_set(c, p, end);
        self.fuel.burn(stop - p)?;
        Ok(hit)
    }

    /// [`Self::in_set`]'s answer, and where the scan stopped.
    fn scan_set(&self, c: u8, mut p: usize, end: usize) -> (bool, usize) {
        let mut hit = true;
        if self.p(p + 1) == b'^' {
            hit = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= end {
                return (!hit, p);
            }
            if self.p(p) == b'%' {
                p += 1;
                if match_class(c, self.p(p)) {
                    return (hit, p);
                }
            } else if self.p(p + 1) == b'-' && p + 2 < end {
                p += 2;
                if self.p(p - 2) <= c && c <= self.p(p) {
                    return (hit, p);
                }
            } else if self.p(p) == c {
                return (hit, p);
            }
        }
    }

    /// Whether byte `c` matches the single item `pat[p..ep]`.
    fn single(&mut self, c: u8, p: usize, ep: usize) -> Result<bool, PatternError> {
        Ok(match self.p(p) {
            b'.' => true,
            b'%' => match_class(c, self.p(p + 1)),
            b'[' => self.in_set(c, p, ep - 1)?,
            lit => lit == c,
        })
    }

    /// One nested matcher call: the depth accounting around [`Self::match_here`].
    fn do_match(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        self.fuel.burn(1)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PatternError::TooComplex);
        }
        let r = self.match_here(s, p);
        self.depth -= 1;
        r
    }

    /// Matches `pat[p..]` against the subject at `s`; the end of the match if it succeeds.
    /// Items that need no backtracking continue in this loop rather than recursing.
    fn match_here(&mut self, mut s: usize, mut p: usize) -> Result<Option<usize>, PatternError> {
        loop {
            if p >= self.pat.len() {
                return Ok(Some(s));
            }
            match self.p(p) {
                b'(' => {
                    return if self.p(p + 1) == b')' {
                        self.start_capture(s, p + 2, Slot::Position(s))
                    } else {
                        self.start_capture(s, p + 1, Slot::Unfinished(s))
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => return Ok((s == self.src.len()).then_some(s)),
                b'%' if self.p(p + 1) == b'b' => match self.balance(s, p + 2)? {
                    Some(e) => {
                        s = e;
                        p += 4;
                        continue;
                    }
                    None => return Ok(None),
                },
                b'%' if self.p(p + 1) == b'f' => {
                    p += 2;
                    if self.p(p) != b'[' {
                        return Err(PatternError::MissingFrontierBracket);
                    }
                    let ep = self.class_end(p)?;
                    let prev = if s == 0 { 0 } else { self.s(s - 1) };
                    if self.in_set(prev, p, ep - 1)? || !self.in_set(self.s(s), p, ep - 1)? {
                        return Ok(None);
                    }
                    p = ep;
                    continue;
                }
                b'%' if self.p(p + 1).is_ascii_digit() => match self.back_reference(s, self.p(p + 1))? {
                    Some(e) => {
                        s = e;
                        p += 2;
                        continue;
                    }
                    None => return Ok(None),
                },
                _ => {}
            }
            // A single-byte item with an optional repetition suffix.
            let ep = self.class_end(p)?;
            let m = s < self.src.len() && self.single(self.src[s], p, ep)?;
            match self.p(ep) {
                b'?' => {
                    if m && let Some(e) = self.do_match(s + 1, ep + 1)? {
                        return Ok(Some(e));
                    }
                    p = ep + 1;
                }
                b'*' => return self.max_expand(s, p, ep),
                b'+' => return if m { self.max_expand(s + 1, p, ep) } else { Ok(None) },
                b'-' => return self.min_expand(s, p, ep),
                _ => {
                    if !m {
                        return Ok(None);
                    }
                    s += 1;
                    p = ep;
                }
            }
        }
    }

    /// Greedy repetition: take as many as possible, then give back one at a time.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        let mut n = 0;
        while s + n < self.src.len() && self.single(self.src[s + n], p, ep)? {
            self.fuel.burn(1)?;
            n += 1;
        }
        loop {
            if let Some(e) = self.do_match(s + n, ep + 1)? {
                return Ok(Some(e));
            }
            if n == 0 {
                return Ok(None);
            }
            n -= 1;
        }
    }

    /// Lazy repetition: try the rest first, then one more item at a time.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        loop {
            if let Some(e) = self.do_match(s, ep + 1)? {
                return Ok(Some(e));
            }
            if s < self.src.len() && self.single(self.src[s], p, ep)? {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, slot: Slot) -> Result<Option<usize>, PatternError> {
        if self.slots.len() >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.slots.push(slot);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.slots.pop();
        }
        Ok(r)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        // The innermost capture still open.
        let open = self.slots.iter().enumerate().rev().find_map(|(i, c)| match *c {
            Slot::Unfinished(start) => Some((i, start)),
            _ => None,
        });
        let Some((l, start)) = open else {
            return Err(PatternError::InvalidPatternCapture);
        };
        self.slots[l] = Slot::Closed(start, s);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.slots[l] = Slot::Unfinished(start);
        }
        Ok(r)
    }

    /// `%1`..`%9` (and `%0`, always an error) in the pattern: the text of a closed
    /// capture must follow. A position capture never matches here.
    fn back_reference(&mut self, s: usize, digit: u8) -> Result<Option<usize>, PatternError> {
        let l = usize::from(digit - b'0');
        let slot = if l == 0 { None } else { self.slots.get(l - 1) };
        match slot {
            None | Some(Slot::Unfinished(_)) => Err(PatternError::InvalidCaptureIndex),
            Some(Slot::Position(_)) => Ok(None),
            Some(&Slot::Closed(a, b)) => {
                let len = b - a;
                self.fuel.burn(len)?;
                let ok = self.src.len() - s >= len && self.src[a..b] == self.src[s..s + len];
                Ok(ok.then_some(s + len))
            }
        }
    }

    /// `%bxy` at `s`, with `x` and `y` at `pat[p]` and `pat[p + 1]`.
    fn balance(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        if p + 1 >= self.pat.len() {
            return Err(PatternError::Unbalanced);
        }
        let (open, close) = (self.p(p), self.p(p + 1));
        if s >= self.src.len() || self.src[s] != open {
            return Ok(None);
        }
        let mut depth = 1;
        for i in s + 1..self.src.len() {
            let c = self.src[i];
            if c == close {
                depth -= 1;
                if depth == 0 {
                    self.fuel.burn(i - s)?;
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        self.fuel.burn(self.src.len() - s)?;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::numfmt::tests::{Rng, run_luajit};

    /// `string.find(s, p)` rendered as LuaJIT's `print(pcall(string.find, s, p))` would
    /// show it after the `true`/`false`: "1 3 cap..." or "nil" or the error message.
    fn show_find(s: &[u8], p: &[u8], init: usize, plain: bool) -> String {
        match find(s, p, init, plain, &mut Fuel(u64::MAX)) {
            Err(e) => format!("E {}", e.message()),
            Ok(None) => "nil".into(),
            Ok(Some(m)) => match m.captures() {
                Err(e) => format!("E {}", e.message()),
                Ok(caps) => {
                    let mut out = format!("{} {}", m.start + 1, m.end);
                    for c in caps {
                        out.push(' ');
                        out.push_str(&show_cap(s, c));
                    }
                    out
                }
            },
        }
    }

    fn show_match(s: &[u8], p: &[u8]) -> String {
        match find_pattern(s, p, 0, &mut Fuel(u64::MAX)) {
            Err(e) => format!("E {}", e.message()),
            Ok(None) => "nil".into(),
            Ok(Some(m)) => match m.values() {
                Err(e) => format!("E {}", e.message()),
                Ok(vals) => vals.into_iter().map(|c| show_cap(s, c)).collect::<Vec<_>>().join(" "),
            },
        }
    }

    /// Every `gmatch` step's first two values, as the luajit side renders them.
    fn show_gmatch(s: &[u8], p: &[u8]) -> String {
        let mut parts = Vec::new();
        let mut pos = 0;
        loop {
            match gmatch_next(s, p, pos, &mut Fuel(u64::MAX)) {
                Err(e) => return format!("E {}", e.message()),
                Ok(None) => break,
                Ok(Some((m, next))) => {
                    let vals = match m.values() {
                        Ok(v) => v,
                        Err(e) => return format!("E {}", e.message()),
                    };
                    let mut shown: Vec<String> = vals.iter().take(2).map(|&c| show_cap(s, c)).collect();
                    if shown.len() < 2 {
                        shown.push("nil".into());
                    }
                    parts.push(shown.join(" "));
                    pos = next;
                }
            }
        }
        // The luajit side returns the concatenation as one string value.
        format!("[{}]", parts.join("|"))
    }

    fn show_cap(s: &[u8], c: Capture) -> String {
        match c {
            Capture::Str { start, end } => format!("[{}]", String::from_utf8_lossy(&s[start..end])),
            Capture::Pos(p) => (p + 1).to_string(),
        }
    }

    /// `string.gsub(s, p, repl)` with a string replacement.
    fn gsub_str(s: &[u8], p: &[u8], repl: &[u8]) -> Result<(Vec<u8>, usize), PatternError> {
        gsub(s, p, s.len() + 1, &mut Fuel(u64::MAX), |m, out, fuel| expand_replacement(repl, s, m, out, fuel))
    }

    #[test]
    fn errors() {
        // Expected messages from luajit -joff: pcall(string.find, "abc", p).
        let cases: &[(&str, &str)] = &[
            ("%", "E malformed pattern (ends with '%')"),
            ("[a", "E malformed pattern (missing ']')"),
            ("[", "E malformed pattern (missing ']')"),
            ("[%", "E malformed pattern (missing ']')"),
            ("[a-", "E malformed pattern (missing ']')"),
            ("[]", "E malformed pattern (missing ']')"),
            ("[^]", "E malformed pattern (missing ']')"),
            ("%f", "E missing '[' after '%f' in pattern"),
            ("%fa", "E missing '[' after '%f' in pattern"),
            ("(()", "E unfinished capture"),
            ("(a", "E unfinished capture"),
            ("%1", "E invalid capture index"),
            ("(a)%2", "E invalid capture index"),
            ("(a%1)", "E invalid capture index"),
            ("%b", "E unbalanced pattern"),
            ("%ba", "E unbalanced pattern"),
            // No special byte: a plain search, so ')' is no error here.
            ("a)", "nil"),
            ("[%a-z]", "1 1"),
            ("[a-%%]", "nil"),
            ("%g", "1 1"),
        ];
        for (p, want) in cases {
            assert_eq!(show_find(b"abc", p.as_bytes(), 0, false), *want, "pattern {p:?}");
        }
        // luajit: pcall(string.match, "abc", "a)") -> invalid pattern capture;
        // pcall(string.match, "abc", "x[") -> nil (never parsed that far).
        assert_eq!(show_match(b"abc", b"a)"), "E invalid pattern capture");
        assert_eq!(show_match(b"abc", b"x["), "nil");
        // 33 captures: "too many captures"; 32 are fine.
        assert_eq!(show_match(&[b'a'; 40], "(a)".repeat(33).as_bytes()), "E too many captures");
        assert_eq!(show_match(&[b'a'; 40], "(a)".repeat(32).as_bytes()).matches("[a]").count(), 32);
    }

    #[test]
    fn depth_limit() {
        // luajit: string.find(("a"):rep(300), ("a?"):rep(199)) -> 1 199;
        // with 200 repetitions -> "pattern too complex".
        let s = [b'a'; 300];
        assert_eq!(show_find(&s, "a?".repeat(199).as_bytes(), 0, false), "1 199");
        assert_eq!(show_find(&s, "a?".repeat(200).as_bytes(), 0, false), "E pattern too complex");
        // A long subject with a greedy item does not nest: no error, no stack growth.
        let long = vec![b'a'; 250_000];
        assert_eq!(show_find(&long, b"a*$", 0, false), "1 250000");
        assert_eq!(show_find(&long, "a?".repeat(250_000).as_bytes(), 0, false), "E pattern too complex");
    }

    #[test]
    fn features() {
        // Expected values from luajit -joff.
        assert_eq!(show_find(b"a\0z", b"a%z", 0, false), "1 2");
        assert_eq!(show_find(b"abc", b"a\0z", 0, false), "nil");
        assert_eq!(show_find(b"a\0z", b"a\0z", 0, false), "1 3");
        assert_eq!(show_match(b"abc", b"^(a)%1"), "nil");
        assert_eq!(show_match(b"aa", b"()a%1"), "nil");
        assert_eq!(show_find(b"abc", b"b", 3, false), "nil");
        assert_eq!(show_find(b"abc", b"", 3, false), "4 3");
        assert_eq!(show_find(b"abc", b"()", 3, false), "4 3 4");
        assert_eq!(show_match(b" x", b"%f[%w]%w+"), "[x]");
        assert_eq!(show_match(b"THE (quick) fox", b"%f[%a]%a+%f[%A]"), "[THE]");
        assert_eq!(show_find(b"a+b", b"+", 0, true), "2 2");
        assert_eq!(show_find(b"a.b", b".", 0, false), "1 1");
        assert_eq!(show_find(b"a]b", b"]", 0, false), "2 2");
        assert_eq!(show_match(b"f(a(b)c)d", b"%b()"), "[(a(b)c)]");
        assert_eq!(show_match(b"key = value", b"(%w+)%s*=%s*(%w+)"), "[key] [value]");
        assert_eq!(show_match(b"hello", b"()ll()"), "3 5");
        assert_eq!(show_match(b"[]]x", b"[]]+"), "[]]]");
        assert_eq!(show_match(b"^a", b"^^a"), "[^a]");
        assert_eq!(show_match(b"a$b", b"a$b"), "[a$b]");
    }

    #[test]
    fn replacements() {
        // Expected values from luajit -joff: string.gsub(s, p, r).
        assert_eq!(gsub_str(b"abc", b"()", b"%1"), Ok((b"1a2b3c4".to_vec(), 4)));
        assert_eq!(gsub_str(b"hello world", b"%w+", b"%0 %0"), Ok((b"hello hello world world".to_vec(), 2)));
        assert_eq!(gsub_str(b"abc", b"a", b"%x"), Ok((b"xbc".to_vec(), 1)));
        assert_eq!(gsub_str(b"abc", b"a", b"%"), Ok((b"\0bc".to_vec(), 1)));
        assert_eq!(gsub_str(b"abc", b"(a)", b"%2"), Err(PatternError::InvalidCaptureIndex));
        assert_eq!(gsub_str(b"abc", b"^.", b"x"), Ok((b"xbc".to_vec(), 1)));
    }

    /// Random patterns and subjects from a small alphabet, through `find`, `match` and
    /// `gsub`, compared with luajit.
    #[test]
    fn agrees_with_luajit() {
        let seed = 0x7a11_0e5e_ed00_2024u64;
        println!("seed {seed:#x}");
        let mut rng = Rng(seed);
        let pieces: &[&str] = &[
            "a", "b", ".", "%a", "%d", "%s", "%w", "%p", "%S", "[ab]", "[^a]", "[a-c]", "[%d.]", "*", "+",
            "-", "?", "(", ")", "()", "%1", "%2", "^", "$", "%b()", "%f[%w]", "%f[%W]", "%", "[", "]", "%z",
            "\0", "x", " ",
        ];
        let subj: &[u8] = b"ab c1.(x)a\0";
        let mut cases = Vec::new();
        for _ in 0..600 {
            let p: String =
                (0..rng.below(7) + 1).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let s: Vec<u8> =
                (0..rng.below(12)).map(|_| subj[rng.below(subj.len() as u64) as usize]).collect();
            let init = rng.below(s.len() as u64 + 2) as usize;
            cases.push((s, p.into_bytes(), init));
        }
        let lua_str = |b: &[u8]| {
            let mut out = String::from("\"");
            for &c in b {
                out.push_str(&format!("\\{c}"));
            }
            out.push('"');
            out
        };
        let mut script = String::from(
            "local function show(ok, ...)\n\
               if not ok then return 'E ' .. (...):gsub('^stdin:%d+: ', '') end\n\
               local n = select('#', ...)\n\
               if n == 1 and (...) == nil then return 'nil' end\n\
               local t = {}\n\
               for i = 1, n do local v = select(i, ...)\n\
                 t[i] = type(v) == 'string' and '[' .. v .. ']' or tostring(v) end\n\
               return table.concat(t, ' ')\n\
             end\n\
             local function line(s) io.write((s:gsub('\\n', '\\\\n')), '\\n') end\n",
        );
        for (s, p, init) in &cases {
            let (s, p) = (lua_str(s), lua_str(p));
            script.push_str(&format!(
                "line(show(pcall(string.find, {s}, {p}, {})))\n\
                 line(show(pcall(string.match, {s}, {p})))\n\
                 line(show(pcall(string.gsub, {s}, {p}, '<%0>')))\n\
                 line(show(pcall(function() local t = {{}} \
                   for a, b in string.gmatch({s}, {p}) do t[#t + 1] = show(true, a, b) end \
                   return table.concat(t, '|') end)))\n",
                init + 1
            ));
        }
        let Some(out) = run_luajit(&script) else { return };
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), cases.len() * 4);
        for ((s, p, init), want) in cases.iter().zip(lines.chunks(4)) {
            let init = (*init).min(s.len());
            let esc = |t: String| t.replace('\n', "\\n");
            let what = format!(
                "s={:?} p={:?} init={}",
                String::from_utf8_lossy(s),
                String::from_utf8_lossy(p),
                init
            );
            assert_eq!(esc(show_find(s, p, init, false)), want[0], "find {what}");
            assert_eq!(esc(show_match(s, p)), want[1], "match {what}");
            let ours = match gsub_str(s, p, b"<%0>") {
                Ok((t, n)) => format!("[{}] {n}", String::from_utf8_lossy(&t)),
                Err(e) => format!("E {}", e.message()),
            };
            assert_eq!(esc(ours), want[2], "gsub {what}");
            assert_eq!(esc(show_gmatch(s, p)), want[3], "gmatch {what}");
        }
    }
}
