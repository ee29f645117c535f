//! Every generated program must parse (and compile) with twin-lua's front end, and
//! reprint to the same text.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use twin_lua::{bytecode, syntax};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(program) = twin_gen::generate(&mut u) else { return };
    let text = syntax::print_chunk(&program.chunk);
    let chunk = match syntax::parse(text.as_bytes(), "=gen") {
        Ok(c) => c,
        Err(e) => panic!("generated program does not parse: {e}\n{text}"),
    };
    if let Err(e) = bytecode::compile(&chunk, "=gen") {
        panic!("generated program does not compile: {e}\n{text}");
    }
    assert_eq!(syntax::print_chunk(&chunk), text, "reprinting is not stable");
});
