use super::Env;
use factcheck::error::Result;
use factcheck::ops::link::{NewLink, link};

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck link k1-four-injured hill --quote \"injured four U.S. military members\" --attributed-to \"U.S. officials\"\n  factcheck link daily-toll daily --quote \"18 people\" --via wire --credibility 2\n  factcheck link kh-denies tv --quote \"we had nothing to do with it\" --unverified"
)]
pub struct Args {
    /// The claim the quote is evidence for.
    claim: String,
    /// The source the quote is from.
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
    #[arg(long, value_name = "1-6")]
    credibility: Option<u8>,
    /// Link a quote from a source that has no archived text.
    #[arg(long)]
    unverified: bool,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    factcheck::ops::parse_id(&a.source)?;
    let ws = env.workspace()?;
    let claim = a.claim.clone();
    let linked = link(
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
    let check = if linked.verified {
        "quote found in the archive"
    } else {
        "UNVERIFIED: the source has no archive"
    };
    let mut msg = format!(
        "linked `{claim}` to `{}` as evidence[{}] ({check})\n",
        linked.evidence.source, linked.index
    );
    if linked.attributed_from_claim
        && let Some(a) = &linked.evidence.attributed_to
    {
        msg.push_str(&format!(
            "  attributed to {a}, the claim's asserted_by (give --attributed-to to name whoever the source quotes)\n"
        ));
    }
    super::emit(&msg);
    Ok(0)
}
