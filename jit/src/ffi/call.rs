//! Calls from Lua into C: argument classification per ABI and one generic call stub.
//!
//! We write the call path ourselves instead of using libffi: the stub is thirty
//! instructions per architecture, the classification rules are the product (the JIT
//! will reuse them to compile calls), and it keeps the FFI free of a C dependency.
//!
//! A call is described by a [`CallState`] that Rust fills and the stub consumes:
//!
//! ```text
//!   CallState (#[repr(C)], read by the stubs below)
//!  +0    func      address to call
//!  +8    nstack    8-byte stack slots to pass
//!  +16   stack     pointer to those slots
//!  +24   gpr[8]    x86-64: rdi rsi rdx rcx r8 r9 (6 used) / arm64: x0..x7
//!  +88   fpr[8]    xmm0..7 / d0..d7 (low 64 bits; floats in the low 32)
//!  +152  nfpr      x86-64: %al for varargs (vector registers used)
//!  +160  indirect  arm64: x8, the address of a returned struct in memory
//!  +168  ret_gpr[2]  rax rdx / x0 x1 after the call
//!  +184  ret_fpr[4]  xmm0 xmm1 / d0..d3 after the call
//! ```
//!
//! The stub saves a frame, reserves the stack area (16-byte aligned), copies the slots,
//! loads every register from the state, calls, and stores the result registers back.
//! Classification ([`classify`]) decides which argument goes where:
//!
//! * x86-64 SysV: integers and pointers in the six GPRs, `float`/`double` in eight
//!   SSE registers, the rest on the stack. Aggregates up to 16 bytes are split into
//!   eightbytes, each INTEGER if any integer field overlaps it, else SSE; if the
//!   registers for all of it are not available, or it is bigger, it goes to the stack
//!   (MEMORY). A MEMORY result is written where a hidden first argument points.
//! * AAPCS64: integers in x0..x7, floating point in v0..v7; a homogeneous floating-point
//!   aggregate (1-4 members of one float type) takes consecutive v registers or goes
//!   entirely to the stack; other aggregates up to 16 bytes take one or two GPRs (an
//!   even pair if 16-byte aligned) or the stack; bigger ones are copied and passed by
//!   address. A result aggregate over 16 bytes (and not an HFA) is written via x8.
//!
//! Varargs take LuaJIT's default promotions (numbers as `double`, booleans as `int`,
//! strings as `const char *`, `float` cdata as `double`, small integers as `int`).
//! `errno` is saved right after the call for `ffi.errno()`.

use super::cdata::as_cdata;
use super::ctype::*;
use crate::vm::func::LResult;
use crate::vm::state::State;
use crate::vm::value::*;

#[repr(C)]
#[derive(Default)]
pub struct CallState {
    pub func: u64,
    pub nstack: u64,
    pub stack: u64,
    pub gpr: [u64; 8],
    pub fpr: [u64; 8],
    pub nfpr: u64,
    pub indirect: u64,
    pub ret_gpr: [u64; 2],
    pub ret_fpr: [u64; 4],
}

const _: () = assert!(std::mem::offset_of!(CallState, nstack) == 8);
const _: () = assert!(std::mem::offset_of!(CallState, stack) == 16);
const _: () = assert!(std::mem::offset_of!(CallState, gpr) == 24);
const _: () = assert!(std::mem::offset_of!(CallState, fpr) == 88);
const _: () = assert!(std::mem::offset_of!(CallState, nfpr) == 152);
const _: () = assert!(std::mem::offset_of!(CallState, indirect) == 160);
const _: () = assert!(std::mem::offset_of!(CallState, ret_gpr) == 168);
const _: () = assert!(std::mem::offset_of!(CallState, ret_fpr) == 184);
const _: () = assert!(std::mem::size_of::<CallState>() == 216);

