use super::{Env, FilterArgs, ReadArgs, TableFormat};
use factcheck::error::Result;
use factcheck::render::timeline::{TimelineInput, render};

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck timeline\n  factcheck timeline --event war-2023 --format csv\n  factcheck timeline --as-of 2024-03-09"
)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let filter = a.filters.filter()?;
    let ws = env.workspace()?;
    let view = a.read.view(&ws)?;
    let an = view.analysis(&ws);
    let shown = super::shown(&view, &an, &filter)?;
    let mut is_shown = vec![false; an.ctx.claims.len()];
    for i in &shown {
        is_shown[*i] = true;
    }
    let mut figures = an.timelines();
    figures.retain(|t| {
        an.figures[t.figure]
            .accounts
            .iter()
            .any(|x| is_shown[x.claim])
    });
    let mut attributions = an.attributions();
    for at in &mut attributions {
        at.entries.retain(|e| is_shown[e.claim]);
    }
    attributions.retain(|at| !at.entries.is_empty());
    super::csv_skipped(a.format == super::TableFormat::Csv, &view.loaded.skipped);
    let out = render(
        &TimelineInput {
            analysis: &an,
            figures,
            attributions,
            skipped: &view.loaded.skipped,
        },
        a.format.into(),
        env.style,
    );
    super::emit(&out);
    Ok(a.read.exit(&view))
}
