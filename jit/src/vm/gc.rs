//! The garbage collector: non-moving, stop-the-world mark and sweep.
//!
//! Every collectable object starts with a [`GcHeader`]. Objects other than strings are
//! linked through `GcHeader::next` into one list (`Gc::all`); strings live only in the
//! intern table ([`super::string::StrTab`]), which the sweep treats as weak.
//!
//! Roots are explicit: the main thread and every thread reachable from it (stacks up to
//! their `top`), the registry, the metatables of basic types, the pre-interned
//! metamethod names, and the pending error value. A collection only starts at a *safe
//! point*: [`super::state::State::gc_check`], which the interpreter calls after
//! instructions that allocate, with the current thread's `top` covering every live slot.
//! Native functions never trigger a collection themselves; a native that calls back into
//! Lua must keep the values it still needs on the Lua stack (as with the C API).
//!
//! Marking uses an explicit gray stack, so deep structures never recurse in Rust.
//! Weak tables (`__mode` containing `k` and/or `v`) are not traversed through their weak
//! parts; after marking, entries whose weak key or value died are cleared (strings count
//! as values, never as garbage in weak tables, as in Lua 5.1). Userdata with a `__gc`
//! metamethod that became unreachable are resurrected for one cycle, and their
//! finalizers run after the sweep, each at most once.

use super::func::{Func, ProtoObj, UpVal};
use super::state::{State, Thread};
use super::string::LStr;
use super::table::Table;
use super::udata::Udata;
use super::value::*;
use crate::ffi::cdata::Cdata;

/// Which concrete object a header belongs to.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcKind {
    Str,
    Table,
    Func,
    UpVal,
    Proto,
    Thread,
    Udata,
    Cdata,
}

/// The common header of every collectable object. Always the first field (`#[repr(C)]`),
/// so a pointer to an object is a pointer to its header.
#[repr(C)]
pub struct GcHeader {
    pub next: *mut GcHeader,
    pub kind: GcKind,
    pub marked: u8,
    /// Userdata: the finalizer already ran (or was scheduled).
    pub finalized: u8,
}

const _: () = assert!(std::mem::size_of::<GcHeader>() == 16);
const _: () = assert!(std::mem::offset_of!(GcHeader, kind) == 8);

impl GcHeader {
    pub fn new(kind: GcKind) -> GcHeader {
        GcHeader { next: std::ptr::null_mut(), kind, marked: 0, finalized: 0 }
    }
}

/// Collector bookkeeping. `#[repr(C)]`: trace code reads `total`, `threshold` and
/// `stopped` at their `offset_of!` offsets (`backend::loopchk`).
#[repr(C)]
pub struct Gc {
    /// Every object but strings.
    pub all: *mut GcHeader,
    /// Approximate bytes in use.
    pub total: usize,
    /// Collect when `total` reaches this.
    pub threshold: usize,
    /// `setpause`, in percent: the next threshold is `live * pause / 100`.
    pub pause: usize,
    /// `setstepmul`, in percent (kept for `collectgarbage`; collections are full).
    pub stepmul: usize,
    pub stopped: bool,
    /// Extra debt from `collectgarbage("step")`.
    pub step_debt: usize,
    gray: Vec<TValue>,
    weak: Vec<*mut Table>,
    /// Every thread (the main one too), so a collection finds the dead ones without
    /// walking every object (`close_dead_threads`).
    threads: Vec<*mut Thread>,
    /// Userdata whose finalizers are due.
    pub tobefnz: Vec<*mut Udata>,
    /// cdata whose finalizers (`ffi.gc`, `__gc` of a metatype) are due.
    pub cdata_fnz: Vec<*mut Cdata>,
    /// Set while finalizers run, so they cannot start another collection.
    pub in_finalizer: bool,
    /// Collect at every safe point (a testing mode that exposes unrooted objects).
    pub stress: bool,
}

