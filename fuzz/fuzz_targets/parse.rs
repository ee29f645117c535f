//! Arbitrary bytes through the lexer, parser and compiler: every input either compiles
//! or is a syntax/compile error; nothing panics. Whatever parses must also survive the
//! printer round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twin_lua::{bytecode, syntax};

fuzz_target!(|data: &[u8]| {
    let Ok(chunk) = syntax::parse(data, "=fuzz") else { return };
    let _ = bytecode::compile(&chunk, "=fuzz");
    let printed = syntax::print_chunk(&chunk);
    match syntax::parse(printed.as_bytes(), "=fuzz") {
        Ok(again) => assert!(again == chunk, "print/parse round trip changed the tree:\n{printed}"),
        Err(e) => panic!("printed program does not parse: {e}\n{printed}"),
    }
});
