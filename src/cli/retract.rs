use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
pub struct Args {
    claim: String,
    /// Why the claim is retracted.
    #[arg(long)]
    reason: String,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    let ws = env.workspace()?;
    factcheck::ops::retract(&ws, &a.claim, &a.reason)?;
    super::emit(&format!("retracted `{}`\n", a.claim));
    Ok(0)
}
