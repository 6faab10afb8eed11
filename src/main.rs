//! The `factcheck` binary: parse arguments, run, map the outcome to an exit code.

// clap's subcommand enums hold their arguments by value, parsed once.
#![allow(clippy::large_enum_variant)]

mod cli;

// Loading a large workspace makes millions of small allocations; mimalloc
// serves them faster than the system allocator (see bench/RESULTS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::run())
}
