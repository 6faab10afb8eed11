use super::{Env, OutputFormat};
use factcheck::error::Result;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum ImportCommand {
    /// Fact-checkers' ClaimReview JSON-LD (or a Fact Check Tools claims:search response).
    Claimreview(ClaimReviewArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck import claimreview reviews.json\n  curl -s \"$FACT_CHECK_TOOLS_URL\" | factcheck import claimreview - --event covid-claims\n  factcheck import claimreview page-ld.json --format json"
)]
pub struct ClaimReviewArgs {
    /// The JSON file, or - for standard input.
    #[arg(value_name = "FILE|-")]
    file: PathBuf,
    /// The event the imported claims belong to.
    #[arg(long, value_name = "EVENT", default_value = factcheck::ops::import::DEFAULT_EVENT)]
    event: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, cmd: ImportCommand) -> Result<u8> {
    let ImportCommand::Claimreview(a) = cmd;
    let ws = env.workspace()?;
    let bytes = super::source::read_input(env, &a.file)?;
    let shown = a.file.display().to_string();
    let i = factcheck::ops::import::import_claimreview(&ws, &bytes, &shown, Some(&a.event))?;
    super::emit(&factcheck::render::claimreview::imported(
        &i,
        &a.event,
        a.format.into(),
    ));
    Ok(u8::from(!i.rejected.is_empty()))
}
