//! Functions: prototypes, closures (Lua and native) and upvalues.
//!
//! An upvalue is *open* while the variable it captures is still a live stack slot: `v`
//! then points into that thread's stack, and the upvalue sits on the thread's list of
//! open upvalues (sorted by slot, highest first) so that closures created in the same
//! scope share it. Closing (at `UCLO`, at return, when an error unwinds past the slot)
//! copies the value into `closed` and points `v` there. When a stack is reallocated,
//! every open upvalue's `v` is rebased (see `State::grow_stack`).
//!
//! Trace code reads upvalues without calling into the VM (`backend::upval`), so the
//! path from a closure to a value has fixed offsets, asserted below:
//!
//! ```text
//!   Func                       UvList (heap array)       UpVal
//!   +--------------+           +------------+            +--------------+
//!   | ...          |     +---->| *mut UpVal |--- [k] --->| hdr          |
//!   | uvs.ptr  ----|-----+     | ...        |            | v  ----------|--> stack slot (open)
//!   | uvs.len      |           +------------+            | closed  <----|--- or here (closed)
//!   | ...          |                                     | slot, next   |
//!   +--------------+                                     +--------------+
//!   FUNC_UVS_PTR                                         UPVAL_V, UPVAL_CLOSED
//! ```
//!
//! A closure's upvalue list is fixed once built (`FNEW`, loading): only
//! `debug.upvaluejoin` replaces an element in place, never the array.

use std::rc::Rc;

use super::gc::{GcHeader, GcKind, GcObject};
use super::state::State;
use super::table::Table;
use super::value::*;
use crate::bytecode::op::Ins;
use crate::bytecode::proto::{UpvalDesc, VarInfo};

/// The result of a native function: the number of results it left at the top of the
/// stack, or a throw.
pub type LResult<T> = Result<T, Throw>;

/// Why a native function or the interpreter stopped early. The error value itself is
/// kept in `State::errval`, where the collector sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throw {
    Error,
    /// `coroutine.yield`: the values to hand to `resume` are at the top of the stack.
    Yield,
}

/// A native function. Its arguments are the stack slots `base .. top` of the current
/// thread; it pushes its results and returns how many there are.
pub type NativeFn = fn(&mut State) -> LResult<usize>;

/// Fast-function ids: natives the interpreter treats specially because they manipulate
/// frames instead of returning values.
pub mod ffid {
    pub const NONE: u8 = 0;
    pub const PCALL: u8 = 1;
    pub const XPCALL: u8 = 2;
    /// The builtin `tostring` (so `print` can skip calling it through the stack).
    pub const TOSTRING: u8 = 3;
    /// The base library's `setmetatable` (the trace recorder records it; `debug`'s,
    /// which has the same name, it does not).
    pub const SETMETATABLE: u8 = 4;
}

#[repr(C)]
pub struct Func {
    pub hdr: GcHeader,
    pub ffid: u8,
    pub env: *mut Table,
    /// The prototype of a Lua function; null for a native.
    pub proto: *mut ProtoObj,
    /// A native's code; None for Lua functions and interpreter-implemented ones.
    pub native: Option<NativeFn>,
    /// Lua closures' upvalues.
    pub uvs: UvList,
    /// Native closures' upvalues.
    pub cuvs: Vec<TValue>,
    /// A native's name, for messages that do not come from the call site.
    pub name: &'static str,
}

/// Where trace code finds a closure's upvalue array.
pub const FUNC_UVS_PTR: usize = std::mem::offset_of!(Func, uvs) + std::mem::offset_of!(UvList, ptr);
/// Where an upvalue's value pointer is.
pub const UPVAL_V: usize = std::mem::offset_of!(UpVal, v);
/// Where a closed upvalue's value is.
pub const UPVAL_CLOSED: usize = std::mem::offset_of!(UpVal, closed);
const _: () = assert!(std::mem::size_of::<UvList>() == 16 && std::mem::offset_of!(UvList, len) == 8);
const _: () = assert!(UPVAL_V == std::mem::size_of::<GcHeader>() && UPVAL_CLOSED == UPVAL_V + 8);

/// A Lua closure's upvalues: an owned array with a pointer and a length at fixed
/// offsets (a `Vec`'s field order is unspecified), read as a slice.
#[repr(C)]
pub struct UvList {
    ptr: *mut *mut UpVal,
    len: usize,
}

impl UvList {
    pub fn new() -> UvList {
        Vec::new().into()
    }

