use super::Env;
use factcheck::error::Result;
use factcheck::model::Details;
use factcheck::ops::{self, NewClaim};

#[derive(clap::Subcommand)]
pub enum ClaimCommand {
    /// Record a claim: casualty, responsibility, denial or event.
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// Id of the new claim (a slug: a-z, 0-9, '-').
    id: String,
    /// casualty, responsibility, denial or event.
    #[arg(long)]
    kind: String,
    /// Slug grouping the claims about one incident.
    #[arg(long)]
    event: String,
    /// One sentence in the checker's words.
    #[arg(long)]
    statement: String,
    /// Who makes the claim (for a denial: the denier).
    #[arg(long)]
    asserted_by: Option<String>,
    /// When it was asserted.
    #[arg(long)]
    date: Option<String>,
    /// Casualty: killed, injured, missing, detained or displaced.
    #[arg(long)]
    category: Option<String>,
    /// Casualty: slug naming who is counted (protesters, us-contractor).
    #[arg(long)]
    group: Option<String>,
    /// Casualty: the count as worded ("at least 10"); min/max come from the count policy.
    #[arg(long, value_name = "WORDING")]
    count: Option<String>,
    /// Casualty: explicit minimum (policy = "explicit").
    #[arg(long)]
    min: Option<u64>,
    /// Casualty: explicit maximum; leave out for an open count.
    #[arg(long)]
    max: Option<u64>,
    /// Responsibility: who is said to have done it.
    #[arg(long)]
    actor: Option<String>,
    /// Denial: id of the claim denied.
    #[arg(long, value_name = "CLAIM")]
    denies: Option<String>,
}

pub fn run(env: &Env, cmd: ClaimCommand) -> Result<u8> {
    let ClaimCommand::Add(a) = cmd;
    ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let c = ops::claim_add(
        &ws,
        NewClaim {
            id: a.id,
            kind: a.kind,
            event: a.event,
            statement: a.statement,
            asserted_by: a.asserted_by,
            date: a.date,
            category: a.category,
            group: a.group,
            count: a.count,
            min: a.min,
            max: a.max,
            actor: a.actor,
            denies: a.denies,
        },
    )?;
    let what = match &c.details {
        Details::Casualty(k) => format!(
            "{} {}: {} ({})",
            k.group,
            k.category,
            k.interval,
            k.policy.as_deref().unwrap_or("")
        ),
        Details::Responsibility { actor } => format!("blames {actor}"),
        Details::Denial { denies } => format!("denies {denies}"),
        Details::Event => "event".to_string(),
    };
    super::emit(&format!(
        "created claims/{}.toml: {what}\n  next: factcheck link {} SOURCE --quote \"...\"\n",
        c.id, c.id
    ));
    Ok(0)
}
