//! Machine code listings for `-jdump`: the bytes of a trace as they sit in code memory,
//! decoded by a real disassembler (what runs, after Cranelift's branch simplification and
//! our own copying, not Cranelift's idea of it).
//!
//! ```text
//!   x86-64 (iced-x86, Intel syntax):     aarch64 (yaxpeax-arm; the word, then the text):
//!   7f1c2a3b0000  push rbp               ffff9a3b0000  a9bf7bfd  stp x29, x30, [sp, #-0x10]!
//!   7f1c2a3b0001  mov rbp,rsp            ffff9a3b0004  910003fd  mov x29, sp
//! ```
//!
//! One line per instruction, the address first (as LuaJIT's `-jdump` does). Each build
//! carries the decoder of its own architecture only.

/// The listing of `code`, one instruction per line.
pub fn listing(code: &[u8], addr: u64) -> String {
    let mut out = String::new();
    decode(code, addr, &mut out);
    out
}

/// Cranelift's x86-64 code reads its constants RIP-relative from a pool after the last
/// instruction; no instruction reads code. So the lowest RIP-relative address inside the
/// buffer, once every instruction before it has been seen, is where the data starts, and
/// that rest is listed as data rather than as the instructions its bytes would spell.
#[cfg(target_arch = "x86_64")]
fn decode(code: &[u8], addr: u64, out: &mut String) {
    use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};
    use std::fmt::Write;
    let end = addr + code.len() as u64;
    let mut data = end;
    let mut dec = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut fmt = IntelFormatter::new();
    let mut ins = Instruction::default();
    let mut text = String::new();
    while dec.can_decode() && dec.ip() < data {
        dec.decode_out(&mut ins);
        if ins.is_ip_rel_memory_operand() && (addr..end).contains(&ins.ip_rel_memory_address()) {
            data = data.min(ins.ip_rel_memory_address());
        }
        text.clear();
        fmt.format(&ins, &mut text);
        let _ = writeln!(out, "{:012x}  {text}", ins.ip());
    }
    let from = (dec.ip() - addr) as usize;
    for (i, chunk) in code[from..].chunks(8).enumerate() {
        let bytes: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(out, "{:012x}  db {}", dec.ip() + 8 * i as u64, bytes.join(" "));
    }
}

#[cfg(target_arch = "aarch64")]
fn decode(code: &[u8], addr: u64, out: &mut String) {
    use std::fmt::Write;
    use yaxpeax_arch::{Decoder, U8Reader};
    let dec = yaxpeax_arm::armv8::a64::InstDecoder::default();
    for (i, w) in code.chunks(4).enumerate() {
        let at = addr + 4 * i as u64;
        let Ok(word) = <[u8; 4]>::try_from(w) else {
            let _ = writeln!(out, "{at:012x}  (trailing bytes {w:02x?})");
            continue;
        };
        let text = match dec.decode(&mut U8Reader::new(w)) {
            Ok(ins) => ins.to_string(),
            Err(e) => format!(".inst (undecoded: {e})"),
        };
        let _ = writeln!(out, "{at:012x}  {:08x}  {text}", u32::from_le_bytes(word));
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn decode(code: &[u8], addr: u64, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(out, "{addr:012x}  ({} bytes; no disassembler for this architecture)", code.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::JitParams;
    use crate::vm::api::Lua;

    /// Whether `line` is `<12 hex digits>  <text>`.
    fn is_listing_line(line: &str) -> bool {
        let (addr, text) = line.split_at(line.len().min(12));
        addr.len() == 12
            && addr.bytes().all(|b| b.is_ascii_hexdigit())
            && text.strip_prefix("  ").is_some_and(|t| !t.is_empty())
    }

    #[test]
    fn a_compiled_trace_lists_as_instructions() {
        let mut lua = Lua::new();
        let st = lua.state();
        assert!(st.lib.jit.apply("hotloop=1"));
        st.jit.set_params(JitParams::from_settings(&st.lib.jit, 1));
        let r = lua.exec(b"local s = 0 for i = 1, 100 do s = s + i * 0.5 end return s", "=t").expect("runs");
        assert_eq!(r[0].as_number(), 2525.0);
        let code = &lua.state().jit.trace(1).expect("a trace formed").code;
        let l = listing(code.bytes(), code.entry() as u64);
        assert!(l.lines().all(is_listing_line), "{l}");
        assert!(l.starts_with(&format!("{:012x}  ", code.entry() as u64)), "{l}");
        // The frame set-up first (frame pointers are preserved), and an exit returns.
        let (prologue, ret) = if cfg!(target_arch = "x86_64") {
            ("  push rbp\n", "  ret\n")
        } else {
            ("  stp x29, x30, [sp, #-0x10]!\n", "  ret\n")
        };
        let first = l.lines().next().unwrap_or_default();
        assert!(format!("{first}\n").ends_with(prologue), "{l}");
        assert!(l.contains(ret), "{l}");
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn x86_64_bytes_decode_to_intel_syntax() {
        // push rbp; mov rbp, rsp; ret
        let l = listing(&[0x55, 0x48, 0x89, 0xe5, 0xc3], 0x1000);
        assert_eq!(l, "000000001000  push rbp\n000000001001  mov rbp,rsp\n000000001004  ret\n");
    }

    #[cfg(target_arch = "aarch64")]
    #[test]
    fn aarch64_words_decode_with_their_encoding() {
        // stp x29, x30, [sp, #-16]!; ret
        let l = listing(&[0xfd, 0x7b, 0xbf, 0xa9, 0xc0, 0x03, 0x5f, 0xd6], 0x1000);
        let lines: Vec<&str> = l.lines().collect();
        assert_eq!(lines.len(), 2, "{l}");
        assert!(lines[0].starts_with("000000001000  a9bf7bfd  stp x29, x30, [sp, #-0x10]!"), "{l}");
        assert_eq!(lines[1], "000000001004  d65f03c0  ret");
    }
}
