//! Machine code memory: W^X pages of our own, one mapping per piece of code.
//!
//! ```text
//!   mmap(RW) --copy code--> [flush icache (aarch64)] --mprotect(RX)--> executable
//!   (never writable and executable at once; unmapped when the `Code` is dropped)
//! ```
//!
//! On aarch64 the instruction cache is not coherent with data writes: after writing
//! code, the written range must be cleaned from the data cache and invalidated in the
//! instruction cache before it runs. `__clear_cache` (libgcc / compiler-rt, linked by
//! Rust's std on Linux) does exactly that — `dc cvau` + `ic ivau` over the range, then
//! `dsb ish; isb` — on the range's virtual addresses, which are the ones we execute.
//! QEMU's user mode does not model the caches, so this path is right by construction
//! only: it is called for every mapping, before the mapping becomes executable, with
//! the exact range that was written. x86-64 keeps its caches coherent (no flush).

/// A page-aligned, read-only executable copy of some machine code.
pub struct Code {
    ptr: *mut u8,
    size: usize,
}

#[cfg(target_arch = "aarch64")]
unsafe extern "C" {
    fn __clear_cache(start: *mut std::ffi::c_char, end: *mut std::ffi::c_char);
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
        // SAFETY: the mapping is `size >= bytes.len()` bytes, writable, and fresh (no
        // overlap with `bytes`).
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len()) };
        #[cfg(target_arch = "aarch64")]
        // SAFETY: the range is the code just written, inside our mapping.
        unsafe {
            __clear_cache(ptr as *mut std::ffi::c_char, ptr.add(bytes.len()) as *mut std::ffi::c_char)
        };
        let code = Code { ptr, size };
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
}

impl Drop for Code {
    fn drop(&mut self) {
        // SAFETY: the mapping was created by `new` and nothing runs in it any more
        // (traces are only dropped when no activation is live).
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.size) };
    }
}
