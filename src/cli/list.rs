use super::{Env, FilterArgs, ReadArgs, TableFormat};
use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck list\n  factcheck list --event k1-attack --status conflicting\n  factcheck list --origin \"U.S. government\" --since 2019-12-30\n  factcheck list --format csv > claims.csv"
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
    let rows = super::shown(&view, &an, &filter)?;
    super::csv_skipped(a.format == super::TableFormat::Csv, &view.loaded.skipped);
    super::emit(&factcheck::render::list::render(
        &an,
        &rows,
        &view.loaded.skipped,
        a.format.into(),
        env.style,
    ));
    let code = a.read.exit(&view);
    super::release(an);
    super::release(view);
    Ok(code)
}
