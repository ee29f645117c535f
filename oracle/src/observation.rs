//! Observations: everything one engine showed while running one program.
//!
//! An observation holds only what is meant to be equal across engines:
//! output, the chunk's error or return values, the stack state at each
//! checkpoint, and how the worker ended. Nothing in it depends on time,
//! addresses or the worker's history, which is what makes "equal" a verdict.
//! Timing is kept beside it (`session::EngineResult::elapsed_ms`) and never
//! compared.
//!
//! Bytes that are not UTF-8 (a program may print any byte) are kept as
//! `\xNN` escapes, so text diffs and JSON stay exact and lossless enough to
//! tell any two outputs apart.
//!
//! Checkpoints arrive as the probe's text (see `lua/probe.lua`) and are parsed
//! into frames so that a divergence can be named by the frame it is in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How the worker's run of the program ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// The server answered: the program ran to completion or raised an error.
    Finished,
    /// The process exited (os.exit, abort handlers, a Rust panic) before answering.
    Exited { code: i32 },
    /// The process was killed by a signal before answering.
    Signaled { signal: i32 },
    /// No answer within the engine's timeout; the worker was killed.
    TimedOut { after_ms: u64 },
    /// The program wrote more than the harness keeps per stream; the worker
    /// was killed (the output fields hold the first `bytes`).
    OutputLimit { bytes: u64 },
}

/// One frame of a checkpoint, innermost first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// `source:linedefined`, or `[C]`.
    pub function: String,
    /// The current line, -1 for C frames.
    pub line: i64,
    pub locals: Vec<(String, String)>,
    pub varargs: Vec<String>,
    pub upvalues: Vec<(String, String)>,
}

/// One checkpoint hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The id the program passed to `twin_checkpoint`, rendered.
    pub id: String,
    pub frames: Vec<Frame>,
    /// Outer frames left out by the probe's frame limit.
    pub more_frames: u64,
    /// Why the probe could not finish this checkpoint (a quoted message),
    /// e.g. a table so corrupt that `next` rejects it.
    pub probe_error: Option<String>,
}

impl Checkpoint {
    /// Parses the probe's text for one checkpoint.
    pub fn parse(text: &str) -> Result<Checkpoint, String> {
        let mut lines = text.lines();
        let id = lines
            .next()
            .and_then(|l| l.strip_prefix("cp "))
            .ok_or_else(|| format!("checkpoint text does not start with `cp`: {text:?}"))?;
        let mut cp = Checkpoint { id: id.to_string(), frames: Vec::new(), more_frames: 0, probe_error: None };
        for line in lines {
            let (tag, rest) = line.split_at_checked(2).ok_or_else(|| format!("short probe line {line:?}"))?;
            let pair = || -> Result<(String, String), String> {
                let (k, v) =
                    rest.split_once('=').ok_or_else(|| format!("probe line without `=`: {line:?}"))?;
                Ok((k.to_string(), v.to_string()))
            };
            let frame = cp.frames.last_mut();
            match (tag, frame) {
                ("F ", _) => {
                    let (function, cur) =
                        rest.rsplit_once(' ').ok_or_else(|| format!("bad frame line {line:?}"))?;
                    let line = cur.parse().map_err(|_| format!("bad current line in {line:?}"))?;
                    cp.frames.push(Frame {
                        function: function.to_string(),
                        line,
                        locals: Vec::new(),
                        varargs: Vec::new(),
                        upvalues: Vec::new(),
                    });
                }
                ("L ", Some(f)) => f.locals.push(pair()?),
                ("U ", Some(f)) => f.upvalues.push(pair()?),
                ("V ", Some(f)) => f.varargs.push(pair()?.1),
                ("M ", _) => {
                    cp.more_frames = rest.parse().map_err(|_| format!("bad frame count {line:?}"))?
                }
                ("E ", _) => cp.probe_error = Some(rest.to_string()),
                _ => return Err(format!("unexpected probe line {line:?}")),
            }
        }
        Ok(cp)
    }