impl Default for Gc {
    fn default() -> Self {
        Gc {
            all: std::ptr::null_mut(),
            total: 0,
            threshold: 256 * 1024,
            pause: 200,
            stepmul: 200,
            stopped: false,
            step_debt: 0,
            gray: Vec::new(),
            weak: Vec::new(),
            threads: Vec::new(),
            tobefnz: Vec::new(),
            cdata_fnz: Vec::new(),
            in_finalizer: false,
            stress: false,
        }
    }
}

/// A Rust-side estimate of an object's footprint, for the `collectgarbage("count")` figure
/// and the collection threshold.
pub trait GcObject {
    const KIND: GcKind;
    fn size(&self) -> usize;
}

impl State {
    /// Moves `obj` to the heap and links it into the object list. The object is unrooted:
    /// the caller stores it somewhere reachable before the next safe point.
    pub fn alloc<T: GcObject>(&mut self, obj: T) -> *mut T {
        self.gc.total += obj.size();
        let p = Box::into_raw(Box::new(obj));
        // SAFETY: `p` is a fresh, valid allocation whose first field is a GcHeader
        // (every GcObject is #[repr(C)] with the header first).
        unsafe {
            let h = p as *mut GcHeader;
            debug_assert!((*h).kind == T::KIND, "object header names the wrong kind");
            (*h).next = self.gc.all;
            self.gc.all = h;
        }
        if T::KIND == GcKind::Thread {
            self.gc.threads.push(p as *mut Thread);
        }
        p
    }

    /// A full collection.
    pub fn full_gc(&mut self) {
        if self.gc.in_finalizer {
            return;
        }
        self.mark_roots();
        self.propagate();
        self.separate_finalizable();
        self.propagate();
        self.clear_weak();
        self.sweep();
        self.gc.threshold = if self.gc.stress {
            0
        } else {
            (self.gc.total / 100).saturating_mul(self.gc.pause).max(64 * 1024)
        };
        self.run_finalizers();
    }

    fn mark_value(&mut self, v: TValue) {
        if !v.is_gc() {
            return;
        }
        // SAFETY: a GC-tagged TValue always points to a live object (anything
        // reachable was marked in every previous cycle, so it was not freed).
        let h = v.ptr::<GcHeader>();
        unsafe {
            if (*h).marked != 0 {
                return;
            }
            (*h).marked = 1;
            if (*h).kind != GcKind::Str {
                self.gc.gray.push(v);
            }
        }
    }

    fn mark_ptr<T>(&mut self, tag: u64, p: *const T) {
        if !p.is_null() {
            self.mark_value(TValue::gc(tag, p));
        }
    }

    fn mark_roots(&mut self) {
        self.mark_ptr(TAG_THREAD, self.main);
        self.mark_ptr(TAG_THREAD, self.cur);
        self.mark_ptr(TAG_TABLE, self.registry);
        for i in 0..self.basemt.len() {
            self.mark_ptr(TAG_TABLE, self.basemt[i]);
        }
        for i in 0..self.mmname.len() {
            self.mark_ptr(TAG_STR, self.mmname[i]);
        }
        self.mark_value(self.errval);
        // The debug hook (lib::debug) is held only by the library state.
        self.mark_value(self.lib.hook.func);
        for i in 0..self.pinned.len() {
            self.mark_value(self.pinned[i]);
        }
        // Compiled traces patch and guard prototypes and embed constants.
        for v in self.jit.gc_refs() {
            self.mark_value(v);
        }
        // Finalizers scheduled but not yet run keep their objects alive.
        for i in 0..self.gc.tobefnz.len() {
            self.mark_ptr(TAG_UDATA, self.gc.tobefnz[i]);
        }
        for i in 0..self.gc.cdata_fnz.len() {
            self.mark_ptr(TAG_CDATA, self.gc.cdata_fnz[i]);
        }
    }

