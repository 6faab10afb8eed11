use super::{Env, OutputFormat};
use factcheck::error::Result;
use factcheck::git::Repo;
use factcheck::workspace::load_snapshot;

#[derive(clap::Args)]
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
    let old = load_snapshot(&ws.config, &repo.files(&old_commit)?);
    let (new, to) = match &a.rev2 {
        Some(r) => {
            let c = repo.resolve(r)?;
            (load_snapshot(&ws.config, &repo.files(&c)?), r.clone())
        }
        None => (env.load(&ws), "working tree".to_string()),
    };
    let d = factcheck::diff::diff(&old, &new, &ws.config);
    super::emit(&factcheck::render::diff::render(
        &d,
        &old_rev,
        &to,
        a.format.into(),
    ));
    Ok(0)
}
