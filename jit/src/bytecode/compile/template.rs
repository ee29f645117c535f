//! The layout LuaJIT gives a table constructor's template.
//!
//! `#t` depends on how big the array part is (LuaJIT looks at its last slot first), and
//! LuaJIT builds a template by inserting the constant entries one by one into a real
//! table, which grows by rehashing as it goes: `{1, 2, 3, 4, 5}` ends with 9 array slots,
//! `{1, nil, 3}` with 5. A `TDUP` copy keeps that layout, so the template must carry the
//! same array size. This module replays LuaJIT's sizing rules (`lj_tab.c`: array part
//! sized by counting integer keys in power-of-two bins, a rehash whenever a new key
//! finds the hash part full) on the keys alone.
//!
//! The hash part is modelled by its capacity only: a new key triggers a rehash when the
//! part has no node left. That is exact unless nil-valued entries let LuaJIT reuse a
//! node, which depends on hash positions (rare in constructors: `{x = nil}`).

use std::collections::HashMap;

use crate::bytecode::proto::{KValue, TableTemplate};

/// Bins for integer keys: bin `b` holds keys `k` with `2^b < k <= 2^(b+1)` (keys 0, 1
/// and 2 in bin 0), as LuaJIT counts them.
const ABITS: usize = 28;
/// LuaJIT's largest array part.
const MAX_ASIZE: u64 = (1 << (ABITS - 1)) + 1;

/// The value of a template slot while the constructor is being replayed.
#[derive(Clone, PartialEq)]
pub(super) enum Slot {
    Nil,
    Val(KValue),
    /// A string key whose value is stored by code: LuaJIT keeps the key with a
    /// placeholder value until the end, then makes it nil.
    Dummy,
}

impl Slot {
    fn is_nil(&self) -> bool {
        *self == Slot::Nil
    }
}

/// An integer-valued number key, as LuaJIT's `lj_num2int` check sees it.
fn int_key(k: &KValue) -> Option<i64> {
    match *k {
        KValue::Num(n) if n == (n as i32) as f64 => Some(n as i32 as i64),
        _ => None,
    }
}

/// A hashable identity for a key (numbers by value, -0 as 0).
fn key_id(k: &KValue) -> (u8, Vec<u8>) {
    match k {
        KValue::Num(n) => (0, (n + 0.0).to_bits().to_le_bytes().to_vec()),
        KValue::Str(s) => (1, s.clone()),
        KValue::True => (2, Vec::new()),
        KValue::False => (3, Vec::new()),
        KValue::Nil => (4, Vec::new()),
    }
}

/// LuaJIT's `hsize2hbits`.
pub(super) fn hash_bits(n: u32) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        n => 32 - (n - 1).leading_zeros(),
    }
}

/// Adds integer key `k` to its bin; false if it is no array candidate.
fn count_int(k: &KValue, bins: &mut [u32; ABITS]) -> bool {
    match int_key(k) {
        Some(k) if (0..MAX_ASIZE as i64).contains(&k) => {
            let b = if k > 2 { 63 - ((k - 1) as u64).leading_zeros() as usize } else { 0 };
            bins[b.min(ABITS - 1)] += 1;
            true
        }
        _ => false,
    }
}

/// A table as LuaJIT's template is while its constructor is compiled.
pub(super) struct Layout {
    /// Slots `0 .. asize`.
    array: Vec<Slot>,
    /// Keys in the hash part, in insertion order.
    hash: Vec<(KValue, Slot)>,
    /// Position of each key in `hash`.
    index: HashMap<(u8, Vec<u8>), usize>,
    /// Nodes in the hash part (0 or a power of two).
    hsize: usize,
}

impl Layout {
    pub fn new(asize: u32, hbits: u32) -> Layout {
        Layout {
            array: vec![Slot::Nil; asize as usize],
            hash: Vec::new(),
            index: HashMap::new(),
            hsize: if hbits == 0 { 0 } else { 1 << hbits.min(26) },
        }
    }

    /// `t[k] = v` (`k` is never nil or NaN).
    pub fn set(&mut self, k: KValue, v: Slot) {
        // A rehash always makes room for the key, so the second round inserts.
        for _ in 0..2 {
            if let Some(i) = int_key(&k).filter(|&i| i >= 0 && (i as usize) < self.array.len()) {
                self.array[i as usize] = v;
                return;
            }
            if let Some(&i) = self.index.get(&key_id(&k)) {
                self.hash[i].1 = v;
                return;
            }
            if self.hash.len() < self.hsize {
                self.insert(k, v);
                return;
            }
            self.rehash(&k);
        }
    }

    /// A new key in the hash part.
    fn insert(&mut self, k: KValue, v: Slot) {
        self.index.insert(key_id(&k), self.hash.len());
        self.hash.push((k, v));
    }