    /// Renumbers reference identities (`table#3`, `function#7<prog:12>`) in
    /// order of first sight among the values still compared, leaving out
    /// locals masked as `dead` (see [`crate::liveness`]).
    ///
    /// The probe numbers identities in order of first sight over every line,
    /// dead locals included, and a dead slot may hold a stale reference under
    /// a JIT and `nil` under the interpreter: without renumbering, that one
    /// masked line would shift every later number and make the checkpoint
    /// differ. Lines are self-contained (the probe shows content at the first
    /// sight within each line), so renumbering is all that is needed.
    ///
    /// Quoted strings are skipped (a string may contain `#12`); the rewrite is
    /// a function of the text alone, so equal texts stay equal.
    pub fn renumber_identities(&mut self, dead: &str) {
        let mut map: BTreeMap<String, usize> = BTreeMap::new();
        self.id = renumber(&self.id, &mut map);
        for f in &mut self.frames {
            for (_, v) in &mut f.locals {
                if v != dead {
                    *v = renumber(v, &mut map);
                }
            }
            for v in &mut f.varargs {
                *v = renumber(v, &mut map);
            }
            for (_, v) in &mut f.upvalues {
                *v = renumber(v, &mut map);
            }
        }
    }

    /// The canonical text (the probe's own format), used for diffs.
    pub fn render(&self) -> String {
        let mut s = format!("cp {}\n", self.id);
        for f in &self.frames {
            s += &format!("F {} {}\n", f.function, f.line);
            for (k, v) in &f.locals {
                s += &format!("L {k}={v}\n");
            }
            for (i, v) in f.varargs.iter().enumerate() {
                s += &format!("V {}={v}\n", i + 1);
            }
            for (k, v) in &f.upvalues {
                s += &format!("U {k}={v}\n");
            }
        }
        if self.more_frames > 0 {
            s += &format!("M {}\n", self.more_frames);
        }
        if let Some(e) = &self.probe_error {
            s += &format!("E {e}\n");
        }
        s
    }
}

/// `value` with every identity number outside quoted strings replaced by its
/// number in `map`, which gives new identities the next number.
fn renumber(value: &str, map: &mut BTreeMap<String, usize>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '#' if chars.peek().is_some_and(char::is_ascii_digit) => {
                let mut old = String::new();
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    old.push(d);
                }
                let next = map.len() + 1;
                out += &map.entry(old).or_insert(next).to_string();
            }
            _ => {}
        }
    }
    out
}

/// What one engine showed for one program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub outcome: Outcome,
    pub stdout: String,
    pub stderr: String,
    /// The error the chunk raised (or its syntax error), if any.
    pub error: Option<String>,
    /// The chunk's return values, rendered by the probe.
    pub returns: Vec<String>,
    pub checkpoints: Vec<Checkpoint>,
    /// Checkpoint hits beyond the probe's limit (counted, not recorded).
    pub checkpoints_dropped: u64,
}

impl Observation {
    /// Human-readable text: the same fields the JSON form has.
    pub fn render(&self) -> String {
        let mut s = format!("outcome: {}\n", outcome_text(&self.outcome));
        if let Some(e) = &self.error {
            s += &format!("error: {e}\n");
        }
        for (i, r) in self.returns.iter().enumerate() {
            s += &format!("return {}: {r}\n", i + 1);
        }
        s += &format!("stdout: {} bytes\n{}", self.stdout.len(), indent(&self.stdout));
        if !self.stderr.is_empty() {
            s += &format!("stderr:\n{}", indent(&self.stderr));
        }
        s += &format!("checkpoints: {} (+{} dropped)\n", self.checkpoints.len(), self.checkpoints_dropped);
        for cp in &self.checkpoints {
            s += &indent(&cp.render());
        }
        s
    }
}

