use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
pub struct Args {
    claim: String,
    /// contradicts, supersedes or corroborates.
    #[arg(value_parser = ["contradicts", "supersedes", "corroborates"])]
    relation: String,
    other: String,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    factcheck::ops::parse_id(&a.other)?;
    let ws = env.workspace()?;
    let changed = factcheck::ops::relate(&ws, &a.claim, &a.relation, &a.other)?;
    let msg = if changed {
        "recorded"
    } else {
        "already recorded; nothing changed"
    };
    super::emit(&format!(
        "`{}` {} `{}`: {msg}\n",
        a.claim, a.relation, a.other
    ));
    Ok(0)
}