    /// Reinsertion after a resize: the new sizes fit every key, so no rehash.
    fn reinsert(&mut self, k: KValue, v: Slot) {
        match int_key(&k).filter(|&i| i >= 0 && (i as usize) < self.array.len()) {
            Some(i) => self.array[i as usize] = v,
            None => self.insert(k, v),
        }
    }

    /// LuaJIT's `rehashtab`: new sizes from the keys in use plus the new key `ek`.
    fn rehash(&mut self, ek: &KValue) {
        let mut bins = [0u32; ABITS];
        // Array slots in LuaJIT's bands: 0..=2, 3..=4, 5..=8, ...
        let mut nint = 0;
        let mut i = 0;
        for (b, bin) in bins.iter_mut().enumerate() {
            if i >= self.array.len() {
                break;
            }
            let top = (2usize << b).min(self.array.len() - 1);
            let n = self.array[i..=top].iter().filter(|s| !s.is_nil()).count() as u32;
            *bin += n;
            nint += n;
            i = top + 1;
        }
        let mut total = 1 + nint;
        for (k, v) in &self.hash {
            if !v.is_nil() {
                total += 1;
                if count_int(k, &mut bins) {
                    nint += 1;
                }
            }
        }
        if count_int(ek, &mut bins) {
            nint += 1;
        }
        // LuaJIT's `bestasize`: the largest 2^(b+1) with more than half of its slots used.
        let (mut sum, mut na, mut asize) = (0u32, 0u32, 0u32);
        let mut b = 0;
        while b < ABITS && 2 * nint as u64 > 1u64 << b && sum != nint {
            if bins[b] > 0 {
                sum += bins[b];
                if 2 * sum as u64 > 1u64 << b {
                    asize = (2u32 << b) + 1;
                    na = sum;
                }
            }
            b += 1;
        }
        self.resize(asize as usize, hash_bits(total - na));
    }

    /// LuaJIT's `resizetab`: new part sizes, entries reinserted.
    fn resize(&mut self, asize: usize, hbits: u32) {
        let old_hash = std::mem::take(&mut self.hash);
        self.index.clear();
        self.hsize = if hbits == 0 { 0 } else { 1 << hbits.min(26) };
        if asize < self.array.len() {
            let moved: Vec<Slot> = self.array.drain(asize..).collect();
            for (i, v) in moved.into_iter().enumerate() {
                if !v.is_nil() {
                    self.reinsert(KValue::Num((asize + i) as f64), v);
                }
            }
        } else {
            self.array.resize(asize, Slot::Nil);
        }
        for (k, v) in old_hash {
            if !v.is_nil() {
                self.reinsert(k, v);
            }
        }
    }

    /// LuaJIT's `lj_tab_reasize`: grow the array part to `nasize + 1` slots.
    pub fn reasize(&mut self, nasize: u32) {
        let hbits = if self.hsize == 0 { 0 } else { self.hsize.trailing_zeros() };
        self.resize(nasize as usize + 1, hbits);
    }

    pub fn asize(&self) -> usize {
        self.array.len()
    }

    /// The template: dummies become nil (LuaJIT's final fix-up).
    pub fn finish(self) -> TableTemplate {
        let value = |s: Slot| match s {
            Slot::Val(v) => v,
            Slot::Nil | Slot::Dummy => KValue::Nil,
        };
        let array = self.array.into_iter().map(value).collect();
        let hash =
            self.hash.into_iter().map(|(k, v)| (k, value(v))).filter(|(_, v)| *v != KValue::Nil).collect();
        TableTemplate { array, hash }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array_of(n: usize) -> usize {
        let mut l = Layout::new(2, 0);
        for i in 1..=n {
            l.set(KValue::Num(i as f64), Slot::Val(KValue::True));
        }
        if l.asize() < n + 1 {
            l.reasize(n as u32);
        }
        l.asize()
    }

    #[test]
    fn sequences_grow_like_luajit() {
        // Worked by hand from LuaJIT's rehash rules: 2 slots at creation, then each
        // key beyond the array part rehashes.
        assert_eq!(array_of(1), 2);
        assert_eq!(array_of(2), 3);
        assert_eq!(array_of(3), 5);
        assert_eq!(array_of(5), 9);
    }

    #[test]
    fn holes() {
        let mut l = Layout::new(2, 0);
        l.set(KValue::Num(1.0), Slot::Val(KValue::Num(1.0)));
        l.set(KValue::Num(2.0), Slot::Nil);
        l.set(KValue::Num(3.0), Slot::Val(KValue::Num(3.0)));
        assert_eq!(l.asize(), 5);
        let t = l.finish();
        assert_eq!(t.array, vec![KValue::Nil, KValue::Num(1.0), KValue::Nil, KValue::Num(3.0), KValue::Nil]);
    }
}
