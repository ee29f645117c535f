//! The wire protocol between the harness and a worker (`lua/server.lua`).
//!
//! ```text
//!   harness -> worker stdin    "run <len>\n" <len bytes: the program>
//!   worker  -> stdout          <program output> "\0TWIN:<nonce>:<len>\n" <payload: len bytes>
//!   worker  -> stderr          <program output> "\0TWIN:<nonce>\n"
//!   payload                    ( "<tag> <len>\n" <len bytes> )*
//! ```
//!
//! The program's output travels on the same streams as the answer, in its
//! real order, so the answer is delimited by a marker the program cannot
//! forge: a per-worker nonce that only the server's locals know. Lengths make
//! the payload binary-safe. Everything here is a pure function over bytes; the
//! process plumbing lives in [`crate::worker`].

/// The request that asks a worker to run `program`.
pub fn request(program: &[u8]) -> Vec<u8> {
    let mut r = format!("run {}\n", program.len()).into_bytes();
    r.extend_from_slice(program);
    r
}

/// The marker that precedes the payload on stdout.
pub fn stdout_marker(nonce: &str) -> Vec<u8> {
    format!("\0TWIN:{nonce}:").into_bytes()
}

/// The marker that ends a program's stderr.
pub fn stderr_marker(nonce: &str) -> Vec<u8> {
    format!("\0TWIN:{nonce}\n").into_bytes()
}

/// Where a marker starts in `buf`, looking only at bytes from `from` on
/// (minus a marker's length, for a marker split across reads): callers pass
/// how far they already looked, so a large output is scanned once, not once
/// per read.
pub fn find_from(buf: &[u8], marker: &[u8], from: usize) -> Option<usize> {
    let start = from.saturating_sub(marker.len().saturating_sub(1)).min(buf.len());
    buf[start..].windows(marker.len()).position(|w| w == marker).map(|p| p + start)
}

/// The state of a worker's stdout after the program's output: either still
/// waiting for bytes, or the complete answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Cut<'a> {
    /// No marker yet (from `from` on).
    NoMarker,
    /// The marker is there, the payload not complete yet.
    Partial,
    Complete {
        output: &'a [u8],
        payload: &'a [u8],
        rest: &'a [u8],
    },
}

/// Splits a stdout buffer into program output, payload and what follows,
/// looking for the marker from `from` on (see [`find_from`]).
pub fn cut_stdout<'a>(buf: &'a [u8], marker: &[u8], from: usize) -> Result<Cut<'a>, String> {
    let Some(at) = find_from(buf, marker, from) else { return Ok(Cut::NoMarker) };
    let after = &buf[at + marker.len()..];
    let Some(nl) = after.iter().position(|&b| b == b'\n') else { return Ok(Cut::Partial) };
    let len: usize = std::str::from_utf8(&after[..nl])
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| "malformed payload length".to_string())?;
    let body = &after[nl + 1..];
    if body.len() < len {
        return Ok(Cut::Partial);
    }
    Ok(Cut::Complete { output: &buf[..at], payload: &body[..len], rest: &body[len..] })
}

/// The payload, decoded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Response {
    pub ok: bool,
    pub error: Option<String>,
    pub returns: Vec<String>,
    pub checkpoints: Vec<String>,
    pub dropped: u64,
    pub recycle: bool,
}

/// Decodes a payload; unknown tags are an error (the server and harness
/// ship together, so a mismatch is a bug worth hearing about).
pub fn parse_payload(mut p: &[u8]) -> Result<Response, String> {
    let mut r = Response::default();
    let mut saw_status = false;
    while !p.is_empty() {
        let nl = p.iter().position(|&b| b == b'\n').ok_or("record header without newline")?;
        let header = std::str::from_utf8(&p[..nl]).map_err(|_| "record header is not UTF-8")?;
        let (tag, len) = header.split_once(' ').ok_or_else(|| format!("bad record header {header:?}"))?;
        let len: usize = len.parse().map_err(|_| format!("bad record length in {header:?}"))?;
        let data = p.get(nl + 1..nl + 1 + len).ok_or("record shorter than its length")?;
        let text = crate::observation::bytes_to_text(data);
        match tag {
            "status" => {
                saw_status = true;
                r.ok = text == "ok";
            }
            "error" => r.error = Some(text),
            "ret" => r.returns.push(text),
            "cp" => r.checkpoints.push(text),
            "dropped" => r.dropped = text.parse().map_err(|_| "bad dropped count")?,
            "recycle" => r.recycle = true,
            _ => return Err(format!("unknown record tag {tag:?}")),
        }
        p = &p[nl + 1 + len..];
    }
    if !saw_status {
        return Err("payload without status".into());
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_waits_for_the_whole_payload() {
        let m = stdout_marker("n1");
        let mut buf = b"hello\0TWIN:n".to_vec();
        assert_eq!(cut_stdout(&buf, &m, 0), Ok(Cut::NoMarker));
        let scanned = buf.len();
        buf.extend_from_slice(b"1:");
        // The marker straddles two reads; scanning from the old end finds it.
        assert_eq!(cut_stdout(&buf, &m, scanned), Ok(Cut::Partial));
        buf.extend_from_slice(b"9\nstatus 2");
        assert_eq!(cut_stdout(&buf, &m, scanned), Ok(Cut::Partial));
        buf.extend_from_slice(b"\nokXY");
        // "status 2\nok" is 11 bytes; the length says 9, so the rest starts early.
        let Cut::Complete { output, payload, rest } = cut_stdout(&buf, &m, scanned).unwrap() else {
            panic!()
        };
        assert_eq!((output, payload, rest), (&b"hello"[..], &b"status 2\n"[..], &b"okXY"[..]));
    }

    #[test]
    fn forged_marker_with_other_nonce_is_output() {
        let m = stdout_marker("real");
        let buf = b"\0TWIN:fake:3\nabc";
        assert_eq!(cut_stdout(buf, &m, 0), Ok(Cut::NoMarker));
    }

    #[test]
    fn payload_round_trip() {
        let p = b"status 5\nerrorerror 6\nprog:1ret 1\n1ret 3\nnilcp 4\ncp 1dropped 1\n2recycle 0\n";
        let r = parse_payload(p).unwrap();
        assert!(!r.ok && r.recycle);
        assert_eq!(r.error.as_deref(), Some("prog:1"));
        assert_eq!(r.returns, ["1", "nil"]);
        assert_eq!(r.checkpoints, ["cp 1"]);
        assert_eq!(r.dropped, 2);
        assert!(parse_payload(b"ret 5\nab").is_err());
        assert!(parse_payload(b"ret 1\na").unwrap_err().contains("status"));
        assert!(parse_payload(b"zzz 0\n").is_err());
    }

    #[test]
    fn request_has_length_header() {
        assert_eq!(request(b"x=1"), b"run 3\nx=1");
    }
}
