use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck retract wire-killed-15 --reason \"the wire corrected its count\"\n  factcheck retract rumour --reason \"no source confirms it\" --on 2020-03-14"
)]
pub struct Args {
    /// The claim to retract.
    claim: String,
    /// Why the claim is retracted.
    #[arg(long)]
    reason: String,
    /// From when the retraction applies (default: today, UTC).
    #[arg(long, value_name = "D")]
    on: Option<String>,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    let ws = env.workspace()?;
    let on = factcheck::ops::retract::retract(&ws, &a.claim, &a.reason, a.on.as_deref())?;
    super::emit(&format!("retracted `{}` as of {on}\n", a.claim));
    Ok(0)
}