    fn propagate(&mut self) {
        while let Some(v) = self.gc.gray.pop() {
            // SAFETY: only marked, live objects are pushed on the gray stack; the tag
            // says which concrete type the pointer refers to.
            unsafe {
                match v.tag() {
                    TAG_TABLE => self.traverse_table(v.ptr()),
                    TAG_FUNC => {
                        let f = &*v.ptr::<Func>();
                        self.mark_ptr(TAG_TABLE, f.env);
                        self.mark_ptr(TAG_PROTO, f.proto);
                        for i in 0..f.uvs.len() {
                            self.mark_ptr(TAG_UPVAL, f.uvs[i]);
                        }
                        for i in 0..f.cuvs.len() {
                            self.mark_value(f.cuvs[i]);
                        }
                    }
                    TAG_UPVAL => {
                        // An open upvalue's value lives in a stack slot; mark it here too,
                        // since its thread may be unreachable (then the sweep closes it).
                        let u = &*v.ptr::<UpVal>();
                        self.mark_value(*u.v);
                    }
                    TAG_PROTO => {
                        let p = &*v.ptr::<ProtoObj>();
                        for i in 0..p.kgc.len() {
                            self.mark_value(p.kgc[i]);
                        }
                        for i in 0..p.protos.len() {
                            self.mark_ptr(TAG_PROTO, p.protos[i]);
                        }
                    }
                    TAG_THREAD => self.traverse_thread(v.ptr()),
                    TAG_UDATA => {
                        let u = &*v.ptr::<Udata>();
                        self.mark_ptr(TAG_TABLE, u.metatable);
                        self.mark_ptr(TAG_TABLE, u.env);
                    }
                    TAG_CDATA => self.mark_value((*v.ptr::<Cdata>()).fin),
                    _ => {}
                }
            }
        }
    }

    /// # Safety
    /// `t` is a live, marked table.
    unsafe fn traverse_table(&mut self, t: *mut Table) {
        // SAFETY: per the contract, `t` is live.
        let tr = unsafe { &*t };
        self.mark_ptr(TAG_TABLE, tr.metatable);
        let (wk, wv) = self.weak_mode(tr);
        if wk || wv {
            self.gc.weak.push(t);
        }
        if !wv {
            for i in 0..tr.array.len() {
                self.mark_value(tr.array[i]);
            }
        }
        for i in 0..tr.node.len() {
            let n = &tr.node[i];
            // The key of a removed entry stays alive with its node in a strong table:
            // were it collected, putting an equal key back would take a fresh node, so
            // the table's layout (and `pairs` order) would depend on when collections
            // ran, which differs between the interpreter and traces (which never
            // collect). Weak tables drop such keys, as before.
            if n.val.is_nil() && (wk || wv) {
                continue;
            }
            if !wk || n.key.is_str() {
                self.mark_value(n.key);
            }
            if !wv || n.val.is_str() {
                self.mark_value(n.val);
            }
        }
    }

    /// The `__mode` of a table's metatable: (weak keys, weak values).
    fn weak_mode(&self, t: &Table) -> (bool, bool) {
        if t.metatable.is_null() {
            return (false, false);
        }
        // SAFETY: a table's metatable is a live table.
        let mode = unsafe { (*t.metatable).get_str(self.mmname[super::meta::MM_MODE]) };
        if !mode.is_str() {
            return (false, false);
        }
        // SAFETY: the value is a string object.
        let s = unsafe { (*mode.ptr::<LStr>()).as_bytes() };
        (s.contains(&b'k'), s.contains(&b'v'))
    }

    /// # Safety
    /// `th` is a live, marked thread.
    unsafe fn traverse_thread(&mut self, th: *mut Thread) {
        // SAFETY: per the contract, `th` is live; stack slots at and above `top` are
        // dead, and are cleared so that a later frame never exposes a freed object.
        let t = unsafe { &mut *th };
        let top = t.top.min(t.stack.len());
        for i in 0..top {
            self.mark_value(t.stack[i]);
        }
        for slot in &mut t.stack[top..] {
            *slot = TValue::NIL;
        }
        self.mark_ptr(TAG_TABLE, t.env);
        // Open upvalues stay alive while open: the thread's list refers to them.
        let mut u = t.openupval;
        while !u.is_null() {
            self.mark_ptr(TAG_UPVAL, u);
            // SAFETY: the open list holds live upvalues.
            u = unsafe { (*u).next_open };
        }
    }

