use super::{Env, OutputFormat};
use factcheck::error::Result;
use factcheck::store::git::Repo;
use factcheck::store::workspace::load_snapshot;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck diff                      # HEAD against the working tree\n  factcheck diff HEAD~3\n  factcheck diff origin/main HEAD --format markdown"
)]
pub struct Args {
    /// The old revision (default HEAD).
    rev: Option<String>,
    /// The new revision (default: the working tree).
    rev2: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let repo = Repo::open(&ws.root)?;
    let old_rev = a.rev.unwrap_or_else(|| "HEAD".into());
    let old_commit = repo.resolve(&old_rev)?;
    let old = load_snapshot(&ws.config, repo.files(&old_commit)?);
    let (new, to) = match &a.rev2 {
        Some(r) => {
            let c = repo.resolve(r)?;
            (load_snapshot(&ws.config, repo.files(&c)?), r.clone())
        }
        None => (ws.load(), "working tree".to_string()),
    };
    let d = factcheck::analysis::diff::diff(&old, &new, &ws.config);
    let mut skipped = old.skipped.clone();
    skipped.extend(new.skipped.iter().cloned());
    super::emit(&factcheck::render::diff::render(
        &d,
        &old_rev,
        &to,
        &skipped,
        a.format.into(),
    ));
    Ok(0)
}
