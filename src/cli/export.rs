use super::{Env, ReadArgs};
use factcheck::error::Result;
use std::collections::HashMap;

#[derive(clap::Subcommand)]
pub enum ExportCommand {
    /// schema.org ClaimReview JSON-LD for every rated claim.
    Claimreview(ClaimReviewArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck export claimreview > claimreview.json\n  factcheck export claimreview --event k1-attack"
)]
pub struct ClaimReviewArgs {
    /// Only claims about this event.
    #[arg(long, value_name = "EVENT")]
    event: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(env: &Env, cmd: ExportCommand) -> Result<u8> {
    let ExportCommand::Claimreview(a) = cmd;
    let ws = env.workspace()?;
    let view = a.read.view(&ws)?;
    factcheck::ops::read::known_event(&view, a.event.as_deref())?;
    // The export is plain JSON-LD for other tools: skipped files are said on
    // standard error, and --strict makes them an error.
    if !view.loaded.skipped.is_empty() {
        eprint!("{}", factcheck::render::skipped_text(&view.loaded.skipped));
    }
    let an = view.analysis(&ws);
    let mut claims: Vec<_> = view
        .claims()
        .iter()
        .filter(|c| c.review.is_some())
        .filter(|c| a.event.as_deref().is_none_or(|e| c.event == e))
        .collect();
    claims.sort_by(|x, y| x.id.cmp(&y.id));
    let sources: HashMap<_, _> = view.loaded.sources.iter().map(|s| (&s.id, s)).collect();
    let kind = |name: &str| an.ctx.names.schema_type(&view.loaded.entities, name);
    super::emit(&factcheck::render::claimreview::export(
        &claims, &sources, &kind,
    ));
    Ok(a.read.exit(&view))
}
