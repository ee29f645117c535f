//! The io library: file handles as userdata, with LuaJIT 2.1's (5.1 mode) results.
//!
//! A handle is a zero-sized userdata whose address keys its [`LFile`] in
//! [`IoState::files`]; the shared metatable (`__index` = itself, the methods, `__gc`,
//! `__tostring`) identifies handles. `__gc` closes a file that is still open and drops
//! the entry, so a collected handle never leaves a stale entry for a new userdata at
//! the same address.
//!
//! `io.stdout` writes to the state's output sink (`State::out`), the same sink as
//! `print`, so an embedder capturing output sees both in order. `io.stderr` is the
//! process's stderr, `io.stdin` its stdin.
//!
//! Buffering is our own (C stdio's model): a read buffer and a write buffer per file;
//! switching direction flushes the write buffer or gives back unread input by seeking.
//! Numbers (`*n`) are read as glibc's `fscanf("%lf")` reads them: the longest prefix
//! that can still become a number is consumed, then converted.
//!
//! As LuaJIT 2.1 in its default (5.1) mode: `write` returns `true`, closing a pipe
//! returns `true`, the standard files cannot be closed ("cannot close standard file"),
//! and `open` passes the mode to the C library's rules (first letter r/w/a, then `+`;
//! anything else is ignored, an invalid first letter is EINVAL).
//!
//! Under the sandbox (see [`super::Options`]) `popen` and `tmpfile` are not installed,
//! `open`/`lines`/`input`/`output` refuse to write, and to read outside the allowed
//! paths, with `nil, "<name>: <reason>", EACCES`, and stdin reads as empty.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::process::{Child, ChildStdin, ChildStdout};

use super::os::{os_path, path_arg, push_os_error};
use super::{register_lib, set_funcs, str_bytes};
use crate::vm::func::{LResult, NativeFn, ffid};
use crate::vm::state::State;
use crate::vm::udata::Udata;
use crate::vm::value::*;

