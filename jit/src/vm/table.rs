//! Tables: an array part and a hash part.
//!
//! ```text
//!  Table, #[repr(C)], 88 bytes        array part: slots 0 .. asize-1, keyed by integer-valued
//!  +--------------------+ 0           numbers (slot 0 included, as in LuaJIT)
//!  | GcHeader           |             +------+------+------+-----
//!  | nomm      (u8)     | 16          | [0]  | [1]  | [2]  | ...     TValue, 8 bytes each
//!  | metatable (*Table) | 24          +------+------+------+-----
//!  | array.ptr          | 32 -------> ^
//!  | array.len (asize)  | 40
//!  | array.cap          | 48
//!  | node.ptr           | 56 -------> hash part: 2^k nodes, chained scatter table with
//!  | node.len           | 64          Brent's variation (Lua 5.1's scheme)
//!  | node.cap           | 72          +-----+-----+------+------+-----+
//!  | lastfree (u32)     | 80          | val | key | next | hash | pad |  Node, #[repr(C)],
//!  | iter     (u32)     | 84          +-----+-----+------+------+-----+  32 bytes
//!  +--------------------+ 88           0     8     16     24     28
//! ```
//!
//! Trace code reads and writes both parts directly (`backend`'s `ALOAD`/`ASTORE`,
//! `HLOAD`/`HSTORE`): it loads `array.ptr` and `array.len` (or `node.ptr` and
//! `node.len`) afresh at every access, since a store that grows the table moves the
//! parts (a loop that cannot grow any table loads them once: `backend::loopinv`), and
//! addresses a slot as `ptr + 8*i` (a node as `ptr + NODE_SIZE*i`). The offsets it
//! uses are the `TAB_*`/`NODE_*` constants, asserted against `offset_of!` below.
//!
//! Invariant of the hash part: a key that is not in its main position (the node its hash
//! selects) sits in a chain that starts at its main position, and the node occupying a
//! main position belongs to that position's chain. A node whose value is nil but whose
//! key is not is a dead entry: it stays in its chain so that `next` can continue from it.
//! A key occurs in at most one node (re-adding a dead key reuses its node), so a node
//! whose key is `k` holds `t[k]`; that is what a trace's constant-key access relies on.
//!
//! Keys are normalised before hashing: `-0` becomes `0`; integer-valued numbers inside
//! the array part's range always live in the array part. So a node holds key `k` exactly
//! when its key has `k`'s bits (no NaN is ever a key), which is how every lookup, and
//! trace code's inline ones, compare keys.

use std::cell::Cell;

use super::gc::{GcHeader, GcKind, GcObject};
use super::string::LStr;
use super::value::*;

/// Not aligned to its 32 bytes (a node may straddle two cache lines): blocks aligned
/// beyond 16 bytes take the allocator's slower aligned path, which costs small tables
/// more than the straddling costs big ones.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Node {
    pub val: TValue,
    pub key: TValue,
    pub next: *mut Node,
    /// `hash_key(key)` while the node has a key (0 in a free node): the resizes and
    /// the collisions that find out whether a node is in its main position read it
    /// here, beside the key, instead of in the key's string.
    hash: u32,
}

/// Where trace code finds a node's fields.
pub const NODE_SIZE: usize = 32;
pub const NODE_VAL: usize = 0;
pub const NODE_KEY: usize = 8;
const _: () = assert!(std::mem::size_of::<Node>() == NODE_SIZE);
const _: () = assert!(std::mem::offset_of!(Node, val) == NODE_VAL);
const _: () = assert!(std::mem::offset_of!(Node, key) == NODE_KEY);

/// One part of a table: a heap block of `len` elements (a `Vec`'s raw parts, at fixed
/// offsets so that trace code can find them). Dereferences to its slice.
#[repr(C)]
pub struct Part<T> {
    ptr: *mut T,
    len: usize,
    cap: usize,
}

impl<T> Part<T> {
    pub fn from_vec(v: Vec<T>) -> Part<T> {
        let mut v = std::mem::ManuallyDrop::new(v);
        Part { ptr: v.as_mut_ptr(), len: v.len(), cap: v.capacity() }
    }

    /// The elements as a `Vec`, leaving the part empty.
    pub fn take(&mut self) -> Vec<T> {
        let p = std::mem::replace(self, Part::from_vec(Vec::new()));
        let p = std::mem::ManuallyDrop::new(p);
        // SAFETY: the raw parts came from a `Vec` of `T` (`from_vec`) and are given back
        // exactly once (`p` is not dropped).
        unsafe { Vec::from_raw_parts(p.ptr, p.len, p.cap) }
    }

    pub fn capacity(&self) -> usize {
        self.cap
    }
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Part::from_vec(Vec::new())
    }
}

impl<T> Drop for Part<T> {
    fn drop(&mut self) {
        drop(self.take());
    }
}

impl<T: Clone> Clone for Part<T> {
    fn clone(&self) -> Self {
        Part::from_vec(self.to_vec())
    }
}