pub fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Finished => "finished".into(),
        Outcome::Exited { code } => format!("exited with code {code}"),
        Outcome::Signaled { signal } => format!("killed by signal {signal} ({})", signal_name(*signal)),
        Outcome::TimedOut { after_ms } => format!("timed out after {after_ms} ms"),
        Outcome::OutputLimit { bytes } => format!("output limit of {bytes} bytes reached"),
    }
}

pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGTERM => "SIGTERM",
        _ => "signal",
    }
}

fn indent(text: &str) -> String {
    let mut s = String::new();
    for line in text.lines() {
        s += "  ";
        s += line;
        s += "\n";
    }
    if !text.is_empty() && !text.ends_with('\n') {
        s += "  (no newline at end)\n";
    }
    s
}

/// UTF-8 text as is; every byte of an invalid sequence as `\xNN`. A literal
/// backslash stays a backslash: the escape is only for readability, and the
/// rare ambiguity cannot make two different outputs compare equal unless
/// one contains the escape's text literally where the other has the byte.
pub fn bytes_to_text(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        s.push_str(chunk.valid());
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoint_parse_and_render_round_trip() {
        let text = "cp 1\nF prog:2 4\nL a=5\nL (for index)=1\nV 1=7\nV 2=nil\nU up=\"x=y\"\nF [C] -1\nF prog:0 9\nL t=table#1{}\nM 3\nE \"prog:1: boom\"";
        let cp = Checkpoint::parse(text).unwrap();
        assert_eq!(cp.frames.len(), 3);
        assert_eq!(cp.frames[0].function, "prog:2");
        assert_eq!(cp.frames[0].line, 4);
        assert_eq!(cp.frames[0].varargs, ["7", "nil"]);
        assert_eq!(cp.frames[0].upvalues, [("up".to_string(), "\"x=y\"".to_string())]);
        assert_eq!(cp.more_frames, 3);
        assert_eq!(cp.probe_error.as_deref(), Some("\"prog:1: boom\""));
        assert_eq!(cp.render(), format!("{text}\n"));
    }

    #[test]
    fn checkpoint_parse_rejects_garbage() {
        assert!(Checkpoint::parse("nope").is_err());
        assert!(Checkpoint::parse("cp 1\nL x=1").is_err());
        assert!(Checkpoint::parse("cp 1\nF prog:1 x").is_err());
    }

    #[test]
    fn identities_renumber_without_dead_locals() {
        // The JIT's dead slot `g` still holds a function, the interpreter's
        // is nil: the probe's numbers differ from then on, the masked texts
        // must not.
        let jit = "cp 1\nF prog:0 9\nL g=function#1<prog:3>\nL t=table#2{1=function#1<prog:3>}\nL f=function#3<prog:5>\nU s=\"#1\\\"#2\"";
        let interp = "cp 1\nF prog:0 9\nL g=nil\nL t=table#1{1=function#2<prog:3>}\nL f=function#3<prog:5>\nU s=\"#1\\\"#2\"";
        let masked = |text: &str| {
            let mut cp = Checkpoint::parse(text).unwrap();
            cp.frames[0].locals[0].1 = "(dead)".into();
            cp.renumber_identities("(dead)");
            cp.render()
        };
        let expect = "cp 1\nF prog:0 9\nL g=(dead)\nL t=table#1{1=function#2<prog:3>}\nL f=function#3<prog:5>\nU s=\"#1\\\"#2\"\n";
        assert_eq!(masked(jit), expect);
        assert_eq!(masked(interp), expect);
        // A real difference in identity (one table where there were two) still shows.
        let aliased = "cp 1\nF prog:0 9\nL g=nil\nL t=table#1{1=table#1}\nL f=function#3<prog:5>\nU s=\"\"";
        let distinct =
            "cp 1\nF prog:0 9\nL g=nil\nL t=table#1{1=table#2{}}\nL f=function#3<prog:5>\nU s=\"\"";
        assert_ne!(masked(aliased), masked(distinct));
    }

    #[test]
    fn invalid_utf8_is_escaped() {
        assert_eq!(bytes_to_text(b"a\xffb\xc3\xa9"), "a\\xffb\u{e9}");
    }
}