    /// Moves unreachable userdata with a `__gc` metamethod to the finalizer list and
    /// marks them (and what they reference) for one more cycle.
    fn separate_finalizable(&mut self) {
        let mut h = self.gc.all;
        while !h.is_null() {
            // SAFETY: every header on the list is a live object.
            unsafe {
                if (*h).kind == GcKind::Udata && (*h).marked == 0 && (*h).finalized == 0 {
                    let u = h as *mut Udata;
                    let mt = (*u).metatable;
                    if !mt.is_null() && !(*mt).get_str(self.mmname[super::meta::MM_GC]).is_nil() {
                        (*h).finalized = 1;
                        self.gc.tobefnz.push(u);
                        self.mark_ptr(TAG_UDATA, u);
                    }
                }
                if (*h).kind == GcKind::Cdata && (*h).marked == 0 && (*h).finalized == 0 {
                    let c = h as *mut Cdata;
                    if !(*c).fin.is_nil() {
                        (*h).finalized = 1;
                        self.gc.cdata_fnz.push(c);
                        self.mark_ptr(TAG_CDATA, c);
                    }
                }
                h = (*h).next;
            }
        }
    }

    fn clear_weak(&mut self) {
        let weak = std::mem::take(&mut self.gc.weak);
        for &t in &weak {
            // SAFETY: weak tables were collected from marked (live) tables this cycle.
            let tr = unsafe { &mut *t };
            for v in tr.array.iter_mut() {
                if is_dead(*v) {
                    *v = TValue::NIL;
                }
            }
            for n in tr.node.iter_mut() {
                if !n.val.is_nil() && (is_dead(n.key) || is_dead(n.val)) {
                    n.val = TValue::NIL;
                }
            }
        }
        self.gc.weak = weak;
        self.gc.weak.clear();
    }

    fn sweep(&mut self) {
        self.close_dead_threads();
        let mut prev: *mut *mut GcHeader = &mut self.gc.all;
        // SAFETY: we walk the singly linked list of live objects, unlinking and freeing
        // those left unmarked; each is freed exactly once, as its concrete type.
        unsafe {
            while !(*prev).is_null() {
                let h = *prev;
                if (*h).marked != 0 {
                    (*h).marked = 0;
                    prev = &mut (*h).next;
                } else {
                    *prev = (*h).next;
                    let size = free_object(h);
                    self.gc.total = self.gc.total.saturating_sub(size);
                }
            }
        }
        let freed = self.strings.sweep();
        self.gc.total = self.gc.total.saturating_sub(freed);
    }

    /// Closes the open upvalues of threads about to be freed, so closures that outlive
    /// a thread keep their values (already marked through the upvalues), and forgets
    /// those threads. This runs before the sweep frees anything: a dead thread's open
    /// upvalues may be dead too, and are written here while still allocated.
    fn close_dead_threads(&mut self) {
        // SAFETY: before the sweep every thread on the list is still allocated, and its
        // open upvalues (live or not) point into its stack.
        self.gc.threads.retain(|&th| unsafe {
            if (*th).hdr.marked != 0 {
                return true;
            }
            let mut u = (*th).openupval;
            while !u.is_null() {
                let next = (*u).next_open;
                (*u).closed = *(*u).v;
                (*u).v = &mut (*u).closed;
                (*u).next_open = std::ptr::null_mut();
                u = next;
            }
            (*th).openupval = std::ptr::null_mut();
            false
        });
    }

