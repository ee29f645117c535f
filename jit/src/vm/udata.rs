//! Full userdata: a block of bytes with a metatable and an environment (`newproxy`
//! creates zero-sized ones; the FFI will add its own payloads).

use super::gc::{GcHeader, GcKind, GcObject};
use super::table::Table;

#[repr(C)]
pub struct Udata {
    pub hdr: GcHeader,
    pub metatable: *mut Table,
    pub env: *mut Table,
    pub data: Vec<u8>,
}

impl GcObject for Udata {
    const KIND: GcKind = GcKind::Udata;
    fn size(&self) -> usize {
        std::mem::size_of::<Udata>() + self.data.capacity()
    }
}

impl Udata {
    pub fn new(size: usize, env: *mut Table) -> Udata {
        Udata { hdr: GcHeader::new(GcKind::Udata), metatable: std::ptr::null_mut(), env, data: vec![0; size] }
    }
}
