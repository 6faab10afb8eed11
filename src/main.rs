//! The `factcheck` binary: parse arguments, run, map the outcome to an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::run())
}