unsafe extern "C" {
    /// The generic call stub (below, per architecture).
    fn twin_ffi_call(cs: *mut CallState);
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".globl twin_ffi_call",
    ".p2align 4",
    "twin_ffi_call:",
    "push rbp",
    "mov rbp, rsp",
    "push rbx",
    "push r12",
    "mov rbx, rdi",
    "mov rcx, [rbx + 8]",
    "lea rax, [rcx * 8 + 15]",
    "and rax, -16",
    "sub rsp, rax",
    "mov rsi, [rbx + 16]",
    "xor edx, edx",
    "2:",
    "cmp rdx, rcx",
    "jae 3f",
    "mov rax, [rsi + rdx * 8]",
    "mov [rsp + rdx * 8], rax",
    "inc rdx",
    "jmp 2b",
    "3:",
    "movq xmm0, [rbx + 88]",
    "movq xmm1, [rbx + 96]",
    "movq xmm2, [rbx + 104]",
    "movq xmm3, [rbx + 112]",
    "movq xmm4, [rbx + 120]",
    "movq xmm5, [rbx + 128]",
    "movq xmm6, [rbx + 136]",
    "movq xmm7, [rbx + 144]",
    "mov rdi, [rbx + 24]",
    "mov rsi, [rbx + 32]",
    "mov rdx, [rbx + 40]",
    "mov rcx, [rbx + 48]",
    "mov r8, [rbx + 56]",
    "mov r9, [rbx + 64]",
    "mov rax, [rbx + 152]",
    "mov r10, [rbx]",
    "call r10",
    "mov [rbx + 168], rax",
    "mov [rbx + 176], rdx",
    "movq [rbx + 184], xmm0",
    "movq [rbx + 192], xmm1",
    "lea rsp, [rbp - 16]",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
);

#[cfg(target_arch = "aarch64")]
std::arch::global_asm!(
    ".text",
    ".globl twin_ffi_call",
    ".p2align 2",
    "twin_ffi_call:",
    "stp x29, x30, [sp, #-32]!",
    "mov x29, sp",
    "str x19, [sp, #16]",
    "mov x19, x0",
    "ldr x9, [x19, #8]",
    "lsl x10, x9, #3",
    "add x10, x10, #15",
    "and x10, x10, #-16",
    "sub sp, sp, x10",
    "ldr x11, [x19, #16]",
    "mov x12, #0",
    "2:",
    "cmp x12, x9",
    "b.hs 3f",
    "ldr x13, [x11, x12, lsl #3]",
    "str x13, [sp, x12, lsl #3]",
    "add x12, x12, #1",
    "b 2b",
    "3:",
    "ldp d0, d1, [x19, #88]",
    "ldp d2, d3, [x19, #104]",
    "ldp d4, d5, [x19, #120]",
    "ldp d6, d7, [x19, #136]",
    "ldr x8, [x19, #160]",
    "ldp x0, x1, [x19, #24]",
    "ldp x2, x3, [x19, #40]",
    "ldp x4, x5, [x19, #56]",
    "ldp x6, x7, [x19, #72]",
    "ldr x16, [x19]",
    "blr x16",
    "stp x0, x1, [x19, #168]",
    "stp d0, d1, [x19, #184]",
    "stp d2, d3, [x19, #200]",
    "mov sp, x29",
    "ldr x19, [sp, #16]",
    "ldp x29, x30, [sp], #32",
    "ret",
);

#[cfg(target_arch = "x86_64")]
const NGPR: usize = 6;
#[cfg(not(target_arch = "x86_64"))]
const NGPR: usize = 8;
const NFPR: usize = 8;

/// Where one value goes (or comes from).
#[derive(Clone, Debug, PartialEq)]
pub enum Loc {
    /// Eightbytes in registers: for each, `(is_fp, register index, bytes)`.
    Regs(Vec<(bool, usize, u32)>),
    /// Copied to the stack at this slot index.
    Stack(usize),
    /// Copied to memory and passed by address (AAPCS64 aggregates over 16 bytes): the
    /// address goes to the GPR, or the stack slot when `None`.
    ByRef(Option<usize>, usize),
}

/// What kind of register an eightbyte (x86-64) or member (HFA) needs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    Int,
    Sse,
}

/// Register allocation state while classifying a call's arguments.
#[derive(Default)]
pub struct Alloc {
    ngpr: usize,
    nfpr: usize,
    nstack: usize,
}

