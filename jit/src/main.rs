//! `twin-lua`: command-line front end with LuaJIT's flags.

fn main() {
    eprintln!("twin-lua: the interpreter is not built yet");
    std::process::exit(1);
}
