//! The conformance suite runner: Lua programs under `conformance/` with expected outputs.