impl CTypes {
    /// The scalar leaves of a type, as `(offset, size, is_float)`; `None` for types
    /// that cannot be passed (`long double`, VLAs, functions).
    fn leaves(&self, ty: CTypeId, base: u32, out: &mut Vec<(u32, u32, bool)>, depth: u32) -> Option<()> {
        if depth > 32 {
            return None;
        }
        let ct = self.get(ty);
        match ct.kind {
            Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Ptr(_) | Kind::Ref(_) => {
                out.push((base, ct.size, false))
            }
            Kind::Float => out.push((base, ct.size, true)),
            Kind::Complex => {
                let h = ct.size / 2;
                out.push((base, h, true));
                out.push((base + h, h, true));
            }
            Kind::Array { elem, len: Some(n) } => {
                let es = self.get(elem).size;
                for i in 0..n.min(64) {
                    self.leaves(elem, base + i * es, out, depth + 1)?;
                }
            }
            Kind::Record(r) => {
                for f in &self.records[r as usize].fields {
                    if let Some((_, w)) = f.bits {
                        if w > 0 {
                            out.push((base + f.offset, self.get(f.ty).size, false));
                        }
                    } else {
                        self.leaves(f.ty, base + f.offset, out, depth + 1)?;
                    }
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// AAPCS64: the member type size and count if `ty` is a homogeneous floating-point
    /// aggregate (1-4 members, all `float` or all `double`).
    pub fn hfa(&self, ty: CTypeId) -> Option<(u32, u32)> {
        if !matches!(self.get(ty).kind, Kind::Record(_) | Kind::Array { .. } | Kind::Complex) {
            return None;
        }
        let mut l = Vec::new();
        self.leaves(ty, 0, &mut l, 0)?;
        let first = l.first()?;
        let ok = (1..=4).contains(&l.len()) && l.iter().all(|x| x.2 && x.1 == first.1);
        ok.then_some((first.1, l.len() as u32))
    }

    /// x86-64: the classes of the eightbytes of an aggregate of at most 16 bytes, or
    /// `None` for MEMORY.
    fn eightbytes(&self, ty: CTypeId) -> Option<Vec<Class>> {
        let ct = self.get(ty);
        if ct.size > 16 || ct.size == 0 {
            return None;
        }
        let mut l = Vec::new();
        self.leaves(ty, 0, &mut l, 0)?;
        let n = ct.size.div_ceil(8) as usize;
        let mut classes = vec![Class::Sse; n];
        let mut seen = vec![false; n];
        for (off, size, fp) in l {
            // A field that is not naturally aligned makes the aggregate MEMORY.
            if size > 0 && off % size.min(8) != 0 {
                return None;
            }
            let i = (off / 8) as usize;
            if i >= n {
                return None;
            }
            seen[i] = true;
            if !fp {
                classes[i] = Class::Int;
            }
        }
        // Padding-only eightbytes are SSE-free in practice; treat them as INTEGER.
        for (c, s) in classes.iter_mut().zip(seen) {
            if !s {
                *c = Class::Int;
            }
        }
        Some(classes)
    }
}

impl Alloc {
    fn stack_slots(&mut self, size: u32, align: u32) -> usize {
        if align > 8 {
            self.nstack = self.nstack.next_multiple_of((align / 8) as usize);
        }
        let at = self.nstack;
        self.nstack += size.div_ceil(8).max(1) as usize;
        at
    }

    /// Where an argument of type `ty` goes.
    pub fn arg(&mut self, cts: &CTypes, ty: CTypeId) -> Option<Loc> {
        let ct = *cts.get(ty);
        match ct.kind {
            Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Ptr(_) | Kind::Ref(_) => {
                if self.ngpr < NGPR {
                    self.ngpr += 1;
                    return Some(Loc::Regs(vec![(false, self.ngpr - 1, ct.size)]));
                }
                if cfg!(target_arch = "aarch64") {
                    self.ngpr = NGPR;
                }
                Some(Loc::Stack(self.stack_slots(8, 8)))
            }
            Kind::Float => {
                if self.nfpr < NFPR {
                    self.nfpr += 1;
                    return Some(Loc::Regs(vec![(true, self.nfpr - 1, ct.size)]));
                }
                Some(Loc::Stack(self.stack_slots(8, 8)))
            }
            Kind::Record(_) | Kind::Array { len: Some(_), .. } | Kind::Complex => {
                if cfg!(target_arch = "aarch64") {
                    self.arg_aggregate_a64(cts, ty)
                } else {
                    self.arg_aggregate_x64(cts, ty)
                }
            }
            _ => None,
        }
    }

    fn arg_aggregate_x64(&mut self, cts: &CTypes, ty: CTypeId) -> Option<Loc> {
        let ct = *cts.get(ty);
        if let Some(classes) = cts.eightbytes(ty) {
            let ni = classes.iter().filter(|c| **c == Class::Int).count();
            let nf = classes.len() - ni;
            if self.ngpr + ni <= NGPR && self.nfpr + nf <= NFPR {
                let mut regs = Vec::new();
                let mut left = ct.size;
                for c in classes {
                    let bytes = left.min(8);
                    left -= bytes;
                    if c == Class::Int {
                        regs.push((false, self.ngpr, bytes));
                        self.ngpr += 1;
                    } else {
                        regs.push((true, self.nfpr, bytes));
                        self.nfpr += 1;
                    }
                }
                return Some(Loc::Regs(regs));
            }
        }
        cts.leaves(ty, 0, &mut Vec::new(), 0)?;
        Some(Loc::Stack(self.stack_slots(ct.size, ct.align)))
    }

    fn arg_aggregate_a64(&mut self, cts: &CTypes, ty: CTypeId) -> Option<Loc> {
        let ct = *cts.get(ty);
        if let Some((msize, n)) = cts.hfa(ty) {
            if self.nfpr + n as usize <= NFPR {
                let regs = (0..n as usize).map(|i| (true, self.nfpr + i, msize)).collect();
                self.nfpr += n as usize;
                return Some(Loc::Regs(regs));
            }
            self.nfpr = NFPR;
            return Some(Loc::Stack(self.stack_slots(ct.size, ct.align.min(8))));
        }
        cts.leaves(ty, 0, &mut Vec::new(), 0)?;
        if ct.size > 16 {
            // Passed by address of a caller-made copy.
            if self.ngpr < NGPR {
                self.ngpr += 1;
                return Some(Loc::ByRef(Some(self.ngpr - 1), 0));
            }
            return Some(Loc::ByRef(None, self.stack_slots(8, 8)));
        }
        let n = ct.size.div_ceil(8) as usize;
        if ct.align == 16 {
            self.ngpr = self.ngpr.next_multiple_of(2);
        }
        if self.ngpr + n <= NGPR {
            let mut left = ct.size;
            let regs = (0..n)
                .map(|i| {
                    let b = left.min(8);
                    left -= b;
                    (false, self.ngpr + i, b)
                })
                .collect();
            self.ngpr += n;
            return Some(Loc::Regs(regs));
        }
        self.ngpr = NGPR;
        Some(Loc::Stack(self.stack_slots(ct.size, ct.align)))
    }
}

/// Where a result of type `ty` comes back: registers, or memory (`None`) through a
/// hidden pointer (x86-64: first GPR; arm64: x8).
pub fn result_loc(cts: &CTypes, ty: CTypeId) -> Option<Option<Vec<(bool, usize, u32)>>> {
    let ct = *cts.get(ty);
    match ct.kind {
        Kind::Void => Some(Some(Vec::new())),
        Kind::Bool | Kind::Int { .. } | Kind::Enum(_) | Kind::Ptr(_) => Some(Some(vec![(false, 0, ct.size)])),
        Kind::Float => Some(Some(vec![(true, 0, ct.size)])),
        Kind::Record(_) | Kind::Complex | Kind::Array { len: Some(_), .. } => {
            if cfg!(target_arch = "aarch64") {
                if let Some((m, n)) = cts.hfa(ty) {
                    return Some(Some((0..n as usize).map(|i| (true, i, m)).collect()));
                }
                cts.leaves(ty, 0, &mut Vec::new(), 0)?;
                if ct.size > 16 {
                    return Some(None);
                }
                let mut left = ct.size;
                Some(Some(
                    (0..ct.size.div_ceil(8) as usize)
                        .map(|i| {
                            let b = left.min(8);
                            left -= b;
                            (false, i, b)
                        })
                        .collect(),
                ))
            } else {
                let Some(classes) = cts.eightbytes(ty) else {
                    cts.leaves(ty, 0, &mut Vec::new(), 0)?;
                    return Some(None);
                };
                let (mut gi, mut fi) = (0, 0);
                let mut left = ct.size;
                let mut regs = Vec::new();
                for c in classes {
                    let b = left.min(8);
                    left -= b;
                    if c == Class::Int {
                        regs.push((false, gi, b));
                        gi += 1;
                    } else {
                        regs.push((true, fi, b));
                        fi += 1;
                    }
                }
                Some(Some(regs))
            }
        }
        _ => None,
    }
}

fn words_as_bytes(w: &[u64]) -> Vec<u8> {
    w.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// `n <= 8` bytes at `off` as a zero-extended little-endian word.
fn read_word(bytes: &[u8], off: usize, n: usize) -> u64 {
    let mut b = [0u8; 8];
    let end = (off + n.min(8)).min(bytes.len());
    if off < end {
        b[..end - off].copy_from_slice(&bytes[off..end]);
    }
    u64::from_le_bytes(b)
}

/// An 8-byte aligned scratch buffer of `size` bytes.
fn scratch(size: u32) -> Vec<u64> {
    vec![0u64; size.div_ceil(8).max(1) as usize]
}

impl State {
    /// The C type LuaJIT gives a vararg argument (its default promotions).
    fn vararg_type(&mut self, v: TValue) -> LResult<CTypeId> {
        if v.is_number() {
            return Ok(id::DOUBLE);
        }
        if v.is_bool() {
            return Ok(id::INT32);
        }
        if v.is_nil() || v.tag() == TAG_LIGHTUD {
            return Ok(id::P_VOID);
        }
        if v.is_str() {
            return Ok(id::P_CCHAR);
        }
        if let Some(c) = as_cdata(v) {
            let cts = &mut self.ffi().cts;
            let mut ty = c.ctype;
            if let Kind::Ref(t) = cts.get(ty).kind {
                ty = t;
            }
            let ct = *cts.get(ty);
            return Ok(match ct.kind {
                Kind::Float => id::DOUBLE,
                Kind::Int { .. } | Kind::Bool | Kind::Enum(_) if ct.size < 4 => id::INT32,
                Kind::Enum(_) => id::INT32,
                Kind::Array { elem, .. } => cts.ptr_to(elem),
                Kind::Func(_) => cts.ptr_to(ty),
                _ => cts.unqualified(ty),
            });
        }
        let n = v.type_of().name();
        Err(self.caller_error(&format!("cannot convert '{n}' to 'void *'")))
    }

    /// Calls the C function of type `fty` at `addr` with the Lua arguments `args`,
    /// returning the number of results pushed.
    pub fn ffi_call(&mut self, fty: CTypeId, addr: u64, args: &[TValue]) -> LResult<usize> {
        let Some(fd) = self.ffi().cts.func(fty).cloned() else {
            let n = self.ffi().cts.repr(fty);
            return Err(self.caller_error(&format!("'{n}' is not callable")));
        };
        if args.len() < fd.params.len() || (!fd.varargs && args.len() > fd.params.len()) {
            return Err(self.caller_error("wrong number of arguments for function call"));
        }
        let mut cs = CallState { func: addr, ..CallState::default() };
        let mut alloc = Alloc::default();
        let nyi = |st: &mut State| st.caller_error("NYI: cannot call this C function (yet)");
        // The result: registers, or memory through a hidden pointer.
        let rloc = match result_loc(&self.ffi().cts, fd.ret) {
            Some(r) => r,
            None => return Err(nyi(self)),
        };
        let rsize = self.ffi().cts.get(fd.ret).size;
        let mut rbuf = scratch(if rsize == SIZE_UNKNOWN { 8 } else { rsize });
        if rloc.is_none() {
            if cfg!(target_arch = "aarch64") {
                cs.indirect = rbuf.as_mut_ptr() as u64;
            } else {
                cs.gpr[0] = rbuf.as_mut_ptr() as u64;
                alloc.ngpr = 1;
            }
        }
        // Arguments: each converted into its own buffer, then placed.
        let mut bufs: Vec<Vec<u64>> = Vec::with_capacity(args.len());
        let mut stack: Vec<u64> = Vec::new();
        for (i, &v) in args.iter().enumerate() {
            let ty = match fd.params.get(i) {
                Some(&t) => t,
                None => self.vararg_type(v)?,
            };
            let size = self.ffi().cts.get(ty).size;
            if size == SIZE_UNKNOWN {
                return Err(nyi(self));
            }
            let mut buf = scratch(size);
            // SAFETY: `buf` has room for a value of type `ty`.
            if let Err(e) = unsafe { self.lua_to_c(ty, buf.as_mut_ptr() as *mut u8, v, false) } {
                return Err(self.arg_conv_error(e, i + 1));
            }
            let Some(loc) = alloc.arg(&self.ffi().cts, ty) else { return Err(nyi(self)) };
            match loc {
                Loc::Regs(regs) => {
                    // Each register takes the next `bytes` of the value (eightbytes on
                    // x86-64, members of an HFA on arm64).
                    let bytes = words_as_bytes(&buf);
                    let mut off = 0usize;
                    for (fp, r, n) in regs {
                        let word = read_word(&bytes, off, n as usize);
                        off += n as usize;
                        if fp {
                            cs.fpr[r] = word;
                        } else {
                            cs.gpr[r] = word;
                        }
                    }
                }
                Loc::Stack(at) => {
                    let words = size.div_ceil(8).max(1) as usize;
                    if stack.len() < at + words {
                        stack.resize(at + words, 0);
                    }
                    stack[at..at + words].copy_from_slice(&buf[..words]);
                }
                Loc::ByRef(reg, at) => {
                    let p = buf.as_ptr() as u64;
                    match reg {
                        Some(r) => cs.gpr[r] = p,
                        None => {
                            if stack.len() <= at {
                                stack.resize(at + 1, 0);
                            }
                            stack[at] = p;
                        }
                    }
                }
            }
            bufs.push(buf);
        }
        cs.nstack = stack.len() as u64;
        cs.stack = stack.as_ptr() as u64;
        cs.nfpr = alloc.nfpr as u64;
        // SAFETY: the program declared `addr` to be a function of type `fty`; every
        // argument is in the place the ABI gives it, every buffer outlives the call.
        // As in C and LuaJIT, a wrong declaration is the program's responsibility.
        super::callback::with_current(self, |_| unsafe { twin_ffi_call(&mut cs) });
        // SAFETY: reading the thread's errno right after the call.
        self.ffi().errno = unsafe { *libc::__errno_location() };
        drop(bufs);
        self.raise_callback_error()?;
        if let Some(regs) = rloc {
            if regs.is_empty() {
                return Ok(0);
            }
            let mut bytes = vec![0u8; rbuf.len() * 8];
            let mut off = 0usize;
            for (fp, r, n) in regs {
                let w = if fp { cs.ret_fpr[r] } else { cs.ret_gpr[r] };
                let n = (n as usize).min(bytes.len().saturating_sub(off));
                bytes[off..off + n].copy_from_slice(&w.to_le_bytes()[..n]);
                off += n;
            }
            for (w, chunk) in rbuf.iter_mut().zip(bytes.chunks_exact(8)) {
                let mut b = [0u8; 8];
                b.copy_from_slice(chunk);
                *w = u64::from_le_bytes(b);
            }
        }
        let v = self.c_result(fd.ret, rbuf.as_ptr() as *const u8)?;
        self.push(v)?;
        Ok(1)
    }

    /// A callback failed during the C call that just returned: raises its error here
    /// (see `callback`).
    fn raise_callback_error(&mut self) -> LResult<()> {
        match self.ffi().callbacks.pending.take() {
            Some(e) => {
                self.errval = e;
                Err(crate::vm::func::Throw::Error)
            }
            None => Ok(()),
        }
    }

    /// Finishes a compiled C call that a callback bailed (see `trace::bail`), as
    /// `ffi_call` finishes a call once the C function returned: the interpreter's frame
    /// of the call is current (the `__call` native's, whose first argument is the
    /// function cdata), errno was saved right after the call, `raw` holds the result's
    /// bits. Raises a callback's error, or pushes the result; returns the result count.
    pub fn ffi_finish_bailed(&mut self, raw: u64) -> LResult<usize> {
        let th = self.th();
        let f = th.stack[th.base];
        let fty = as_cdata(f).map(|c| {
            let cts = &self.ffi().cts;
            match cts.get(c.ctype).kind {
                Kind::Ptr(t) => t,
                _ => c.ctype,
            }
        });
        let Some(ret) = fty.and_then(|t| self.ffi().cts.func(t)).map(|fd| fd.ret) else {
            return Err(self.rt_error("internal error: bailed C call without its function"));
        };
        self.raise_callback_error()?;
        if matches!(self.ffi().cts.get(ret).kind, Kind::Void) {
            return Ok(0);
        }
        let rbuf = [raw, 0];
        let v = self.c_result(ret, rbuf.as_ptr() as *const u8)?;
        self.push(v)?;
        Ok(1)
    }

    /// Turns a conversion error for argument `n` into LuaJIT's form for C calls,
    /// "bad argument #n to '?' (cannot convert ...)".
    fn arg_conv_error(&mut self, e: crate::vm::func::Throw, n: usize) -> crate::vm::func::Throw {
        if !self.errval.is_str() {
            return e;
        }
        // SAFETY: checked string.
        let msg = String::from_utf8_lossy(unsafe { crate::lib::str_bytes(self.errval) }).into_owned();
        self.rt_error(&format!("bad argument #{n} to '?' ({msg})"))
    }

    /// A C result as a Lua value: aggregates are copied into a new cdata.
    fn c_result(&mut self, ty: CTypeId, p: *const u8) -> LResult<TValue> {
        let ct = *self.ffi().cts.get(ty);
        if matches!(ct.kind, Kind::Record(_) | Kind::Array { .. }) {
            let cd = self
                .new_cdata(ty, ct.size as usize, ct.align as usize)
                .ok_or_else(|| self.rt_error("not enough memory"))?;
            if let Some(c) = as_cdata(cd) {
                // SAFETY: both are `size` bytes.
                unsafe { std::ptr::copy_nonoverlapping(p, c.ptr, ct.size as usize) };
            }
            return Ok(cd);
        }
        // SAFETY: `p` holds a value of type `ty`.
        unsafe { self.c_to_lua(ty, p) }
    }
}

// ---- Helpers of compiled calls (`trace::record::ffi_call`). -------------------------
//
// Called only by trace code, with `st` the state running the trace.

/// `CCONV`: Lua value `v` as an argument of C type `ty`, by the interpreter's own
/// conversion, into `*out` (integers extended to 64 bits by their type's sign, a
/// `float`'s bits in the low half). Returns 0 when the conversion fails (the trace
/// exits before the call, and the interpreter raises the error), else 1.
///
/// # Safety
/// `st` is the state running the trace; `out` is writable; `v` is a value the trace
/// holds (live: in a slot or a register, and no collection runs on trace).
pub unsafe extern "C" fn trace_conv_arg(st: *mut State, ty: u64, v: u64, out: *mut u64) -> u64 {
    // SAFETY: per the contract.
    let st = unsafe { &mut *st };
    let ty = ty as CTypeId;
    let mut buf = [0u64; 2];
    // SAFETY: `buf` has room for any scalar.
    if unsafe { st.lua_to_c(ty, buf.as_mut_ptr() as *mut u8, TValue(v), false) }.is_err() {
        return 0;
    }
    let bits = match st.ffi().cts.get(ty).kind {
        Kind::Float => buf[0],
        // SAFETY: `buf` holds a scalar of type `ty`.
        _ => unsafe { st.ffi().read_scalar(ty, buf.as_ptr() as *const u8) }.map_or(buf[0], |s| s.to_u64()),
    };
    // SAFETY: per the contract.
    unsafe { *out = bits };
    1
}

/// `CBOX`: the raw result `raw` of a compiled call as the Lua value of C type `ty`, by
/// the interpreter's conversion (64-bit integers and pointers become new cdata).
///
/// # Safety
/// As [`trace_conv_arg`].
pub unsafe extern "C" fn trace_box_result(st: *mut State, ty: u64, raw: u64) -> u64 {
    // SAFETY: per the contract.
    let st = unsafe { &mut *st };
    let buf = [raw, 0];
    // SAFETY: `buf` holds a scalar of type `ty` in its low bytes.
    match unsafe { st.c_to_lua(ty as CTypeId, buf.as_ptr() as *const u8) } {
        Ok(v) => v.bits(),
        // The recorder boxes only scalars c_to_lua converts (bool, enums, 64-bit
        // integers, pointers): it fails only when the allocator does, and the call has
        // been made, so there is no state to leave through. As Rust does on allocation
        // failure: abort.
        Err(_) => {
            eprintln!("twin-lua: out of memory boxing a C call's result on trace");
            std::process::abort()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::cparse::{cdef, parse_type};

    // Only the SysV test classifies whole signatures.
    #[cfg(target_arch = "x86_64")]
    fn locs(decl: &str) -> Vec<Loc> {
        let mut c = CTypes::new();
        cdef(&mut c, b"struct i2 { int a, b; }; struct d2 { double x, y; }; struct mix { char t; long long w; float f; };
                      struct big { long long a, b, c; }; struct fi { float a; int b; }; struct f3 { float a, b, c; };", &[])
            .expect("cdef");
        let f = parse_type(&mut c, decl.as_bytes(), &[]).expect("type");
        let fd = c.func(f).cloned().expect("function type");
        let mut a = Alloc::default();
        fd.params.iter().map(|&t| a.arg(&c, t).expect("passable")).collect()
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sysv_classification() {
        use Loc::*;
        assert_eq!(
            locs("void (int, double, struct i2, struct d2)"),
            vec![
                Regs(vec![(false, 0, 4)]),
                Regs(vec![(true, 0, 8)]),
                Regs(vec![(false, 1, 8)]),
                Regs(vec![(true, 1, 8), (true, 2, 8)])
            ]
        );
        // 24 bytes: MEMORY. A float and an int share one INTEGER eightbyte.
        assert_eq!(
            locs("void (struct big, struct fi, struct mix)")[..2],
            [Stack(0), Regs(vec![(false, 0, 8)])]
        );
        // Out of GPRs: a two-eightbyte struct goes whole to the stack.
        let l = locs("void (int, int, int, int, int, struct i2, struct mix)");
        assert_eq!(l[5], Regs(vec![(false, 5, 8)]));
        assert_eq!(l[6], Stack(0));
    }

    #[test]
    fn hfas() {
        let mut c = CTypes::new();
        cdef(
            &mut c,
            b"struct f3 { float a, b, c; }; struct fi { float a; int b; }; struct d4 { double a[4]; };",
            &[],
        )
        .expect("cdef");
        let t = |c: &mut CTypes, s: &str| parse_type(c, s.as_bytes(), &[]).expect("type");
        let (f3, fi, d4) = (t(&mut c, "struct f3"), t(&mut c, "struct fi"), t(&mut c, "struct d4"));
        assert_eq!(c.hfa(f3), Some((4, 3)));
        assert_eq!(c.hfa(fi), None);
        assert_eq!(c.hfa(d4), Some((8, 4)));
        assert_eq!(c.hfa(id::COMPLEX), Some((8, 2)));
    }
}