    /// Appends `u` (while a closure is being built; reallocates the array).
    pub fn push(&mut self, u: *mut UpVal) {
        let mut v = std::mem::take(self).into_vec();
        v.push(u);
        *self = v.into();
    }

    fn into_vec(self) -> Vec<*mut UpVal> {
        let me = std::mem::ManuallyDrop::new(self);
        // SAFETY: `ptr`/`len` came from a boxed slice (`From<Vec>`), owned by `me`,
        // which is not dropped.
        unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(me.ptr, me.len)) }.into_vec()
    }
}

impl Default for UvList {
    fn default() -> Self {
        UvList::new()
    }
}

impl From<Vec<*mut UpVal>> for UvList {
    fn from(v: Vec<*mut UpVal>) -> UvList {
        let len = v.len();
        let ptr = Box::into_raw(v.into_boxed_slice()) as *mut *mut UpVal;
        UvList { ptr, len }
    }
}

impl std::ops::Deref for UvList {
    type Target = [*mut UpVal];
    fn deref(&self) -> &[*mut UpVal] {
        // SAFETY: `ptr` owns `len` initialised elements (a boxed slice; dangling but
        // aligned when empty).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl std::ops::DerefMut for UvList {
    fn deref_mut(&mut self) -> &mut [*mut UpVal] {
        // SAFETY: as in `deref`, and `self` is borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for UvList {
    fn drop(&mut self) {
        // SAFETY: as in `into_vec`; this is the owner's last use.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(self.ptr, self.len)) });
    }
}

impl GcObject for Func {
    const KIND: GcKind = GcKind::Func;
    fn size(&self) -> usize {
        std::mem::size_of::<Func>() + self.uvs.len() * 8 + self.cuvs.len() * 8
    }
}

impl Func {
    #[inline(always)]
    pub fn is_lua(&self) -> bool {
        !self.proto.is_null()
    }
}

#[repr(C)]
pub struct UpVal {
    pub hdr: GcHeader,
    /// Where the value lives: a stack slot while open, `closed` afterwards.
    pub v: *mut TValue,
    pub closed: TValue,
    /// The stack index while open.
    pub slot: usize,
    pub next_open: *mut UpVal,
}

impl GcObject for UpVal {
    const KIND: GcKind = GcKind::UpVal;
    fn size(&self) -> usize {
        std::mem::size_of::<UpVal>()
    }
}

impl UpVal {
    #[inline(always)]
    pub fn is_closed(&self) -> bool {
        std::ptr::eq(self.v, &self.closed)
    }
}

/// A loaded prototype: the compiler's `Proto` with its constants turned into values.
#[repr(C)]
pub struct ProtoObj {
    pub hdr: GcHeader,
    pub code: Vec<Ins>,
    pub lines: Vec<u32>,
    pub knum: Vec<TValue>,
    /// Strings, template tables and `KCDATA` constants (boxed cdata).
    pub kgc: Vec<TValue>,
    pub protos: Vec<*mut ProtoObj>,
    pub uvdesc: Vec<UpvalDesc>,
    pub uvnames: Vec<String>,
    pub varinfo: Vec<VarInfo>,
    pub numparams: u8,
    pub is_vararg: bool,
    pub framesize: u8,
    pub chunkname: Rc<str>,
    pub linedefined: u32,
    pub lastlinedefined: u32,
    /// Names this prototype's instructions for the JIT's hot counters and penalties
    /// (see [`ProtoObj::hotkey`]): its load order in the state, shifted up. Addresses
    /// would differ run to run, and so would which counters collide, and the traces.
    pub hotkey_base: usize,
}

impl GcObject for ProtoObj {
    const KIND: GcKind = GcKind::Proto;
    fn size(&self) -> usize {
        std::mem::size_of::<ProtoObj>() + self.code.len() * 8 + (self.knum.len() + self.kgc.len()) * 8
    }
}

impl ProtoObj {
    /// The key of instruction `pc`'s hot counter and penalty: unique per instruction of
    /// the state and the same in every run.
    pub fn hotkey(&self, pc: usize) -> usize {
        self.hotkey_base | pc
    }

    /// The line of the instruction at `pc`.
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.linedefined)
    }

    /// The name of the local in `slot` at `pc`, if any.
    pub fn local_name(&self, slot: u32, pc: u32) -> Option<&str> {
        self.varinfo
            .iter()
            .rev()
            .find(|v| v.slot as u32 == slot && v.startpc <= pc && pc < v.endpc)
            .map(|v| v.name.as_str())
    }
}

