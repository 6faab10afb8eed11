use super::Env;
use factcheck::error::{EXIT_WANTING, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck fmt\n  factcheck fmt --check\n  factcheck fmt claims/k1-four-injured.toml"
)]
pub struct Args {
    /// List files that would change and exit 1; change nothing.
    #[arg(long)]
    check: bool,
    /// Record files to format (default: every record).
    paths: Vec<PathBuf>,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let done = factcheck::ops::fmt::fmt(&ws, &env.dir, &a.paths, a.check)?;
    let mut out = String::new();
    for (f, why) in &done.skipped {
        eprintln!("warning: skipped {}: {why}", f.display());
    }
    for c in &done.changed {
        out.push_str(&format!(
            "{}{}\n",
            if a.check {
                "would reformat "
            } else {
                "formatted "
            },
            c.display()
        ));
    }
    if done.changed.is_empty() {
        out.push_str("fmt: every record is in canonical layout\n");
    }
    super::emit(&out);
    Ok(
        if (a.check && !done.changed.is_empty()) || !done.skipped.is_empty() {
            EXIT_WANTING
        } else {
            0
        },
    )
}
