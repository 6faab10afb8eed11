use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck relate wire-killed-18 supersedes wire-killed-15\n  factcheck relate ministry-toll contradicts militia-toll"
)]
pub struct Args {
    /// The claim that relates.
    claim: String,
    /// contradicts, supersedes or corroborates.
    #[arg(value_parser = ["contradicts", "supersedes", "corroborates"])]
    relation: String,
    /// The claim related to.
    other: String,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    factcheck::ops::parse_id(&a.other)?;
    let ws = env.workspace()?;
    let changed = factcheck::ops::relate::relate(&ws, &a.claim, &a.relation, &a.other)?;
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
