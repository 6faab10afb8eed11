use super::Env;
use factcheck::error::Result;
use factcheck::ops::init::{Options, init};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck init desk\n  factcheck init --git desk\n  factcheck init --nested sub-desk"
)]
pub struct Args {
    /// Directory to make a workspace (default: the current one, or -C DIR).
    dir: Option<PathBuf>,
    /// Also start a git repository there (review in git is the point).
    #[arg(long)]
    git: bool,
    /// Allow a workspace inside another workspace.
    #[arg(long)]
    nested: bool,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let dir = match a.dir {
        Some(d) if d.is_relative() => env.dir.join(d),
        Some(d) => d,
        None => env.dir.clone(),
    };
    let done = init(
        &dir,
        &Options {
            git: a.git,
            nested: a.nested,
        },
    )?;
    let shown = std::path::absolute(&dir).ok().and_then(|abs| {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| abs.strip_prefix(cwd).ok().map(|p| p.to_path_buf()))
    });
    let shown = match shown {
        Some(p) if p.as_os_str().is_empty() => ".".to_string(),
        Some(p) => p.display().to_string(),
        None => done.root.display().to_string(),
    };
    let git = if done.git {
        " and a git repository"
    } else {
        ""
    };
    super::emit(&format!(
        "created a factcheck workspace{git} in {shown}\n  next: factcheck source add ID --title T --publisher P --text-file article.txt\n"
    ));
    Ok(0)
}