impl<T> std::ops::Deref for Part<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` and `len` are a live `Vec`'s (dangling and 0 when empty).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl<T> std::ops::DerefMut for Part<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`; `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

const FREE: Node = Node { val: TValue::NIL, key: TValue::NIL, next: std::ptr::null_mut(), hash: 0 };

/// Bins of integer keys counted when resizing (LuaJIT's LJ_MAX_ABITS).
const MAX_ABITS: usize = 28;
/// Largest array part (LuaJIT's LJ_MAX_ASIZE).
const MAX_ASIZE: usize = (1 << (MAX_ABITS - 1)) + 1;

/// Counts `k` into its bin if it is an array-candidate integer key; returns 1 if so.
fn count_int(k: TValue, bins: &mut [usize; MAX_ABITS]) -> usize {
    if k.is_number() {
        let n = k.as_number();
        let i = n as i64;
        if i as f64 == n && (0..MAX_ASIZE as i64).contains(&i) {
            let b = if i > 2 { 63 - ((i - 1) as u64).leading_zeros() as usize } else { 0 };
            bins[b] += 1;
            return 1;
        }
    }
    0
}

/// The best array size for the binned integer keys (`nint` of them): the largest
/// `2^(b+1) + 1` whose slots would be more than half used, and how many keys it takes.
fn best_asize(bins: &[usize; MAX_ABITS], nint: usize) -> (usize, usize) {
    let (mut sum, mut na, mut sz) = (0, 0, 0);
    let mut b = 0;
    while b < MAX_ABITS && 2 * nint > (1usize << b) && sum != nint {
        if bins[b] > 0 {
            sum += bins[b];
            if 2 * sum > (1usize << b) {
                sz = (2usize << b) + 1;
                na = sum;
            }
        }
        b += 1;
    }
    (sz, na)
}

/// Hash nodes for `n` entries: 0, or a power of two of at least 2 (LuaJIT's hsize2hbits).
pub fn hsize_nodes(n: usize) -> usize {
    if n == 0 { 0 } else { n.next_power_of_two().max(2) }
}

#[repr(C)]
pub struct Table {
    pub hdr: GcHeader,
    /// Negative cache of metamethods for tables used as metatables: bit `i` set means
    /// metamethod `i` is known absent. Cleared whenever a string key is added.
    pub nomm: u8,
    pub metatable: *mut Table,
    pub array: Part<TValue>,
    pub node: Part<Node>,
    /// Free-node search position: nodes at and above it are known taken. (Node
    /// indices fit 32 bits: 2^32 nodes would be 96 GiB.)
    lastfree: u32,
    /// The node of the key `next` returned last (a hint, checked before use; trace
    /// code reads and writes it too: `backend::iter`).
    iter: Cell<u32>,
}

/// Where trace code finds a table's fields (see the module diagram).
pub const TAB_NOMM: usize = 16;
pub const TAB_METATABLE: usize = 24;
pub const TAB_ARRAY_PTR: usize = 32;
pub const TAB_ARRAY_LEN: usize = 40;
pub const TAB_NODE_PTR: usize = 56;
pub const TAB_NODE_LEN: usize = 64;
pub const TAB_ITER: usize = 84;
const _: () = {
    use std::mem::{offset_of, size_of};
    assert!(offset_of!(Table, nomm) == TAB_NOMM && size_of::<u8>() == 1);
    assert!(offset_of!(Table, metatable) == TAB_METATABLE);
    assert!(offset_of!(Table, array) + offset_of!(Part<TValue>, ptr) == TAB_ARRAY_PTR);
    assert!(offset_of!(Table, array) + offset_of!(Part<TValue>, len) == TAB_ARRAY_LEN);
    assert!(offset_of!(Table, node) + offset_of!(Part<Node>, ptr) == TAB_NODE_PTR);
    assert!(offset_of!(Table, node) + offset_of!(Part<Node>, len) == TAB_NODE_LEN);
    assert!(offset_of!(Table, iter) == TAB_ITER && size_of::<Cell<u32>>() == 4);
    // Trace code loads these as 64-bit words.
    assert!(size_of::<*mut Table>() == 8 && size_of::<*mut TValue>() == 8 && size_of::<usize>() == 8);
    assert!(size_of::<TValue>() == 8 && size_of::<Table>() == 88);
};

impl GcObject for Table {
    const KIND: GcKind = GcKind::Table;
    fn size(&self) -> usize {
        std::mem::size_of::<Table>() + self.array.capacity() * 8 + self.node.capacity() * NODE_SIZE
    }
}

/// The hash of a normalised key (`norm_num`) that is not nil, NaN or an array index.
#[inline(always)]
fn hash_key(k: TValue) -> u32 {
    if k.is_str() {
        // SAFETY: string-tagged values point at live strings.
        return unsafe { (*k.ptr::<LStr>()).hash };
    }
    hash_bits(k.bits())
}

/// The hash of a key that is not a string, from its bits (trace code computes the same
/// for number keys: `backend::tab`).
#[inline(always)]
pub fn hash_bits(b: u64) -> u32 {
    let h = b ^ (b >> 32);
    let h = (h as u32).wrapping_mul(HASH_MUL);
    h ^ (h >> HASH_SHIFT)
}

/// The constants of `hash_bits`.
pub const HASH_MUL: u32 = 0x9E37_79B1;
pub const HASH_SHIFT: u32 = 15;

/// A number key as nodes hold it: `-0` becomes `0` (adding `+0` changes no other
/// value), so that equal keys have equal bits and node keys compare as bits.
#[inline(always)]
fn norm_num(n: f64) -> TValue {
    TValue::number(n + 0.0)
}

/// Normalises a number key: the array index it selects, if integer valued and in
/// `0 .. u32::MAX`.
#[inline(always)]
fn num_index(n: f64) -> Option<usize> {
    let i = n as i64;
    if i as f64 == n && (0..(u32::MAX as i64)).contains(&i) { Some(i as usize) } else { None }
}

impl Table {
    /// A table with `asize` array slots and `hsize` hash nodes (rounded up to a power
    /// of two; none when 0).
    pub fn new(asize: usize, hsize: usize) -> Table {
        let mut t = Table {
            hdr: GcHeader::new(GcKind::Table),
            nomm: 0,
            metatable: std::ptr::null_mut(),
            array: Part::from_vec(vec![TValue::NIL; asize.min(MAX_ASIZE)]),
            node: Part::default(),
            lastfree: 0,
            iter: Cell::new(0),
        };
        if hsize > 0 {
            t.node = Part::from_vec(vec![FREE; hsize.next_power_of_two()]);
            t.lastfree = t.node.len() as u32;
        }
        t
    }

    /// Bytes held by the parts (for the collector's accounting).
    fn part_bytes(&self) -> usize {
        self.array.capacity() * 8 + self.node.capacity() * NODE_SIZE
    }

    #[inline(always)]
    fn main_node(&self, h: u32) -> *mut Node {
        let mask = self.node.len() - 1;
        &self.node[h as usize & mask] as *const Node as *mut Node
    }

    /// Finds the node holding key `k` (normalised, not nil, NaN or an array index):
    /// one walk of its chain, comparing bits (node keys are normalised too).
    #[inline(always)]
    fn find_node(&self, k: TValue) -> *mut Node {
        if self.node.is_empty() {
            return std::ptr::null_mut();
        }
        let mut n = self.main_node(hash_key(k));
        // SAFETY: chains link nodes inside `self.node`, which is not resized while we
        // walk; a null `next` ends the chain.
        unsafe {
            loop {
                if (*n).key == k {
                    return n;
                }
                n = (*n).next;
                if n.is_null() {
                    return n;
                }
            }
        }
    }

    /// Lookup by interned string. `s` must point at a live string (any string value's
    /// payload does: the collector never frees reachable objects).
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    #[inline(always)]
    pub fn get_str(&self, s: *const LStr) -> TValue {
        let p = self.find_node(TValue::gc(TAG_STR, s));
        // SAFETY: a non-null result points into `self.node`.
        if p.is_null() { TValue::NIL } else { unsafe { (*p).val } }
    }

    #[inline(always)]
    pub fn get_num(&self, n: f64) -> TValue {
        if let Some(i) = num_index(n)
            && i < self.array.len()
        {
            return self.array[i];
        }
        // A NaN key is in no node: its bits match none.
        let p = self.find_node(norm_num(n));
        // SAFETY: a non-null result points into `self.node`.
        if p.is_null() { TValue::NIL } else { unsafe { (*p).val } }
    }

    #[inline(always)]
    pub fn get_int(&self, i: usize) -> TValue {
        if i < self.array.len() { self.array[i] } else { self.get_num(i as f64) }
    }

    /// The array slot key `k` selects, if it is one (an integer-valued number below the
    /// array part's size).
    pub fn array_index(&self, k: TValue) -> Option<usize> {
        if !k.is_number() {
            return None;
        }
        num_index(k.as_number()).filter(|&i| i < self.array.len())
    }

    /// The index of the node holding the string key `k`, if any (its value may be nil:
    /// a dead entry).
    pub fn node_index(&self, k: TValue) -> Option<usize> {
        if !k.is_str() {
            return None;
        }
        let p = self.find_node(k);
        // SAFETY: a non-null result points into `self.node`.
        (!p.is_null()).then(|| unsafe { p.offset_from(self.node.as_ptr()) } as usize)
    }

    /// Raw get (`rawget`).
    pub fn get(&self, k: TValue) -> TValue {
        if k.is_number() {
            return self.get_num(k.as_number());
        }
        if k.is_nil() {
            return TValue::NIL;
        }
        let p = self.find_node(k);
        // SAFETY: a non-null result points into `self.node`.
        if p.is_null() { TValue::NIL } else { unsafe { (*p).val } }
    }

    /// Where key `k` (not nil) is or would be: its array slot, or its key normalised
    /// for the hash part.
    #[inline(always)]
    fn place(&self, k: TValue) -> Result<usize, TValue> {
        if k.is_number() {
            let n = k.as_number();
            if let Some(i) = num_index(n)
                && i < self.array.len()
            {
                return Ok(i);
            }
            return Err(norm_num(n));
        }
        Err(k)
    }

    /// The slot for an existing key, if any (its value may be nil for a dead entry).
    ///
    /// A string key clears the negative metamethod cache (`nomm`): the caller may store
    /// into a dead entry, re-adding a metamethod name the cache says is absent.
    #[inline(always)]
    pub fn slot_mut(&mut self, k: TValue) -> Option<&mut TValue> {
        if k.is_str() {
            self.nomm = 0;
        }
        match self.place(k) {
            Ok(i) => Some(&mut self.array[i]),
            Err(k) => {
                let p = self.find_node(k);
                // SAFETY: a non-null result points into `self.node`, borrowed mutably.
                if p.is_null() { None } else { Some(unsafe { &mut (*p).val }) }
            }
        }
    }

    /// Raw set. The key must not be nil or NaN (callers raise those errors). Returns the
    /// growth in bytes of the table's parts, for GC accounting.
    ///
    /// One walk of the key's chain: it either finds the key's node or shows the key
    /// absent, and only then is a node taken for it (`newkey`).
    pub fn set(&mut self, k: TValue, v: TValue) -> usize {
        debug_assert!(!(k.is_nil() || k.is_number() && k.as_number().is_nan()));
        if k.is_str() {
            self.nomm = 0;
        }
        let k = match self.place(k) {
            Ok(i) => {
                self.array[i] = v;
                return 0;
            }
            Err(k) => k,
        };
        let p = self.find_node(k);
        if !p.is_null() {
            // SAFETY: a non-null result points into `self.node`.
            unsafe { (*p).val = v };
            return 0;
        }
        if v.is_nil() {
            return 0;
        }
        let before = self.part_bytes();
        self.newkey(k, v);
        self.part_bytes().saturating_sub(before)
    }

    /// Raw set of a key known to be in neither part (an inline lookup on trace showed
    /// it absent: `helpers::tnewkey`), without looking again. The key must not be nil
    /// or NaN; the value must not be nil. Returns the growth in bytes, as `set`.
    pub fn set_absent(&mut self, k: TValue, v: TValue) -> usize {
        debug_assert!(self.get(k).is_nil() && !v.is_nil());
        if k.is_str() {
            self.nomm = 0;
        }
        let before = self.part_bytes();
        match self.place(k) {
            Ok(i) => self.array[i] = v,
            Err(k) => self.newkey(k, v),
        }
        self.part_bytes().saturating_sub(before)
    }

    pub fn set_int(&mut self, i: usize, v: TValue) -> usize {
        if i < self.array.len() {
            self.array[i] = v;
            0
        } else {
            self.set(TValue::number(i as f64), v)
        }
    }

    /// A free node, searching down from `lastfree` (each node is passed at most once
    /// between two resizes).
    fn free_pos(&mut self) -> Option<*mut Node> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            let i = self.lastfree as usize;
            if self.node[i].key.is_nil() {
                return Some(&mut self.node[i]);
            }
        }
        None
    }

    /// Stores a key known to be absent and not nil, wherever it belongs.
    fn insert_absent(&mut self, k: TValue, v: TValue) {
        match self.place(k) {
            Ok(i) => self.array[i] = v,
            Err(k) => self.newkey(k, v),
        }
    }

    /// Gives normalised key `k`, known absent from the hash part, a node (Brent's
    /// variation: a colliding key that is not in its own main position moves out of
    /// the way). A full hash part is resized first.
    fn newkey(&mut self, k: TValue, v: TValue) {
        if self.node.is_empty() {
            self.rehash(k);
            self.insert_absent(k, v);
            return;
        }
        let h = hash_key(k);
        let mut mp = self.main_node(h);
        // SAFETY: all node pointers point into `self.node`, which is only reallocated by
        // `rehash`, after which we restart with fresh pointers.
        unsafe {
            if !(*mp).val.is_nil() {
                let Some(n) = self.free_pos() else {
                    self.rehash(k);
                    self.insert_absent(k, v);
                    return;
                };
                let other = self.main_node((*mp).hash);
                if other != mp {
                    // The occupant is not in its main position: move it to the free node.
                    let mut o = other;
                    while (*o).next != mp {
                        o = (*o).next;
                    }
                    (*o).next = n;
                    *n = *mp;
                    (*mp).next = std::ptr::null_mut();
                    (*mp).val = TValue::NIL;
                } else {
                    (*n).next = (*mp).next;
                    (*mp).next = n;
                    mp = n;
                }
            }
            (*mp).key = k;
            (*mp).val = v;
            (*mp).hash = h;
        }
    }

    /// Resizes both parts to fit the current keys plus `extra`, exactly as LuaJIT sizes
    /// them (lj_tab.c's rehash), so that borders (`#t`) of tables with holes agree.
    ///
    /// Integer keys are counted in bins: bin 0 holds keys 0..=2, bin b > 0 the keys in
    /// (2^b, 2^(b+1)]. The array part becomes the largest `2^(b+1) + 1` slots that are
    /// more than half used.
    fn rehash(&mut self, extra: TValue) {
        let mut bins = [0usize; MAX_ABITS];
        let mut nint = self.count_array(&mut bins);
        let mut total = 1 + nint;
        for n in self.node.iter() {
            if !n.val.is_nil() {
                total += 1;
                nint += count_int(n.key, &mut bins);
            }
        }
        nint += count_int(extra, &mut bins);
        let (asize, na) = best_asize(&bins, nint);
        self.resize(asize, hsize_nodes(total - na));
    }

    /// Non-nil array slots, binned.
    fn count_array(&self, bins: &mut [usize; MAX_ABITS]) -> usize {
        let asize = self.array.len();
        if asize == 0 {
            return 0;
        }
        let (mut na, mut i) = (0, 0);
        for (b, bin) in bins.iter_mut().enumerate() {
            let mut top = 2usize << b;
            if top >= asize {
                top = asize - 1;
                if i > top {
                    break;
                }
            }
            let mut n = 0;
            while i <= top {
                if !self.array[i].is_nil() {
                    n += 1;
                }
                i += 1;
            }
            *bin += n;
            na += n;
        }
        na
    }

    /// Rebuilds the table with `asize` array slots and `nodes` hash nodes. The live
    /// entries are distinct keys, so each goes straight to its place without a lookup:
    /// the array part keeps its slots below `asize` where they are (the block is
    /// extended or cut, not rebuilt), then the old nodes go to the new hash part
    /// (`reinsert`), then the slots cut off (through `newkey`).
    fn resize(&mut self, asize: usize, nodes: usize) {
        let mut array = self.array.take();
        let old_node = self.node.take();
        let cut = if asize < array.len() { array.split_off(asize) } else { Vec::new() };
        if asize < array.capacity() {
            array.shrink_to_fit();
        } else {
            // Exactly `asize` (what the collector counts), not a doubling.
            array.reserve_exact(asize - array.len());
        }
        array.resize(asize, TValue::NIL);
        self.array = Part::from_vec(array);
        self.node = Part::from_vec(vec![FREE; nodes]);
        self.lastfree = self.node.len() as u32;
        self.reinsert(old_node);
        for (j, v) in cut.into_iter().enumerate() {
            if !v.is_nil() {
                self.newkey(TValue::number((asize + j) as f64), v);
            }
        }
    }

    /// Moves the live entries of the old hash part `old` into the new parts (the hash
    /// part all free, big enough for them), in two passes over `old` in index order
    /// (the order fixes the new layout):
    ///
    /// 1. each key whose main position is still free takes it (a number key the array
    ///    part now covers goes there);
    /// 2. each key left over chains a free node to its main position.
    ///
    /// After pass 1 every main position some key hashes to is taken, by a key in its
    /// own main position, so in pass 2 no occupant has to move (`newkey`'s Brent step
    /// never applies, and an occupant's key is never hashed), and the free nodes pass 2
    /// takes are main positions of no key.
    fn reinsert(&mut self, mut old: Vec<Node>) {
        let asize = self.array.len();
        for n in old.iter_mut().filter(|n| !n.val.is_nil()) {
            if n.key.is_number()
                && let Some(i) = num_index(n.key.as_number()).filter(|&i| i < asize)
            {
                self.array[i] = n.val;
                n.val = TValue::NIL;
                continue;
            }
            let mp = self.main_node(n.hash);
            // SAFETY: `mp` points into `self.node`, not resized during the passes.
            unsafe {
                if (*mp).key.is_nil() {
                    (*mp).key = n.key;
                    (*mp).val = n.val;
                    (*mp).hash = n.hash;
                    n.val = TValue::NIL;
                }
            }
        }
        let mut rest = old.iter().filter(|n| !n.val.is_nil());
        for n in rest.by_ref() {
            // `rehash` sized the part with a node per live entry, so one is free. Were
            // none, this key and the rest would take the general way, `newkey`.
            let Some(f) = self.free_pos() else {
                self.newkey(n.key, n.val);
                break;
            };
            let mp = self.main_node(n.hash);
            // SAFETY: `mp` and `f` point into `self.node`, not resized since they were
            // taken; `f` is free, so not `mp` (taken in pass 1).
            unsafe {
                (*f).key = n.key;
                (*f).val = n.val;
                (*f).hash = n.hash;
                (*f).next = (*mp).next;
                (*mp).next = f;
            }
        }
        for n in rest {
            self.newkey(n.key, n.val);
        }
    }

    /// The border `#t`, as LuaJIT computes it (not an element count: no `is_empty`).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        let mut j = self.array.len();
        if j > 1 && self.array[j - 1].is_nil() {
            let mut i = 1;
            while j - i > 1 {
                let m = (i + j) / 2;
                if self.array[m - 1].is_nil() {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i - 1;
        }
        j = j.saturating_sub(1);
        if self.node.is_empty() {
            return j;
        }
        // Unbounded search into the hash part.
        let mut i = j;
        j += 1;
        while !self.get_int(j).is_nil() {
            i = j;
            if j > (i32::MAX as usize) / 2 {
                let mut i = 1;
                while !self.get_int(i).is_nil() {
                    i += 1;
                }
                return i - 1;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// `next`: the entry after key `k` (nil = first), or `Ok(None)` at the end.
    /// `Err(())` if `k` is not a key of the table (callers word the error).
    #[allow(clippy::result_unit_err)]
    pub fn next(&self, k: TValue) -> Result<Option<(TValue, TValue)>, ()> {
        let mut idx = self.next_index(k)?;
        while idx < self.array.len() {
            let v = self.array[idx];
            if !v.is_nil() {
                return Ok(Some((TValue::number(idx as f64), v)));
            }
            idx += 1;
        }
        let mut h = idx - self.array.len();
        while h < self.node.len() {
            let n = &self.node[h];
            if !n.val.is_nil() {
                self.iter.set(h as u32);
                return Ok(Some((n.key, n.val)));
            }
            h += 1;
        }
        Ok(None)
    }

    /// The iteration position after key `k`: array indices first, then node indices.
    ///
    /// A traversal passes back the key `next` just returned: that node is remembered
    /// (`iter`), and a key found there needs no hashing and no chain walk, so each step
    /// costs O(1) plus the empty nodes it skips.
    fn next_index(&self, k: TValue) -> Result<usize, ()> {
        if k.is_nil() {
            return Ok(0);
        }
        let k = match self.place(k) {
            Ok(i) => return Ok(i + 1),
            Err(k) => k,
        };
        let at = self.iter.get() as usize;
        if at < self.node.len() && self.node[at].key == k {
            return Ok(self.array.len() + at + 1);
        }
        let p = self.find_node(k);
        if p.is_null() {
            return Err(());
        }
        // SAFETY: `p` points into `self.node`.
        let off = unsafe { p.offset_from(self.node.as_ptr()) } as usize;
        Ok(self.array.len() + off + 1)
    }

    /// A copy (for `TDUP`), without metatable.
    pub fn dup(&self) -> Table {
        let mut t = Table::new(0, 0);
        t.array = self.array.clone();
        t.node = self.node.clone();
        t.lastfree = self.lastfree;
        // Same layout, new addresses: rebase the chain links.
        let (old, new) = (self.node.as_ptr() as usize, t.node.as_mut_ptr());
        for n in t.node.iter_mut() {
            if !n.next.is_null() {
                let idx = (n.next as usize - old) / std::mem::size_of::<Node>();
                // SAFETY: `idx` indexes the copied node vector, which has the same length.
                n.next = unsafe { new.add(idx) };
            }
        }
        t
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> TValue {
        TValue::number(x)
    }

    #[test]
    fn array_and_hash() {
        let mut t = Table::new(0, 0);
        for i in 1..=100 {
            t.set(n(i as f64), n(i as f64 * 2.0));
        }
        assert!(t.array.len() >= 100);
        assert_eq!(t.get(n(50.0)).as_number(), 100.0);
        assert_eq!(t.len(), 100);
        t.set(n(-1.5), TValue::TRUE);
        t.set(n(1e10), TValue::FALSE);
        assert_eq!(t.get(n(-1.5)), TValue::TRUE);
        assert_eq!(t.get(n(1e10)), TValue::FALSE);
        assert!(t.get(n(101.0)).is_nil());
    }

    #[test]
    fn negative_zero_is_zero() {
        let mut t = Table::new(0, 0);
        t.set(n(-0.0), TValue::TRUE);
        assert_eq!(t.get(n(0.0)), TValue::TRUE);
    }

    #[test]
    fn next_visits_everything_once() {
        let mut t = Table::new(0, 0);
        for i in 0..50 {
            t.set(n(i as f64 * 3.5), n(i as f64));
        }
        t.set(n(2.0), TValue::NIL);
        let mut k = TValue::NIL;
        let mut seen = 0;
        while let Ok(Some((nk, _))) = t.next(k) {
            seen += 1;
            k = nk;
        }
        assert_eq!(seen, 50);
        assert!(t.next(n(1234.5)).is_err());
    }

    #[test]
    fn dup_keeps_every_entry_and_chain() {
        let mut t = Table::new(0, 0);
        for i in 0..40 {
            t.set(n(i as f64 + 0.5), n(i as f64));
        }
        let d = t.dup();
        for i in 0..40 {
            assert_eq!(d.get(n(i as f64 + 0.5)).as_number(), i as f64);
        }
        let mut d = d;
        d.set(n(100.5), TValue::TRUE);
        assert_eq!(d.get(n(100.5)), TValue::TRUE);
        assert!(t.get(n(100.5)).is_nil());
    }

    /// Reads the word at byte offset `off` of `p`, as trace code does.
    fn word_at<T>(p: *const T, off: usize) -> u64 {
        // SAFETY: the tests read only offsets inside the pointee (asserted layouts).
        unsafe { (p as *const u8).add(off).cast::<u64>().read() }
    }

    #[test]
    fn trace_code_finds_the_parts_at_the_asserted_offsets() {
        let mut t = Table::new(4, 4);
        t.set(n(2.0), n(7.0));
        t.set(TValue::TRUE, n(9.0));
        let p = &t as *const Table;
        assert_eq!(word_at(p, TAB_ARRAY_LEN), 4);
        assert_eq!(word_at(p, TAB_ARRAY_PTR), t.array.as_ptr() as u64);
        assert_eq!(word_at(word_at(p, TAB_ARRAY_PTR) as *const u8, 2 * 8), n(7.0).bits());
        assert_eq!(word_at(p, TAB_NODE_LEN), 4);
        assert_eq!(word_at(p, TAB_METATABLE), 0);
        let nodes = word_at(p, TAB_NODE_PTR) as *const u8;
        let held: Vec<u64> = (0..4).map(|i| word_at(nodes, i * NODE_SIZE + NODE_KEY)).collect();
        let at = held.iter().position(|&k| k == TValue::TRUE.bits()).expect("the key is in a node");
        assert_eq!(word_at(nodes, at * NODE_SIZE + NODE_VAL), n(9.0).bits());
    }

    #[test]
    fn array_and_node_indexes_are_where_the_keys_are() {
        let mut t = Table::new(3, 0);
        assert_eq!(t.array_index(n(0.0)), Some(0));
        assert_eq!(t.array_index(n(-0.0)), Some(0));
        assert_eq!(t.array_index(n(2.0)), Some(2));
        assert_eq!(t.array_index(n(3.0)), None);
        assert_eq!(t.array_index(n(1.5)), None);
        assert_eq!(t.array_index(n(-1.0)), None);
        let mut st = crate::vm::state::State::new();
        let k = st.str_value(b"key");
        assert_eq!(t.node_index(k), None);
        t.set(k, n(1.0));
        let i = t.node_index(k).expect("a node");
        assert_eq!(t.node[i].key, k);
        // A dead entry keeps its node.
        t.set(k, TValue::NIL);
        assert_eq!(t.node_index(k), Some(i));
    }

    #[test]
    fn parts_survive_take_clone_and_resize() {
        let mut t = Table::new(0, 0);
        for i in 0..100 {
            t.set(n(i as f64), n(i as f64));
        }
        let d = t.dup();
        let v = t.array.take();
        assert_eq!(v.len(), d.array.len());
        assert!(t.array.is_empty() && t.array.capacity() == 0);
        t.array = Part::from_vec(v);
        assert_eq!(t.get(n(99.0)).as_number(), 99.0);
        assert_eq!(d.get(n(99.0)).as_number(), 99.0);
    }

    /// The parts' invariants: every node with a key is reached from that key's
    /// main position, chains stay inside the part and end, no key occurs twice, and no
    /// node holds an array index or an unnormalised number.
    fn check_nodes(t: &Table) {
        // The collector counts capacities: resizing keeps them exact.
        assert_eq!(t.array.capacity(), t.array.len());
        assert_eq!(t.node.capacity(), t.node.len());
        let base = t.node.as_ptr();
        let mut keys = Vec::new();
        for n in t.node.iter() {
            if n.key.is_nil() {
                assert!(n.val.is_nil(), "a free node holds a value");
                continue;
            }
            assert_eq!(n.hash, hash_key(n.key), "{:?} has a stale hash", n.key);
            assert!(t.array_index(n.key).is_none(), "{:?} belongs in the array part", n.key);
            if n.key.is_number() {
                assert!(!n.key.as_number().is_nan());
                assert_ne!(n.key.bits(), (-0.0f64).to_bits());
            }
            let mut p = t.main_node(hash_key(n.key)) as *const Node;
            let mut steps = 0;
            // SAFETY: the assertions keep `p` inside the part before each dereference.
            unsafe {
                while (*p).key != n.key {
                    p = (*p).next;
                    assert!(!p.is_null(), "{:?} is not on its main position's chain", n.key);
                    let i = p.offset_from(base);
                    assert!((0..t.node.len() as isize).contains(&i));
                    steps += 1;
                    assert!(steps <= t.node.len(), "a chain loops");
                }
            }
            keys.push(n.key.bits());
        }
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all, "a key occurs in two nodes");
    }

    /// A small deterministic generator (xorshift), for the model tests.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn random_sets_match_a_model_and_keep_the_invariants() {
        let mut st = crate::vm::state::State::new();
        let strs: Vec<TValue> = (0..64).map(|i| st.str_value(format!("k{i}").as_bytes())).collect();
        for seed in 1..=8u64 {
            let mut rng = Rng(seed * 0x9E37_79B9_7F4A_7C15);
            let mut t = Table::new(0, 0);
            let mut model = std::collections::BTreeMap::new();
            for step in 0..3000 {
                let key = match rng.below(4) {
                    0 => strs[rng.below(64) as usize],
                    1 => n(rng.below(80) as f64),
                    2 => n(rng.below(200) as f64 * 0.25 - 10.0),
                    _ => TValue::TRUE,
                };
                let val = if rng.below(3) == 0 { TValue::NIL } else { n(step as f64) };
                t.set(key, val);
                // The model keys by normalised bits, as the table does.
                let mk = if key.is_number() { norm_num(key.as_number()).bits() } else { key.bits() };
                if val.is_nil() {
                    model.remove(&mk);
                } else {
                    model.insert(mk, val);
                }
                if step % 100 == 0 {
                    check_nodes(&t);
                }
            }
            check_nodes(&t);
            for (&k, &v) in &model {
                assert_eq!(t.get(TValue(k)), v);
            }
            // A traversal sees exactly the model's entries.
            let (mut k, mut seen) = (TValue::NIL, 0);
            while let Ok(Some((nk, v))) = t.next(k) {
                let mk = if nk.is_number() { norm_num(nk.as_number()).bits() } else { nk.bits() };
                assert_eq!(model.get(&mk), Some(&v));
                seen += 1;
                k = nk;
            }
            assert_eq!(seen, model.len());
        }
    }

    #[test]
    fn every_resize_of_a_growing_table_keeps_its_entries_and_chains() {
        let mut st = crate::vm::state::State::new();
        for kind in 0..3 {
            let mut t = Table::new(0, 0);
            let key = |st: &mut crate::vm::state::State, i: usize| match kind {
                0 => st.str_value(format!("key{i}").as_bytes()),
                1 => n(i as f64 * 0.5 + 0.25),
                _ => {
                    if i % 2 == 0 {
                        n(i as f64)
                    } else {
                        st.str_value(format!("{i}").as_bytes())
                    }
                }
            };
            let mut nodes = t.node.len();
            for i in 1..=600 {
                let k = key(&mut st, i);
                t.set(k, n(i as f64));
                if kind < 2 {
                    // LuaJIT's growth: hash keys only, so the part doubles when full.
                    assert_eq!(t.node.len(), i.next_power_of_two().max(2));
                }
                if t.node.len() != nodes {
                    nodes = t.node.len();
                    check_nodes(&t);
                    for j in 1..=i {
                        let k = key(&mut st, j);
                        assert_eq!(t.get(k).as_number(), j as f64, "key {j} after resizing to {nodes}");
                    }
                }
            }
            let (mut k, mut seen) = (TValue::NIL, 0);
            while let Ok(Some((nk, _))) = t.next(k) {
                seen += 1;
                k = nk;
            }
            assert_eq!(seen, 600);
        }
    }

    #[test]
    fn a_shrinking_array_part_moves_its_tail_to_the_hash_part() {
        let mut t = Table::new(0, 0);
        for i in 1..=64 {
            t.set(n(i as f64), n(i as f64));
        }
        let asize = t.array.len();
        assert!(asize > 64);
        for i in 2..=64 {
            if i != 40 && i != 63 {
                t.set(n(i as f64), TValue::NIL);
            }
        }
        // Fractional keys fill the hash part until it rehashes: the array part is now
        // mostly empty and shrinks, its live tail (40, 63) moving into nodes.
        for i in 0..40 {
            t.set(n(i as f64 + 0.5), TValue::TRUE);
        }
        assert!(t.array.len() < asize);
        check_nodes(&t);
        for i in [1, 40, 63] {
            assert_eq!(t.get(n(i as f64)).as_number(), i as f64);
        }
        assert!(t.get(n(2.0)).is_nil());
        assert_eq!(t.get(n(39.5)), TValue::TRUE);
    }

    #[test]
    fn deleting_during_traversal_visits_the_rest() {
        let mut st = crate::vm::state::State::new();
        let mut t = Table::new(0, 0);
        for i in 0..300 {
            let k = st.str_value(format!("s{i}").as_bytes());
            t.set(k, n(i as f64));
            t.set(n(i as f64 + 0.5), n(i as f64));
        }
        // Clear every entry as it is visited (what Lua allows during `next`), and some
        // not yet visited: each live entry is still seen exactly once.
        let (mut k, mut seen) = (TValue::NIL, 0);
        while let Ok(Some((nk, _))) = t.next(k) {
            seen += 1;
            t.set(nk, TValue::NIL);
            if seen == 10 {
                for i in 0..300 {
                    t.set(n(i as f64 + 0.5), TValue::NIL);
                }
            }
            k = nk;
        }
        assert!((300..=310).contains(&seen), "{seen} visits");
        assert_eq!(t.next(TValue::NIL), Ok(None));
        check_nodes(&t);
    }

    #[test]
    fn next_continues_from_any_key_not_only_the_last() {
        let mut t = Table::new(0, 0);
        for i in 0..40 {
            t.set(n(i as f64 + 0.5), n(i as f64));
        }
        let mut order = Vec::new();
        let mut k = TValue::NIL;
        while let Ok(Some((nk, _))) = t.next(k) {
            order.push(nk);
            k = nk;
        }
        // Asking from an earlier key (the remembered node is another one) agrees.
        for w in order.windows(2) {
            assert_eq!(t.next(w[0]).ok().flatten().map(|e| e.0), Some(w[1]));
        }
        assert_eq!(t.next(order[order.len() - 1]), Ok(None));
    }

    #[test]
    fn number_keys_normalise() {
        let mut t = Table::new(0, 0);
        // -0 is 0, in the hash part and in the array part.
        t.set(n(-0.0), n(1.0));
        assert_eq!(t.get(n(0.0)).as_number(), 1.0);
        assert_eq!(t.get(n(-0.0)).as_number(), 1.0);
        for i in 1..=8 {
            t.set(n(i as f64), n(i as f64));
        }
        assert!(!t.array.is_empty());
        assert_eq!(t.get(n(-0.0)).as_number(), 1.0);
        // An integer-valued float is the integer key.
        t.set(n(1e6), TValue::TRUE);
        assert_eq!(t.get(n(1_000_000.0)), TValue::TRUE);
        assert_eq!(t.get_int(1_000_000), TValue::TRUE);
        // NaN is never found, and next from -0 continues after 0.
        assert!(t.get(n(f64::NAN)).is_nil());
        assert!(t.next(n(-0.0)).is_ok());
        // In a table without array part (nodes made up front: no rehash moves 0 into
        // an array part), -0 is stored as 0 and found from either.
        let mut u = Table::new(0, 4);
        u.set(n(-0.0), TValue::TRUE);
        u.set(n(0.5), TValue::FALSE);
        u.set(n(0.0), TValue::FALSE);
        assert!(u.array.is_empty());
        let mut keys = Vec::new();
        let mut k = TValue::NIL;
        while let Ok(Some((nk, _))) = u.next(k) {
            keys.push(nk.bits());
            k = nk;
        }
        keys.sort_unstable();
        assert_eq!(keys, vec![n(0.0).bits(), n(0.5).bits()]);
        assert_eq!(u.next(n(-0.0)), u.next(n(0.0)));
        check_nodes(&u);
    }

    #[test]
    fn border_with_holes() {
        let mut t = Table::new(0, 0);
        assert_eq!(t.len(), 0);
        t.set(n(1.0), TValue::TRUE);
        t.set(n(2.0), TValue::TRUE);
        t.set(n(4.0), TValue::TRUE);
        let l = t.len();
        assert!(l == 2 || l == 4);
    }
}
