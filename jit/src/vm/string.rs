//! Interned strings.
//!
//! Every Lua string is interned: equal contents means the same object, so string
//! equality and table lookup by string key are pointer comparisons. Strings are byte
//! strings (embedded zeros allowed) with their length stored, and they are immutable.
//!
//! The hash is FNV-1a over all bytes, started from a seed. The default seed is fixed, so
//! table layouts, and with them `pairs` order, are the same run to run and on every
//! architecture.
//!
//! The intern table is the strings' only owner: the collector sweeps it (weakly) after
//! marking, freeing strings nothing referenced.

use super::gc::{GcHeader, GcKind, GcObject};

/// The default hash seed.
pub const DEFAULT_SEED: u64 = 0x243F_6A88_85A3_08D3;

#[repr(C)]
pub struct LStr {
    pub hdr: GcHeader,
    /// Next string in the same intern bucket.
    pub hnext: *mut LStr,
    pub hash: u32,
    /// The bytes plus a terminating NUL that is not part of the string: the FFI hands
    /// strings to C as `const char *`, which LuaJIT guarantees to be NUL-terminated.
    data: Box<[u8]>,
}

impl LStr {
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        &self.data[..self.data.len() - 1]
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.data.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl GcObject for LStr {
    const KIND: GcKind = GcKind::Str;
    fn size(&self) -> usize {
        std::mem::size_of::<LStr>() + self.data.len()
    }
}

/// The string hash. Strings longer than 32 bytes are sampled (32 to 63 bytes spread
/// over the string, as Lua 5.1 does), so interning long strings built piecewise stays
/// linear; interning compares full contents anyway.
pub fn hash_bytes(seed: u64, s: &[u8]) -> u32 {
    let mut h = seed ^ (s.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let step = (s.len() >> 5) + 1;
    let mut i = s.len();
    while i >= step {
        h = (h ^ s[i - 1] as u64).wrapping_mul(0x0000_0100_0000_01B3);
        i -= step;
    }
    (h ^ (h >> 32)) as u32
}

/// The intern table: chained buckets, a power of two many.
pub struct StrTab {
    buckets: Vec<*mut LStr>,
    count: usize,
    seed: u64,
}

impl StrTab {
    pub fn new(seed: u64) -> StrTab {
        StrTab { buckets: vec![std::ptr::null_mut(); 256], count: 0, seed }
    }

    /// The interned string with these contents, and the bytes newly allocated (0 if it
    /// already existed).
    pub fn intern(&mut self, s: &[u8]) -> (*mut LStr, usize) {
        let hash = hash_bytes(self.seed, s);
        let mask = self.buckets.len() - 1;
        let mut p = self.buckets[hash as usize & mask];
        while !p.is_null() {
            // SAFETY: bucket chains hold only live strings.
            unsafe {
                if (*p).hash == hash && (*p).as_bytes() == s {
                    // A string found dead-but-unswept cannot exist: sweeping happens
                    // within the collection, before anyone interns again.
                    return (p, 0);
                }
                p = (*p).hnext;
            }
        }
        if self.count >= self.buckets.len() {
            self.resize(self.buckets.len() * 2);
        }
        let mask = self.buckets.len() - 1;
        let b = hash as usize & mask;
        let obj = LStr {
            hdr: GcHeader::new(GcKind::Str),
            hnext: self.buckets[b],
            hash,
            data: [s, &[0]].concat().into(),
        };
        let size = obj.size();
        let p = Box::into_raw(Box::new(obj));
        self.buckets[b] = p;
        self.count += 1;
        (p, size)
    }

    fn resize(&mut self, n: usize) {
        let mut nb = vec![std::ptr::null_mut::<LStr>(); n];
        for &head in &self.buckets {
            let mut p = head;
            while !p.is_null() {
                // SAFETY: chains hold live strings; each is relinked exactly once.
                unsafe {
                    let next = (*p).hnext;
                    let b = (*p).hash as usize & (n - 1);
                    (*p).hnext = nb[b];
                    nb[b] = p;
                    p = next;
                }
            }
        }
        self.buckets = nb;
    }

    /// Frees unmarked strings and unmarks the rest; returns the bytes freed.
    pub fn sweep(&mut self) -> usize {
        let mut freed = 0;
        for b in 0..self.buckets.len() {
            let mut prev: *mut *mut LStr = &mut self.buckets[b];
            // SAFETY: walking and unlinking a chain of live strings; an unmarked string
            // is unreachable, so freeing it leaves no dangling reference.
            unsafe {
                while !(*prev).is_null() {
                    let p = *prev;
                    if (*p).hdr.marked != 0 {
                        (*p).hdr.marked = 0;
                        prev = &mut (*p).hnext;
                    } else {
                        *prev = (*p).hnext;
                        freed += Box::from_raw(p).size();
                        self.count -= 1;
                    }
                }
            }
        }
        if self.buckets.len() > 256 && self.count < self.buckets.len() / 4 {
            self.resize(self.buckets.len() / 2);
        }
        freed
    }

    pub fn free_all(&mut self) {
        for b in 0..self.buckets.len() {
            let mut p = self.buckets[b];
            while !p.is_null() {
                // SAFETY: teardown; each string is freed once.
                unsafe {
                    let next = (*p).hnext;
                    drop(Box::from_raw(p));
                    p = next;
                }
            }
            self.buckets[b] = std::ptr::null_mut();
        }
        self.count = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_dedups() {
        let mut t = StrTab::new(DEFAULT_SEED);
        let (a, sa) = t.intern(b"hello");
        let (b, sb) = t.intern(b"hello");
        let (c, _) = t.intern(b"hell\0o");
        assert_eq!(a, b);
        assert!(sa > 0 && sb == 0);
        assert_ne!(a, c);
        // SAFETY: `c` is live until free_all.
        assert_eq!(unsafe { (*c).as_bytes() }, b"hell\0o");
        for i in 0..2000 {
            t.intern(format!("s{i}").as_bytes());
        }
        assert_eq!(t.intern(b"hello").0, a);
        t.free_all();
    }

    #[test]
    fn hash_is_fixed() {
        assert_eq!(hash_bytes(DEFAULT_SEED, b"abc"), hash_bytes(DEFAULT_SEED, b"abc"));
        assert_ne!(hash_bytes(DEFAULT_SEED, b"abc"), hash_bytes(1, b"abc"));
    }
}
