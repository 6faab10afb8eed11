use super::Env;
use factcheck::error::Result;
use factcheck::ops::{self, NewLink};

#[derive(clap::Args)]
pub struct Args {
    claim: String,
    source: String,
    /// The words, verbatim from the source's archived text.
    #[arg(long)]
    quote: String,
    /// The origin named inside the source ("U.S. officials").
    #[arg(long, value_name = "WHO")]
    attributed_to: Option<String>,
    /// Id of a source this one relays the information from.
    #[arg(long, value_name = "SOURCE")]
    via: Option<String>,
    /// Admiralty information grade, 1 (confirmed) to 6 (cannot be judged).
    #[arg(long)]
    credibility: Option<u8>,
    /// Link a quote from a source that has no archived text.
    #[arg(long)]
    unverified: bool,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    ops::parse_id(&a.claim)?;
    ops::parse_id(&a.source)?;
    let ws = env.workspace()?;
    let claim = a.claim.clone();
    let linked = ops::link(
        &ws,
        NewLink {
            claim: a.claim,
            source: a.source,
            quote: a.quote,
            attributed_to: a.attributed_to,
            via: a.via,
            credibility: a.credibility,
            unverified: a.unverified,
        },
    )?;
    if linked.duplicate {
        eprintln!(
            "note: this quote from `{}` was already linked to `{claim}`; linked again",
            linked.evidence.source
        );
    }
    let check = if linked.verified {
        "quote found in the archive"
    } else {
        "UNVERIFIED: the source has no archive"
    };
    super::emit(&format!(
        "linked `{claim}` to `{}` ({check})\n",
        linked.evidence.source
    ));
    Ok(0)
}
