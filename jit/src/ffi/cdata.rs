//! cdata: C data owned by the Lua GC.
//!
//! ```text
//!   Cdata (#[repr(C)], read by machine code later)
//!  +0   GcHeader   next, kind = Cdata, marked, finalized
//!  +16  ctype      u32   the C type of the payload
//!  +20  flags      u32   IS_CTYPE: a ctype object (what ffi.typeof returns)
//!  +24  ptr        *u8   the payload: `size` bytes aligned to `align`
//!  +32  size       usize
//!  +40  align      usize
//!  +48  fin        TValue  finalizer (ffi.gc or a metatype's __gc), nil if none
//! ```
//!
//! The payload is a separate allocation so that its alignment can be anything a C
//! type asks for (`aligned(64)`); it is zeroed when created, as LuaJIT's `ffi.new`.
//! Pointers, references and scalars hold their value in the payload: a `cdata<int *>`
//! is eight bytes holding an address.
//!
//! A ctype object (`ffi.typeof`) is a cdata with `IS_CTYPE` and no payload; it prints
//! as `ctype<...>` and is callable as a constructor.
//!
//! Finalizers: a cdata whose `fin` is not nil is resurrected once when found
//! unreachable and `fin(cdata)` runs after the sweep (hooks in `vm::gc`).

use super::ctype::CTypeId;
use crate::vm::gc::{GcHeader, GcKind, GcObject};
use crate::vm::state::State;
use crate::vm::value::*;

pub const IS_CTYPE: u32 = 1;

#[repr(C)]
pub struct Cdata {
    pub hdr: GcHeader,
    pub ctype: CTypeId,
    pub flags: u32,
    pub ptr: *mut u8,
    pub size: usize,
    pub align: usize,
    pub fin: TValue,
}

const _: () = assert!(std::mem::offset_of!(Cdata, ctype) == 16);
const _: () = assert!(std::mem::offset_of!(Cdata, flags) == 20);
const _: () = assert!(std::mem::offset_of!(Cdata, ptr) == 24);
const _: () = assert!(std::mem::offset_of!(Cdata, size) == 32);
const _: () = assert!(std::mem::offset_of!(Cdata, fin) == 48);
const _: () = assert!(std::mem::size_of::<Cdata>() == 56);

impl GcObject for Cdata {
    const KIND: GcKind = GcKind::Cdata;
    fn size(&self) -> usize {
        std::mem::size_of::<Cdata>() + self.size
    }
}

fn payload_layout(size: usize, align: usize) -> Option<std::alloc::Layout> {
    std::alloc::Layout::from_size_align(size.max(1), align.max(8)).ok()
}

impl Drop for Cdata {
    fn drop(&mut self) {
        if self.ptr.is_null() {
            return;
        }
        if let Some(l) = payload_layout(self.size, self.align) {
            // SAFETY: `ptr` was allocated in `State::new_cdata` with this same layout
            // and is freed once, here.
            unsafe { std::alloc::dealloc(self.ptr, l) };
        }
    }
}

impl Cdata {
    /// The payload as a byte slice.
    ///
    /// # Safety
    /// The cdata must be live; the slice must not outlive it.
    pub unsafe fn bytes<'a>(&self) -> &'a mut [u8] {
        if self.ptr.is_null() {
            return &mut [];
        }
        // SAFETY: `ptr` points at `size` owned bytes while the object lives.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.size) }
    }
}

impl State {
    /// A new zeroed cdata of type `ty` with a `size`-byte payload. Returns `None` when
    /// the allocation is impossible (the caller raises "not enough memory").
    pub fn new_cdata(&mut self, ty: CTypeId, size: usize, align: usize) -> Option<TValue> {
        let layout = payload_layout(size, align)?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        if ptr.is_null() {
            return None;
        }
        let obj = Cdata {
            hdr: GcHeader::new(GcKind::Cdata),
            ctype: ty,
            flags: 0,
            ptr,
            size,
            align,
            fin: TValue::NIL,
        };
        Some(TValue::gc(TAG_CDATA, self.alloc(obj)))
    }

    /// A ctype object for `ty`.
    pub fn new_ctype_obj(&mut self, ty: CTypeId) -> TValue {
        let obj = Cdata {
            hdr: GcHeader::new(GcKind::Cdata),
            ctype: ty,
            flags: IS_CTYPE,
            ptr: std::ptr::null_mut(),
            size: 0,
            align: 1,
            fin: TValue::NIL,
        };
        TValue::gc(TAG_CDATA, self.alloc(obj))
    }
}

/// The cdata behind a value, if it is one.
#[inline]
pub fn as_cdata<'a>(v: TValue) -> Option<&'a mut Cdata> {
    if v.tag() == TAG_CDATA {
        // SAFETY: a cdata-tagged value points at a live Cdata object.
        Some(unsafe { &mut *v.ptr::<Cdata>() })
    } else {
        None
    }
}
