//! `twin`: the differential harness (see the `twin_oracle` library).

fn main() {
    std::process::exit(twin_oracle::cli::main());
}
