//! The front end as the VM sees it: source text to a compiled prototype.

use crate::bytecode::{self, proto::Proto};
use crate::syntax;

/// Source text to the main prototype, or the error message as LuaJIT words it
/// (`chunk:line: message near 'token'`).
pub fn compile_source(src: &[u8], chunkname: &str) -> Result<Proto, String> {
    let chunk = syntax::parse(src, chunkname).map_err(|e| e.to_string())?;
    bytecode::compile(&chunk, chunkname)
        .map_err(|e| format!("{}:{}: {}", syntax::chunk_shortname(chunkname), e.line, e.msg))
}
