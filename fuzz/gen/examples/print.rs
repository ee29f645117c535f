//! Prints generated program number N: `cargo run -p twin-gen --example print -- --seed N`.
//!
//! To run it standalone, give it the helper library that FFI programs load:
//! `luajit -e "TWIN_FFI_HELPER='$(cargo run -q -p twin-gen --example print -- --helper)'" prog.lua`.

fn usage() -> ! {
    eprintln!("usage: print --seed N | --helper");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--seed", n] => match n.parse::<u64>() {
            Ok(seed) => print!("{}", twin_gen::from_seed(seed).text),
            Err(_) => usage(),
        },
        ["--helper"] => println!("{}", twin_gen::helper_lib_path().display()),
        _ => usage(),
    }
}