impl State {
    pub fn new_native(&mut self, f: NativeFn, name: &'static str, id: u8) -> *mut Func {
        let env = self.globals;
        self.alloc(Func {
            hdr: GcHeader::new(GcKind::Func),
            ffid: id,
            env,
            proto: std::ptr::null_mut(),
            native: Some(f),
            uvs: UvList::new(),
            cuvs: Vec::new(),
            name,
        })
    }

    /// A function the interpreter implements itself (`pcall`, `xpcall`): no native
    /// code, identified by its fast-function id.
    pub fn new_fast(&mut self, id: u8, name: &'static str) -> *mut Func {
        let env = self.globals;
        self.alloc(Func {
            hdr: GcHeader::new(GcKind::Func),
            ffid: id,
            env,
            proto: std::ptr::null_mut(),
            native: None,
            uvs: UvList::new(),
            cuvs: Vec::new(),
            name,
        })
    }

    /// A Lua closure with no upvalues bound yet.
    pub fn new_lua_func(&mut self, p: *mut ProtoObj, env: *mut Table) -> *mut Func {
        self.alloc(Func {
            hdr: GcHeader::new(GcKind::Func),
            ffid: ffid::NONE,
            env,
            proto: p,
            native: None,
            uvs: UvList::new(),
            cuvs: Vec::new(),
            name: "?",
        })
    }

    /// A closed upvalue holding `v`.
    pub fn new_closed_upval(&mut self, v: TValue) -> *mut UpVal {
        let u = self.alloc(UpVal {
            hdr: GcHeader::new(GcKind::UpVal),
            v: std::ptr::null_mut(),
            closed: v,
            slot: 0,
            next_open: std::ptr::null_mut(),
        });
        // SAFETY: `u` is a fresh, stable heap allocation.
        unsafe { (*u).v = &mut (*u).closed };
        u
    }

    /// The open upvalue for stack index `slot` of the current thread, created if needed.
    pub fn find_upval(&mut self, slot: usize) -> *mut UpVal {
        let th = self.cur;
        // SAFETY: `cur` is the live running thread; its open list holds live upvalues
        // sorted by slot, highest first, each pointing into this thread's stack.
        unsafe {
            let mut pp: *mut *mut UpVal = &mut (*th).openupval;
            while !(*pp).is_null() && (**pp).slot >= slot {
                if (**pp).slot == slot {
                    return *pp;
                }
                pp = &mut (**pp).next_open;
            }
            let stackp = (*th).stack.as_mut_ptr();
            let u = self.alloc(UpVal {
                hdr: GcHeader::new(GcKind::UpVal),
                v: stackp.add(slot),
                closed: TValue::NIL,
                slot,
                next_open: *pp,
            });
            *pp = u;
            u
        }
    }

    /// Closes the current thread's open upvalues at or above stack index `level`.
    pub fn close_upvals(&mut self, level: usize) {
        // SAFETY: as in `find_upval`; closing copies the stack value into the upvalue.
        unsafe {
            let th = self.cur;
            while !(*th).openupval.is_null() && (*(*th).openupval).slot >= level {
                let u = (*th).openupval;
                (*th).openupval = (*u).next_open;
                (*u).closed = *(*u).v;
                (*u).v = &mut (*u).closed;
                (*u).next_open = std::ptr::null_mut();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upvalue_lists_read_as_slices_at_their_asserted_offsets() {
        let mut st = State::new();
        let (a, b) = (st.new_closed_upval(TValue::number(1.0)), st.new_closed_upval(TValue::NIL));
        let mut l = UvList::new();
        assert!(l.is_empty());
        l.push(a);
        l.push(b);
        assert_eq!(&l[..], &[a, b]);
        l[1] = a;
        let head = &l as *const UvList as *const *mut *mut UpVal;
        // SAFETY: `UvList` is `#[repr(C)]` with the array pointer first (asserted).
        assert_eq!(unsafe { *head }, l.as_ptr() as *mut *mut UpVal);
        assert_eq!(&UvList::from(vec![b, a])[..], &[b, a]);
        // SAFETY: `a` is a live closed upvalue; its value pointer is at `UPVAL_V`.
        unsafe {
            let v = *((a as *const u8).add(UPVAL_V) as *const *const TValue);
            assert_eq!(v as usize, a as usize + UPVAL_CLOSED);
            assert!((*a).is_closed() && (*v).as_number() == 1.0);
        }
    }
}
