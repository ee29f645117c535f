//! Machine code memory: W^X pages of our own, one mapping per piece of code.
//!
//! ```text
//!   mmap(RW) --copy code--> [sync caches (aarch64)] --mprotect(RX)--> executable
//!   (never writable and executable at once; unmapped when the `Code` is dropped)
//! ```
//!
//! ## The instruction cache on aarch64
//!
//! AArch64 does not keep instruction fetch coherent with data stores: the code we
//! copied sits in the data cache (or beyond), and the instruction cache may hold stale
//! lines for the same addresses (a mapping freed by an earlier `Code` and reused). The
//! Arm Architecture Reference Manual's sequence for making instructions written by the
//! program itself executable is, for every line of the written range:
//!
//! ```text
//!   dc cvau, x    clean the data cache line to the Point of Unification, where the
//!                 instruction and data paths meet
//!   dsb ish       ... and wait until every clean is complete, in every core of the
//!                 inner shareable domain
//!   ic ivau, x    invalidate the instruction cache line (to PoU, broadcast to the
//!                 inner shareable domain)
//!   dsb ish       ... and wait until every invalidation is complete
//!   isb           discard instructions this core has already fetched
//! ```
//!
//! [`sync_icache`] does exactly that, with the line sizes read from `CTR_EL0` (DminLine,
//! bits 19:16, and IminLine, bits 3:0, each log2 of the line size in 4-byte words):
//! stepping by a guessed line size would skip lines on a core whose lines are smaller.
//! The loops start at the line containing the first byte and run through the line
//! containing the last, so every written byte is covered. We do it always: the
//! `CTR_EL0.IDC`/`DIC` bits would allow skipping steps on cores that need none, but
//! the full sequence is also correct there and only code compilation pays for it.
//!
//! Why this is enough:
//! - The maintenance runs on the RW mapping before `mprotect(RX)`. Cache maintenance by
//!   virtual address acts on the physical lines behind the address, and `mprotect`
//!   changes permissions, not the address's physical page, so the lines stay clean and
//!   invalid. (EL0 may issue `dc cvau`/`ic ivau` on any address it can read: Linux sets
//!   `SCTLR_EL1.UCI`, and traps and fixes them up on cores with errata.)
//! - `ic ivau` is broadcast, so no core's instruction cache keeps a stale line. The
//!   `isb` only synchronises this core; if the thread then migrates, the kernel's
//!   exception return to it on the new core is itself a context synchronisation event.
//! - Only the thread that compiled a trace runs it (a `State` is single-threaded), so
//!   no other thread can be fetching from the range while it is being written.
//!
//! QEMU's user mode does not model the caches (it retranslates code on writes), so a
//! missing or wrong flush would pass every test under emulation: this path is right by
//! construction and review, not by testing. x86-64 keeps instruction fetch coherent with
//! stores (a jump to the new code is enough, and calling it is one), so it needs no flush.

/// A page-aligned, read-only executable copy of some machine code.
pub struct Code {
    ptr: *mut u8,
    /// Bytes of code (the mapping is `size`, rounded up to pages).
    len: usize,
    size: usize,
}

impl Code {
    /// Maps `bytes` as executable code.
    pub fn new(bytes: &[u8]) -> Result<Code, String> {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as usize;
        let size = bytes.len().max(1).div_ceil(page) * page;
        // SAFETY: an anonymous private mapping with no address hint; the result is
        // checked against MAP_FAILED before use.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err("out of machine code memory".into());
        }
        let ptr = ptr as *mut u8;
        // From here on `Drop` unmaps, also on the error path below.
        let code = Code { ptr, len: bytes.len(), size };
        // SAFETY: the mapping is `size >= bytes.len()` bytes, writable, and fresh (no
        // overlap with `bytes`).
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len()) };
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the range is the code just written, inside our readable mapping.
        unsafe {
            sync_icache(ptr, bytes.len())
        };
        // SAFETY: `ptr .. ptr + size` is our own mapping.
        if unsafe { libc::mprotect(ptr as *mut libc::c_void, size, libc::PROT_READ | libc::PROT_EXEC) } != 0 {
            return Err("cannot protect machine code".into());
        }
        Ok(code)
    }

    /// The first instruction.
    pub fn entry(&self) -> *const u8 {
        self.ptr
    }

    /// The code as it is in memory (what runs).
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: the first `len` bytes of the mapping hold the code; the mapping is
        // readable and never written again while `self` lives.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for Code {
    fn drop(&mut self) {
        // SAFETY: the mapping was created by `new` and nothing runs in it any more
        // (traces are only dropped when no activation is live).
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.size) };
    }
}

/// Makes `len` bytes of freshly written code at `start` visible to instruction fetch
/// (see the module comment for the sequence and why it is sufficient).
///
/// # Safety
/// `start .. start + len` must be mapped and readable.
#[cfg(target_arch = "aarch64")]
unsafe fn sync_icache(start: *const u8, len: usize) {
    use std::arch::asm;
    if len == 0 {
        return;
    }
    let ctr: u64;
    // SAFETY: CTR_EL0 is readable at EL0 on Linux (SCTLR_EL1.UCT set, or emulated by
    // the kernel's trap handler); reading it has no side effects.
    unsafe { asm!("mrs {}, ctr_el0", out(reg) ctr, options(nomem, nostack, preserves_flags)) };
    let dline = 4usize << ((ctr >> 16) & 0xf);
    let iline = 4usize << (ctr & 0xf);
    let (first, end) = (start as usize, start as usize + len);
    let mut a = first & !(dline - 1);
    while a < end {
        // SAFETY: `a` is in a line holding some of the caller's readable range;
        // cleaning a line changes no memory contents.
        unsafe { asm!("dc cvau, {}", in(reg) a, options(nostack, preserves_flags)) };
        a += dline;
    }
    // SAFETY: barriers have no operands.
    unsafe { asm!("dsb ish", options(nostack, preserves_flags)) };
    let mut a = first & !(iline - 1);
    while a < end {
        // SAFETY: as for `dc cvau`; invalidating instruction cache lines changes no
        // memory contents.
        unsafe { asm!("ic ivau, {}", in(reg) a, options(nostack, preserves_flags)) };
        a += iline;
    }
    // SAFETY: barriers have no operands.
    unsafe { asm!("dsb ish", "isb", options(nostack, preserves_flags)) };
}
