//! Lua source text to AST and back.
//!
//! * [`parse`]: source bytes to an [`ast::Chunk`], or a [`SyntaxError`] worded and
//!   positioned as LuaJIT 2.1 words and positions it;
//! * [`print_chunk`] / [`print_expr`]: an AST back to source that parses to the same
//!   tree (`parse(print(ast)) == ast`);
//! * [`chunk_shortname`]: how error messages name a chunk (`@f.lua` -> `f.lua`).
//!
//! One concern per file: `token` (token kinds and their names in messages), `number`
//! (numeric literals), `lexer`, `parser` (grammar and LuaJIT's validity checks),
//! `printer`, `error`.

pub mod ast;
mod error;
mod lexer;
mod number;
mod parser;
mod printer;
mod token;

#[cfg(test)]
mod tests;

pub use error::{SyntaxError, chunk_shortname, chunk_shortname_bytes};
pub use parser::{MAX_TREE_DEPTH, parse};
pub use printer::{print_chunk, print_expr};
pub use token::is_reserved;