    fn run_finalizers(&mut self) {
        if self.gc.tobefnz.is_empty() && self.gc.cdata_fnz.is_empty() {
            return;
        }
        self.gc.in_finalizer = true;
        let npinned = self.pinned.len();
        self.run_udata_finalizers();
        self.run_cdata_finalizers();
        self.pinned.truncate(npinned);
        self.gc.in_finalizer = false;
    }

    /// State close (LuaJIT's `lua_close`): every finalizer still pending runs, even for
    /// reachable objects: those of cdata (`ffi.gc`, a metatype's `__gc`) first, then
    /// those of userdata, newest first; errors in them are dropped. Finalizers that make
    /// new finalizable userdata get further rounds, at most 10 (LuaJIT's bound); new
    /// cdata finalizers alone do not make one (nor does LuaJIT).
    pub fn close_finalize(&mut self) {
        for round in 0..10 {
            let mut h = self.gc.all;
            while !h.is_null() {
                // SAFETY: every header on the list is a live object.
                unsafe {
                    if (*h).kind == GcKind::Udata && (*h).finalized == 0 {
                        let u = h as *mut Udata;
                        let mt = (*u).metatable;
                        if !mt.is_null() && !(*mt).get_str(self.mmname[super::meta::MM_GC]).is_nil() {
                            (*h).finalized = 1;
                            self.gc.tobefnz.push(u);
                        }
                    }
                    if (*h).kind == GcKind::Cdata && (*h).finalized == 0 && !(*(h as *mut Cdata)).fin.is_nil()
                    {
                        (*h).finalized = 1;
                        self.gc.cdata_fnz.push(h as *mut Cdata);
                    }
                    h = (*h).next;
                }
            }
            if self.gc.tobefnz.is_empty() && (round > 0 || self.gc.cdata_fnz.is_empty()) {
                self.gc.cdata_fnz.clear();
                return;
            }
            self.gc.in_finalizer = true;
            let npinned = self.pinned.len();
            self.run_cdata_finalizers();
            self.run_udata_finalizers();
            self.pinned.truncate(npinned);
            self.gc.in_finalizer = false;
        }
    }

    /// Runs the due userdata finalizers (newest first, as LuaJIT), pinning them.
    fn run_udata_finalizers(&mut self) {
        let due = std::mem::take(&mut self.gc.tobefnz);
        // Pinned: they stay alive while finalizers (which may collect) run.
        self.pinned.extend(due.iter().map(|&u| TValue::gc(TAG_UDATA, u)));
        for u in due {
            let uv = TValue::gc(TAG_UDATA, u);
            // SAFETY: `u` was resurrected by the last mark and is still live.
            let mt = unsafe { (*u).metatable };
            if !mt.is_null() {
                // SAFETY: metatables are live tables.
                let f = unsafe { (*mt).get_str(self.mmname[super::meta::MM_GC]) };
                // Errors in finalizers are dropped: a collection cannot fail.
                let _ = self.call_value(f, &[uv], 0);
            }
        }
    }

    /// Runs the due cdata finalizers, pinning them.
    fn run_cdata_finalizers(&mut self) {
        let due = std::mem::take(&mut self.gc.cdata_fnz);
        self.pinned.extend(due.iter().map(|&c| TValue::gc(TAG_CDATA, c)));
        for c in due {
            // SAFETY: `c` was resurrected by the last mark and is pinned above.
            let f = unsafe { std::mem::replace(&mut (*c).fin, TValue::NIL) };
            let _ = self.call_value(f, &[TValue::gc(TAG_CDATA, c)], 0);
        }
    }

    /// Frees everything (state teardown).
    pub fn free_all(&mut self) {
        let mut h = self.gc.all;
        self.gc.all = std::ptr::null_mut();
        self.gc.threads.clear();
        // SAFETY: teardown: nothing references these objects any more.
        unsafe {
            while !h.is_null() {
                let next = (*h).next;
                free_object(h);
                h = next;
            }
        }
        self.strings.free_all();
    }
}

