//! Arbitrary declaration text through the FFI's C parser: `ffi.cdef` and type strings
//! either succeed or give an error message; nothing panics, and every type they make
//! has a printable name and a layout. One table receives every input of a run, so
//! redeclarations and references to earlier types are exercised too.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use twin_lua::ffi::cparse::{cdef, parse_type};
use twin_lua::ffi::ctype::CTypes;

thread_local! {
    static CTS: RefCell<CTypes> = RefCell::new(CTypes::new());
}

fuzz_target!(|data: &[u8]| {
    CTS.with(|c| {
        let mut cts = c.borrow_mut();
        // Keep the table small enough that a long run does not just grow it.
        if cts.types.len() > 50_000 {
            *cts = CTypes::new();
        }
        if let Some((first, rest)) = data.split_first()
            && first & 1 == 1
        {
            if let Ok(t) = parse_type(&mut cts, rest, &[]) {
                let _ = cts.repr(t);
                let _ = cts.size_vla(t, 3);
            }
        } else {
            let _ = cdef(&mut cts, data, &[]);
        }
    });
});