/// Where a handle's bytes go or come from.
enum Backend {
    Stdin,
    /// The state's output sink.
    Stdout,
    Stderr,
    File(File),
    PipeRead(Child, ChildStdout),
    PipeWrite(Child, Option<ChildStdin>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VBuf {
    No,
    Line,
    Full,
}

/// An open (or closed) file of the io library.
pub struct LFile {
    backend: Option<Backend>,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    vbuf: VBuf,
    eof: bool,
    /// The directions the file was opened for; the other one fails with EBADF.
    readable: bool,
    writable: bool,
    /// Opened in a sandboxed state (stdin reads as empty).
    sandboxed: bool,
}

/// The io library's per-state data.
#[derive(Default)]
pub struct IoState {
    /// Handles by userdata address.
    pub files: BTreeMap<usize, LFile>,
}

const BUFSIZE: usize = 4096;

/// LuaJIT's line buffer starts at LUAL_BUFFERSIZE (glibc's BUFSIZ) bytes.
const LUAL_BUFFERSIZE: usize = 8192;

impl LFile {
    fn new(b: Backend) -> LFile {
        let vbuf = if matches!(b, Backend::Stderr) { VBuf::No } else { VBuf::Full };
        let (readable, writable) = match b {
            Backend::Stdin | Backend::PipeRead(..) => (true, false),
            Backend::Stdout | Backend::Stderr | Backend::PipeWrite(..) => (false, true),
            Backend::File(_) => (true, true),
        };
        LFile {
            backend: Some(b),
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            vbuf,
            eof: false,
            readable,
            writable,
            sandboxed: false,
        }
    }

    fn is_std(&self) -> bool {
        matches!(self.backend, Some(Backend::Stdin | Backend::Stdout | Backend::Stderr))
    }

    /// Writes pending output.
    fn flush(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.wbuf.is_empty() {
            return match &mut self.backend {
                Some(Backend::Stdout) => out.flush(),
                _ => Ok(()),
            };
        }
        let data = std::mem::take(&mut self.wbuf);
        match &mut self.backend {
            Some(Backend::Stdout) => out.write_all(&data).and_then(|_| out.flush()),
            Some(Backend::Stderr) => std::io::stderr().write_all(&data),
            Some(Backend::File(f)) => f.write_all(&data),
            Some(Backend::PipeWrite(_, Some(p))) => p.write_all(&data),
            _ => Err(std::io::Error::from_raw_os_error(libc::EBADF)),
        }
    }

    /// Gives unread input back to the file (before a write or seek).
    fn drop_read_buffer(&mut self) -> std::io::Result<()> {
        let unread = (self.rbuf.len() - self.rpos) as i64;
        self.rbuf.clear();
        self.rpos = 0;
        if unread > 0
            && let Some(Backend::File(f)) = &mut self.backend
        {
            f.seek(SeekFrom::Current(-unread))?;
        }
        Ok(())
    }

    fn write(&mut self, data: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        if !self.writable {
            return Err(std::io::Error::from_raw_os_error(libc::EBADF));
        }
        if let Some(Backend::Stdout) = self.backend {
            // Straight into the sink `print` uses, so their output stays in order.
            return out.write_all(data);
        }
        if self.rpos < self.rbuf.len() {
            self.drop_read_buffer()?;
        }
        self.wbuf.extend_from_slice(data);
        let must = match self.vbuf {
            VBuf::No => true,
            VBuf::Line => data.contains(&b'\n'),
            VBuf::Full => self.wbuf.len() >= BUFSIZE,
        };
        if must { self.flush(out) } else { Ok(()) }
    }

    /// Reads more input into the buffer; false at end of file.
    fn fill(&mut self, out: &mut dyn Write) -> std::io::Result<bool> {
        if !self.readable {
            return Err(std::io::Error::from_raw_os_error(libc::EBADF));
        }
        if !self.wbuf.is_empty() {
            self.flush(out)?;
        }
        if self.rpos > 0 {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
        }
        let mut chunk = [0u8; BUFSIZE];
        let n = match &mut self.backend {
            // Under the sandbox stdin is empty: a program must not read the channel the
            // embedder (a harness worker) may be using.
            Some(Backend::Stdin) if self.sandboxed => 0,
            Some(Backend::Stdin) => {
                let _ = out.flush();
                std::io::stdin().read(&mut chunk)?
            }
            Some(Backend::File(f)) => f.read(&mut chunk)?,
            Some(Backend::PipeRead(_, p)) => p.read(&mut chunk)?,
            _ => return Err(std::io::Error::from_raw_os_error(libc::EBADF)),
        };
        self.rbuf.extend_from_slice(&chunk[..n]);
        self.eof = n == 0;
        Ok(n > 0)
    }

    fn peek(&mut self, out: &mut dyn Write) -> std::io::Result<Option<u8>> {
        if self.rpos >= self.rbuf.len() && !self.fill(out)? {
            return Ok(None);
        }
        Ok(Some(self.rbuf[self.rpos]))
    }

    /// C's `fgets(buf, max + 1)`: up to and including a newline, at most `max` bytes.
    fn fgets(&mut self, max: usize, out: &mut dyn Write) -> std::io::Result<Vec<u8>> {
        let mut seg = Vec::new();
        while seg.len() < max {
            if self.rpos >= self.rbuf.len() && !self.fill(out)? {
                break;
            }
            let avail = &self.rbuf[self.rpos..];
            let room = (max - seg.len()).min(avail.len());
            let take = match avail[..room].iter().position(|&c| c == b'\n') {
                Some(i) => i + 1,
                None => room,
            };
            seg.extend_from_slice(&avail[..take]);
            self.rpos += take;
            if seg.last() == Some(&b'\n') {
                break;
            }
        }
        Ok(seg)
    }

    /// `*l` / `*L` as LuaJIT reads a line: `fgets` into a growing buffer, each piece
    /// counted up to its first zero byte (`strlen`), so bytes after a zero in a piece are
    /// lost, and a line whose pieces all start with a zero counts as nothing read.
    fn read_line(&mut self, keep_nl: bool, out: &mut dyn Write) -> std::io::Result<Option<Vec<u8>>> {
        let mut m = LUAL_BUFFERSIZE;
        let mut line: Vec<u8> = Vec::new();
        let mut ok = false;
        loop {
            let seg = self.fgets(m - line.len() - 1, out)?;
            if seg.is_empty() {
                break;
            }
            let len = seg.iter().position(|&c| c == 0).unwrap_or(seg.len());
            line.extend_from_slice(&seg[..len]);
            ok |= !line.is_empty();
            if line.last() == Some(&b'\n') {
                if !keep_nl {
                    line.pop();
                }
                break;
            }
            if line.len() >= m - 64 {
                m += m;
            }
        }
        Ok(ok.then_some(line))
    }

    fn read_all(&mut self, out: &mut dyn Write) -> std::io::Result<Vec<u8>> {
        let mut all = Vec::new();
        loop {
            all.extend_from_slice(&self.rbuf[self.rpos..]);
            self.rpos = self.rbuf.len();
            if !self.fill(out)? {
                return Ok(all);
            }
        }
    }

    fn read_n(&mut self, n: usize, out: &mut dyn Write) -> std::io::Result<Option<Vec<u8>>> {
        if n == 0 {
            return Ok(self.peek(out)?.map(|_| Vec::new()));
        }
        let mut got = Vec::new();
        while got.len() < n {
            if self.rpos >= self.rbuf.len() && !self.fill(out)? {
                break;
            }
            let take = (n - got.len()).min(self.rbuf.len() - self.rpos);
            got.extend_from_slice(&self.rbuf[self.rpos..self.rpos + take]);
            self.rpos += take;
        }
        Ok(if got.is_empty() { None } else { Some(got) })
    }

    /// `fscanf(f, "%lf")`.
    /// Consumes the next byte if it satisfies `ok`, appending it to `buf`.
    fn take_if(
        &mut self,
        buf: &mut Vec<u8>,
        ok: impl Fn(u8) -> bool,
        out: &mut dyn Write,
    ) -> std::io::Result<bool> {
        match self.peek(out)? {
            Some(c) if ok(c) => {
                buf.push(c);
                self.rpos += 1;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Consumes the next byte whatever it is; whether it was `want` (case-insensitive).
    /// (glibc's scanf does not give back the byte that breaks "nan"/"inf".)
    fn expect_word_byte(
        &mut self,
        buf: &mut Vec<u8>,
        want: u8,
        out: &mut dyn Write,
    ) -> std::io::Result<bool> {
        match self.peek(out)? {
            Some(c) => {
                self.rpos += 1;
                buf.push(c);
                Ok(c.to_ascii_lowercase() == want)
            }
            None => Ok(false),
        }
    }

    /// `fscanf(f, "%lf")` as glibc scans: skip white space; an optional sign; then
    /// "nan", "inf" or "infinity" (a byte that breaks the word is consumed and the
    /// conversion fails), or digits with at most one point and, after a digit, an
    /// exponent (`0x` switches to hex digits and a `p` exponent). The first byte that
    /// cannot continue is left unread. What was gathered converts as `strtod` would
    /// (its longest valid prefix); nothing convertible, or a bare `0x`, fails.
    fn read_number(&mut self, out: &mut dyn Write) -> std::io::Result<Option<f64>> {
        if !self.readable {
            // fscanf fails without setting the error flag LuaJIT reports.
            return Ok(None);
        }
        while let Some(c) = self.peek(out)? {
            if !crate::vm::strscan::is_space(c) {
                break;
            }
            self.rpos += 1;
        }
        let mut buf = Vec::new();
        self.take_if(&mut buf, |c| c == b'+' || c == b'-', out)?;
        match self.peek(out)?.map(|c| c.to_ascii_lowercase()) {
            Some(b'n') => {
                self.rpos += 1;
                buf.push(b'n');
                let ok = self.expect_word_byte(&mut buf, b'a', out)?
                    && self.expect_word_byte(&mut buf, b'n', out)?;
                return Ok(if ok { scan_double(&buf) } else { None });
            }
            Some(b'i') => {
                self.rpos += 1;
                buf.push(b'i');
                if !(self.expect_word_byte(&mut buf, b'n', out)?
                    && self.expect_word_byte(&mut buf, b'f', out)?)
                {
                    return Ok(None);
                }
                if self.peek(out)?.map(|c| c.to_ascii_lowercase()) == Some(b'i') {
                    for &w in b"inity" {
                        if !self.expect_word_byte(&mut buf, w, out)? {
                            return Ok(None);
                        }
                    }
                }
                return Ok(scan_double(&buf));
            }
            _ => {}
        }
        let mut hex = false;
        let digits_from = buf.len();
        if self.take_if(&mut buf, |c| c == b'0', out)?
            && self.take_if(&mut buf, |c| c == b'x' || c == b'X', out)?
        {
            hex = true;
        }
        let exp_char = if hex { b'p' } else { b'e' };
        let (mut got_digit, mut got_dot, mut got_e) = (buf.len() > digits_from && !hex, false, false);
        while let Some(c) = self.peek(out)? {
            let last = buf.last().copied().unwrap_or(0).to_ascii_lowercase();
            if c.is_ascii_digit() || (hex && !got_e && c.is_ascii_hexdigit()) {
                got_digit = true;
            } else if got_e && last == exp_char && (c == b'-' || c == b'+') {
            } else if got_digit && !got_e && c.to_ascii_lowercase() == exp_char {
                got_e = true;
                got_dot = true;
            } else if c == b'.' && !got_dot {
                got_dot = true;
            } else {
                break;
            }
            buf.push(c);
            self.rpos += 1;
        }
        if buf.len() == digits_from || (hex && buf.len() == digits_from + 2) {
            return Ok(None);
        }
        Ok((1..=buf.len()).rev().find_map(|n| scan_double(&buf[..n])))
    }

    fn seek(&mut self, whence: SeekFrom, out: &mut dyn Write) -> std::io::Result<u64> {
        self.flush(out)?;
        self.drop_read_buffer()?;
        self.eof = false;
        match &mut self.backend {
            Some(Backend::File(f)) => f.seek(whence),
            _ => Err(std::io::Error::from_raw_os_error(libc::ESPIPE)),
        }
    }

    /// Closes the file; for a pipe, waits for the process.
    fn close(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        let r = self.flush(out);
        match self.backend.take() {
            Some(Backend::PipeRead(mut c, p)) => {
                drop(p);
                c.wait()?;
            }
            Some(Backend::PipeWrite(mut c, p)) => {
                drop(p);
                c.wait()?;
            }
            _ => {}
        }
        r
    }
}

impl Drop for LFile {
    /// Buffered output reaches the file even if the handle was never closed (as C's
    /// exit flushes stdio buffers). `Stdout` output is never buffered here.
    fn drop(&mut self) {
        let data = std::mem::take(&mut self.wbuf);
        let _ = match &mut self.backend {
            Some(Backend::File(f)) => f.write_all(&data),
            Some(Backend::PipeWrite(_, Some(p))) => p.write_all(&data),
            Some(Backend::Stderr) => std::io::stderr().write_all(&data),
            _ => Ok(()),
        };
    }
}

/// Converts what `read_number` consumed (None if it is not a complete number).
fn scan_double(t: &[u8]) -> Option<f64> {
    let (neg, s) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = s.to_ascii_lowercase();
    let v = if lower == b"inf" || lower == b"infinity" {
        f64::INFINITY
    } else if lower == b"nan" {
        f64::NAN
    } else if lower.starts_with(b"0x") {
        crate::vm::strscan::scan_number(s)?
    } else {
        std::str::from_utf8(s).ok()?.parse::<f64>().ok().filter(|_| s.iter().any(u8::is_ascii_digit))?
    };
    Some(if neg { -v } else { v })
}

/// The methods of file handles (shared by the metatable's `__index`).
const METHODS: [(&str, NativeFn); 7] = [
    ("close", f_close),
    ("flush", f_flush),
    ("lines", f_lines),
    ("read", f_read),
    ("seek", f_seek),
    ("setvbuf", f_setvbuf),
    ("write", f_write),
];

pub fn open(st: &mut State) {
    let sandbox = st.lib.options.sandbox;
    let mut funcs: Vec<(&'static str, NativeFn)> = vec![
        ("close", io_close),
        ("flush", io_flush),
        ("input", io_input),
        ("lines", io_lines),
        ("open", io_open),
        ("output", io_output),
        ("read", io_read),
        ("type", io_type),
        ("write", io_write),
    ];
    if !sandbox {
        funcs.push(("popen", io_popen));
        funcs.push(("tmpfile", io_tmpfile));
    }
    let io = register_lib(st, "io", &funcs);
    for (name, b) in [("stdin", Backend::Stdin), ("stdout", Backend::Stdout), ("stderr", Backend::Stderr)] {
        let h = new_handle(st, b);
        let k = st.str_value(name.as_bytes());
        st.raw_set(io, k, h);
        if name != "stderr" {
            set_default(st, name == "stdout", h);
        }
    }
}

/// The handle metatable, kept in the registry as `FILE*` (made again if a program
/// replaced it there).
fn file_metatable(st: &mut State) -> TValue {
    let r = TValue::gc(TAG_TABLE, st.registry);
    let k = st.str_value(b"FILE*");
    // SAFETY: the registry is live.
    let mt = unsafe { (*st.registry).get(k) };
    if mt.is_table() {
        return mt;
    }
    let mt = st.new_table(0, 12);
    set_funcs(st, mt, &METHODS);
    set_funcs(st, mt, &[("__gc", f_gc), ("__tostring", f_tostring)]);
    let ki = st.str_value(b"__index");
    st.raw_set(mt, ki, mt);
    st.raw_set(r, k, mt);
    mt
}

/// A new handle userdata for `b`.
fn new_handle(st: &mut State, b: Backend) -> TValue {
    let env = st.globals;
    let mt = file_metatable(st);
    let u = st.alloc(Udata::new(0, env));
    // SAFETY: fresh userdata; `mt` is a table reachable from the registry.
    unsafe { (*u).metatable = mt.ptr() };
    let mut f = LFile::new(b);
    f.sandboxed = st.lib.options.sandbox;
    st.lib.io.files.insert(u as usize, f);
    TValue::gc(TAG_UDATA, u)
}

/// The registry keys of the default input and output files.
fn default_key(output: bool) -> &'static [u8] {
    if output { b"io.output" } else { b"io.input" }
}

fn set_default(st: &mut State, output: bool, h: TValue) {
    let r = TValue::gc(TAG_TABLE, st.registry);
    let k = st.str_value(default_key(output));
    st.raw_set(r, k, h);
}

fn get_default(st: &mut State, output: bool) -> TValue {
    let k = st.str_value(default_key(output));
    // SAFETY: the registry is live.
    unsafe { (*st.registry).get(k) }
}

/// The file entry of a handle value, if it is one.
fn handle_key(st: &State, v: TValue) -> Option<usize> {
    if v.tag() != TAG_UDATA {
        return None;
    }
    let k = v.ptr::<Udata>() as usize;
    st.lib.io.files.contains_key(&k).then_some(k)
}

/// Argument `n` must be a file handle (open or closed).
fn check_handle(st: &mut State, n: usize) -> LResult<usize> {
    let v = st.arg(n);
    match handle_key(st, v) {
        Some(k) => Ok(k),
        None => Err(st.arg_type_error(n, "FILE*")),
    }
}

/// Argument `n` must be an open file handle.
fn check_open(st: &mut State, n: usize) -> LResult<usize> {
    let k = check_handle(st, n)?;
    if st.lib.io.files.get(&k).is_some_and(|f| f.backend.is_some()) {
        Ok(k)
    } else {
        Err(st.caller_error("attempt to use a closed file"))
    }
}

/// Runs `op` on file `k` with the state's output sink at hand.
fn with_file<R>(st: &mut State, k: usize, op: impl FnOnce(&mut LFile, &mut dyn Write) -> R) -> Option<R> {
    let out: &mut dyn Write = &mut *st.out;
    st.lib.io.files.get_mut(&k).map(|f| op(f, out))
}

/// `true`, or `nil, message, errno` for an I/O result.
fn file_result(st: &mut State, r: std::io::Result<()>) -> LResult<usize> {
    match r {
        Ok(()) => st.ret1(TValue::TRUE),
        Err(e) => push_os_error(st, None, &e),
    }
}

/// The sandbox's verdict on opening `path` with `mode`: an error to report, or None.
fn sandbox_refusal(st: &State, path: &[u8], write: bool) -> Option<std::io::Error> {
    let opts = &st.lib.options;
    if !opts.sandbox {
        return None;
    }
    if write || !path_allowed(&opts.allowed_paths, path) {
        return Some(std::io::Error::from_raw_os_error(libc::EACCES));
    }
    None
}

/// Whether `path` lies under one of `allowed` (after resolving `..` and symlinks).
pub fn path_allowed(allowed: &[std::path::PathBuf], path: &[u8]) -> bool {
    let Ok(p) = std::fs::canonicalize(os_path(path)) else { return false };
    allowed.iter().filter_map(|a| std::fs::canonicalize(a).ok()).any(|a| p.starts_with(a))
}

/// Opens `path` with a C `fopen` mode.
fn open_file(path: &[u8], mode: &[u8]) -> std::io::Result<File> {
    let plus = mode.iter().skip(1).any(|&c| c == b'+');
    let excl = mode.iter().skip(1).any(|&c| c == b'x');
    let mut o = std::fs::OpenOptions::new();
    match mode.first() {
        Some(b'r') => o.read(true).write(plus),
        Some(b'w') => o.write(true).read(plus).create(true).truncate(true),
        Some(b'a') => o.append(true).read(plus).create(true),
        _ => return Err(std::io::Error::from_raw_os_error(libc::EINVAL)),
    };
    if excl && mode.first() != Some(&b'r') {
        o.create_new(true);
    }
    o.open(os_path(path))
}

/// Opens a named file for the library: the handle, or the error to report.
fn open_named(st: &mut State, path: &[u8], mode: &[u8]) -> Result<TValue, std::io::Error> {
    let writes = mode.first() != Some(&b'r') || mode.contains(&b'+');
    if let Some(e) = sandbox_refusal(st, path, writes) {
        return Err(e);
    }
    let f = open_file(path, mode)?;
    let h = new_handle(st, Backend::File(f));
    let plus = mode.contains(&b'+');
    if let Some(lf) = st.lib.io.files.get_mut(&(h.ptr::<Udata>() as usize)) {
        lf.readable = mode.first() == Some(&b'r') || plus;
        lf.writable = mode.first() != Some(&b'r') || plus;
    }
    Ok(h)
}

fn io_open(st: &mut State) -> LResult<usize> {
    let path = path_arg(st, 1)?;
    let mode = if st.arg(2).is_nil() { b"r".to_vec() } else { path_arg(st, 2)? };
    match open_named(st, &path, &mode) {
        Ok(h) => st.ret1(h),
        Err(e) => push_os_error(st, Some(&path), &e),
    }
}

fn io_type(st: &mut State) -> LResult<usize> {
    st.check_any(1)?;
    let v = st.arg(1);
    let r = match handle_key(st, v) {
        Some(k) if st.lib.io.files.get(&k).is_some_and(|f| f.backend.is_some()) => st.str_value(b"file"),
        Some(_) => st.str_value(b"closed file"),
        None => TValue::NIL,
    };
    st.ret1(r)
}

fn close_handle(st: &mut State, k: usize) -> LResult<usize> {
    if st.lib.io.files.get(&k).is_some_and(LFile::is_std) {
        let m = st.str_value(b"cannot close standard file");
        st.push(TValue::NIL)?;
        st.push(m)?;
        return Ok(2);
    }
    let r = with_file(st, k, |f, out| f.close(out)).unwrap_or(Ok(()));
    file_result(st, r)
}

fn f_close(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    close_handle(st, k)
}

fn io_close(st: &mut State) -> LResult<usize> {
    if st.arg(1).is_nil() {
        let d = get_default(st, true);
        st.set_nargs(1)?;
        st.set_arg(1, d);
    }
    f_close(st)
}

fn f_gc(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    if let Some(k) = handle_key(st, v)
        && let Some(mut f) = st.lib.io.files.remove(&k)
        && !f.is_std()
    {
        let _ = f.close(&mut *st.out);
    }
    Ok(0)
}

fn f_tostring(st: &mut State) -> LResult<usize> {
    let k = check_handle(st, 1)?;
    let open = st.lib.io.files.get(&k).is_some_and(|f| f.backend.is_some());
    let s = if open { format!("file (0x{k:x})") } else { "file (closed)".to_string() };
    let v = st.str_value(s.as_bytes());
    st.ret1(v)
}

fn f_flush(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    let r = with_file(st, k, |f, out| f.flush(out)).unwrap_or(Ok(()));
    file_result(st, r)
}

fn io_flush(st: &mut State) -> LResult<usize> {
    let d = get_default(st, true);
    let Some(k) = handle_key(st, d) else { return st.ret1(TValue::TRUE) };
    let r = with_file(st, k, |f, out| f.flush(out)).unwrap_or(Ok(()));
    file_result(st, r)
}

fn f_setvbuf(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    let m = path_arg(st, 2)?;
    let mode = match &m[..] {
        b"no" => VBuf::No,
        b"line" => VBuf::Line,
        b"full" => VBuf::Full,
        _ => {
            let o = String::from_utf8_lossy(&m).into_owned();
            return Err(st.arg_error(2, &format!("invalid option '{o}'")));
        }
    };
    st.opt_i32(3, BUFSIZE as i64)?;
    if let Some(f) = st.lib.io.files.get_mut(&k) {
        f.vbuf = mode;
    }
    st.ret1(TValue::TRUE)
}

fn f_seek(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    let w = if st.arg(2).is_nil() { b"cur".to_vec() } else { path_arg(st, 2)? };
    let off = st.opt_number(3, 0.0)? as i64;
    let whence = match &w[..] {
        b"set" => SeekFrom::Start(off.max(0) as u64),
        b"cur" => SeekFrom::Current(off),
        b"end" => SeekFrom::End(off),
        _ => {
            let o = String::from_utf8_lossy(&w).into_owned();
            return Err(st.arg_error(2, &format!("invalid option '{o}'")));
        }
    };
    if matches!(&w[..], b"set") && off < 0 {
        return push_os_error(st, None, &std::io::Error::from_raw_os_error(libc::EINVAL));
    }
    match with_file(st, k, |f, out| f.seek(whence, out)) {
        Some(Ok(p)) => st.ret1(TValue::number(p as f64)),
        Some(Err(e)) => push_os_error(st, None, &e),
        None => st.ret1(TValue::NIL),
    }
}

/// Writes arguments `first..` to file `k`.
fn write_args(st: &mut State, k: usize, first: usize) -> LResult<usize> {
    let mut data = Vec::new();
    for i in first..=st.nargs() {
        let v = st.arg(i);
        if !State::append_str_or_num(v, &mut data) {
            return Err(st.arg_type_error(i, "string"));
        }
    }
    let r = with_file(st, k, |f, out| f.write(&data, out)).unwrap_or(Ok(()));
    file_result(st, r)
}

fn f_write(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    write_args(st, k, 2)
}

fn io_write(st: &mut State) -> LResult<usize> {
    let d = get_default(st, true);
    let Some(k) = handle_key(st, d) else { return Err(st.caller_error("standard file is closed")) };
    if st.lib.io.files.get(&k).is_none_or(|f| f.backend.is_none()) {
        return Err(st.caller_error("standard file is closed"));
    }
    write_args(st, k, 1)
}

/// One read format.
#[derive(Clone, Copy)]
enum Fmt {
    Line(bool),
    Number,
    All,
    Count(usize),
}

/// Parses read format argument `i`.
fn read_format(st: &mut State, i: usize) -> LResult<Fmt> {
    let v = st.arg(i);
    if v.is_number() {
        let n = st.check_i32(i)?;
        return Ok(Fmt::Count(n.max(0) as usize));
    }
    if !v.is_str() {
        return Err(st.arg_error(i, "invalid option"));
    }
    // SAFETY: checked string.
    let b = unsafe { str_bytes(v) };
    let b = b.strip_prefix(b"*").unwrap_or(b);
    match b.first() {
        Some(b'n') => Ok(Fmt::Number),
        Some(b'a') => Ok(Fmt::All),
        Some(b'l') => Ok(Fmt::Line(false)),
        Some(b'L') => Ok(Fmt::Line(true)),
        _ => Err(st.arg_error(i, "invalid format")),
    }
}

/// What one read format produced.
enum ReadResult {
    Bytes(Vec<u8>),
    Number(f64),
    /// End of file, or no number.
    Nothing,
}

/// Reads with the formats `fmts` from file `k`, pushing the results (up to the first
/// failure, which gives nil).
fn read_formats(st: &mut State, k: usize, fmts: &[Fmt]) -> LResult<usize> {
    let fmts = if fmts.is_empty() { &[Fmt::Line(false)][..] } else { fmts };
    st.ensure_stack(fmts.len())?;
    for (n, &f) in fmts.iter().enumerate() {
        let r = with_file(st, k, |file, out| -> std::io::Result<ReadResult> {
            Ok(match f {
                Fmt::Line(keep) => file.read_line(keep, out)?.map_or(ReadResult::Nothing, ReadResult::Bytes),
                Fmt::All => ReadResult::Bytes(file.read_all(out)?),
                Fmt::Count(c) => file.read_n(c, out)?.map_or(ReadResult::Nothing, ReadResult::Bytes),
                Fmt::Number => file.read_number(out)?.map_or(ReadResult::Nothing, ReadResult::Number),
            })
        });
        let v = match r {
            Some(Ok(ReadResult::Bytes(b))) => st.str_value(&b),
            Some(Ok(ReadResult::Number(x))) => TValue::number(x),
            Some(Ok(ReadResult::Nothing)) | None => TValue::NIL,
            Some(Err(e)) => return push_os_error(st, None, &e),
        };
        st.push(v)?;
        if v.is_nil() {
            return Ok(n + 1);
        }
    }
    Ok(fmts.len())
}

fn collect_formats(st: &mut State, first: usize) -> LResult<Vec<Fmt>> {
    (first..=st.nargs()).map(|i| read_format(st, i)).collect()
}

fn f_read(st: &mut State) -> LResult<usize> {
    let k = check_open(st, 1)?;
    let fmts = collect_formats(st, 2)?;
    read_formats(st, k, &fmts)
}

fn io_read(st: &mut State) -> LResult<usize> {
    let d = get_default(st, false);
    let Some(k) = handle_key(st, d) else { return Err(st.caller_error("standard file is closed")) };
    if st.lib.io.files.get(&k).is_none_or(|f| f.backend.is_none()) {
        return Err(st.caller_error("standard file is closed"));
    }
    let fmts = collect_formats(st, 1)?;
    read_formats(st, k, &fmts)
}

/// The iterator of `lines`: upvalues are the handle, whether to close it at the end,
/// and the formats (as their original argument values).
fn lines_iter(st: &mut State) -> LResult<usize> {
    let h = st.native_upvalue(0);
    let close_at_end = st.native_upvalue(1).is_truthy();
    let Some(k) = handle_key(st, h) else { return Err(st.caller_error("attempt to use a closed file")) };
    if st.lib.io.files.get(&k).is_none_or(|f| f.backend.is_none()) {
        return Err(st.caller_error("attempt to use a closed file"));
    }
    // Re-parse the saved formats as arguments of this call.
    let f = st.current_func();
    // SAFETY: the running closure is live; it was built by `make_lines`.
    let saved: Vec<TValue> = unsafe { (&(*f.ptr::<crate::vm::func::Func>()).cuvs)[2..].to_vec() };
    st.set_nargs(0)?;
    for v in &saved {
        st.push(*v)?;
    }
    let fmts = collect_formats(st, 1)?;
    let n = read_formats(st, k, &fmts)?;
    let th = st.th();
    let first = th.top - n;
    let ended = th.stack[first].is_nil();
    if ended && close_at_end {
        let _ = with_file(st, k, |f, out| f.close(out));
        return Ok(0);
    }
    Ok(n)
}

fn make_lines(st: &mut State, h: TValue, close_at_end: bool, first_fmt: usize) -> LResult<usize> {
    // The formats are checked when the iterator reads, as in LuaJIT.
    let mut cuvs = vec![h, TValue::boolean(close_at_end)];
    for i in first_fmt..=st.nargs() {
        cuvs.push(st.arg(i));
    }
    let f = st.new_native(lines_iter, "lines_iter", ffid::NONE);
    // SAFETY: fresh closure.
    unsafe { (*f).cuvs = cuvs };
    st.ret1(TValue::gc(TAG_FUNC, f))
}

fn f_lines(st: &mut State) -> LResult<usize> {
    check_open(st, 1)?;
    let h = st.arg(1);
    make_lines(st, h, false, 2)
}

fn io_lines(st: &mut State) -> LResult<usize> {
    if st.arg(1).is_nil() {
        let d = get_default(st, false);
        if handle_key(st, d).is_none() {
            return Err(st.caller_error("standard file is closed"));
        }
        return make_lines(st, d, false, 2);
    }
    let path = path_arg(st, 1)?;
    match open_named(st, &path, b"r") {
        Ok(h) => make_lines(st, h, true, 2),
        Err(e) => {
            let msg = format!("{}: {}", String::from_utf8_lossy(&path), super::base::io_reason(&e));
            Err(st.arg_error(1, &msg))
        }
    }
}

/// `io.input` / `io.output`: set the default from a name or a handle; return it.
fn default_file(st: &mut State, output: bool) -> LResult<usize> {
    let a = st.arg(1);
    if !a.is_nil() {
        let h = if handle_key(st, a).is_none() {
            let path = path_arg(st, 1)?;
            match open_named(st, &path, if output { b"w" } else { b"r" }) {
                Ok(h) => h,
                Err(e) => {
                    let msg = format!("{}: {}", String::from_utf8_lossy(&path), super::base::io_reason(&e));
                    return Err(st.arg_error(1, &msg));
                }
            }
        } else {
            check_open(st, 1)?;
            a
        };
        set_default(st, output, h);
    }
    let d = get_default(st, output);
    st.ret1(d)
}

fn io_input(st: &mut State) -> LResult<usize> {
    default_file(st, false)
}

fn io_output(st: &mut State) -> LResult<usize> {
    default_file(st, true)
}

fn io_popen(st: &mut State) -> LResult<usize> {
    let cmd = path_arg(st, 1)?;
    let mode = if st.arg(2).is_nil() { b"r".to_vec() } else { path_arg(st, 2)? };
    let _ = st.out.flush();
    use std::os::unix::ffi::OsStrExt;
    let mut c = std::process::Command::new("/bin/sh");
    c.arg("-c").arg(std::ffi::OsStr::from_bytes(&cmd));
    let r = match mode.first() {
        Some(b'r') => {
            c.stdout(std::process::Stdio::piped()).spawn().and_then(|mut ch| match ch.stdout.take() {
                Some(o) => Ok(Backend::PipeRead(ch, o)),
                None => Err(std::io::Error::from_raw_os_error(libc::EPIPE)),
            })
        }
        Some(b'w') => c.stdin(std::process::Stdio::piped()).spawn().map(|mut ch| {
            let i = ch.stdin.take();
            Backend::PipeWrite(ch, i)
        }),
        _ => Err(std::io::Error::from_raw_os_error(libc::EINVAL)),
    };
    match r {
        Ok(b) => {
            let h = new_handle(st, b);
            st.ret1(h)
        }
        Err(e) => push_os_error(st, Some(&cmd), &e),
    }
}

fn io_tmpfile(st: &mut State) -> LResult<usize> {
    let mut tpl = *b"/tmp/lua_XXXXXX\0";
    // SAFETY: `tpl` is a writable NUL-terminated template ending in six X's.
    let fd = unsafe { libc::mkstemp(tpl.as_mut_ptr().cast()) };
    if fd < 0 {
        return push_os_error(st, None, &std::io::Error::last_os_error());
    }
    // SAFETY: the name is NUL-terminated; the file stays open through `fd`.
    unsafe { libc::unlink(tpl.as_ptr().cast()) };
    use std::os::fd::FromRawFd;
    // SAFETY: `fd` is a freshly opened descriptor owned by nothing else.
    let f = unsafe { File::from_raw_fd(fd) };
    let h = new_handle(st, Backend::File(f));
    st.ret1(h)
}

impl State {
    /// Flushes the io library's buffered output (the CLI calls this before exiting).
    pub fn flush_io(&mut self) {
        let out: &mut dyn Write = &mut *self.out;
        for f in self.lib.io.files.values_mut() {
            let _ = f.flush(out);
        }
        let _ = self.out.flush();
    }
}