fn is_dead(v: TValue) -> bool {
    // Strings are never cleared from weak tables (they are values, not objects, to Lua).
    // SAFETY: GC-tagged values point at objects still allocated during this cycle.
    v.is_gc() && !v.is_str() && unsafe { (*v.ptr::<GcHeader>()).marked == 0 }
}

/// Frees one object as its concrete type and returns its accounted size.
///
/// # Safety
/// `h` heads a live object allocated by [`State::alloc`] and nothing will use it again.
unsafe fn free_object(h: *mut GcHeader) -> usize {
    // SAFETY: per the contract; `kind` names the concrete type the Box was made from.
    unsafe {
        match (*h).kind {
            GcKind::Table => drop_box(h as *mut Table),
            GcKind::Func => drop_box(h as *mut Func),
            GcKind::UpVal => drop_box(h as *mut UpVal),
            GcKind::Proto => drop_box(h as *mut ProtoObj),
            GcKind::Thread => drop_box(h as *mut Thread),
            GcKind::Udata => drop_box(h as *mut Udata),
            GcKind::Cdata => drop_box(h as *mut Cdata),
            GcKind::Str => drop_box(h as *mut LStr),
        }
    }
}

/// # Safety
/// `p` came from `Box::into_raw` and is not used afterwards.
unsafe fn drop_box<T: GcObject>(p: *mut T) -> usize {
    // SAFETY: per the contract.
    let b = unsafe { Box::from_raw(p) };
    b.size()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closures_outliving_dead_coroutines_keep_their_values() {
        let mut lua = crate::vm::api::Lua::new();
        let src = "local fs = {} \
                   for i = 1, 50 do \
                     local co = coroutine.wrap(function() local x = i * 10 coroutine.yield(function() return x end) end) \
                     fs[i] = co() \
                   end \
                   collectgarbage() collectgarbage() \
                   local s = 0 for i = 1, 50 do s = s + fs[i]() end return s";
        let r = lua.exec(src.as_bytes(), "=t").expect("runs");
        assert_eq!(r[0].as_number(), 12750.0);
        // Only the main thread is left to track.
        assert_eq!(lua.state().gc.threads.len(), 1);
    }

    #[test]
    fn weak_values_are_cleared_and_strong_ones_kept() {
        let mut st = State::new();
        let g = TValue::gc(TAG_TABLE, st.globals);
        let weak = st.new_table(0, 4);
        let mt = st.new_table(0, 1);
        let (mode, v) = (st.str_value(b"__mode"), st.str_value(b"v"));
        st.raw_set(mt, mode, v);
        // SAFETY: `weak` and `mt` are live tables.
        unsafe { (*weak.ptr::<Table>()).metatable = mt.ptr() };
        let kept = st.new_table(0, 0);
        let k = st.str_value(b"weak");
        st.raw_set(g, k, weak);
        let k = st.str_value(b"kept");
        st.raw_set(g, k, kept);
        let (k1, k2, k3) = (st.str_value(b"a"), st.str_value(b"b"), st.str_value(b"c"));
        let garbage = st.new_table(0, 0);
        st.raw_set(weak, k1, garbage);
        st.raw_set(weak, k2, kept);
        st.raw_set(weak, k3, k3);
        st.full_gc();
        // SAFETY: `weak` is reachable from the globals, so it survived.
        let w = unsafe { &*weak.ptr::<Table>() };
        assert!(w.get(k1).is_nil());
        assert_eq!(w.get(k2), kept);
        assert_eq!(w.get(k3), k3);
    }

    #[test]
    fn unreachable_objects_are_freed() {
        let mut st = State::new();
        st.full_gc();
        let base = st.gc.total;
        for _ in 0..1000 {
            st.new_table(16, 16);
        }
        assert!(st.gc.total > base);
        st.full_gc();
        assert!(st.gc.total <= base + 1024, "{} > {}", st.gc.total, base);
    }
}
