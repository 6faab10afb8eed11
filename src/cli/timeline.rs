use super::{Env, OutputFormat};
use factcheck::analysis::{Context, figures, timeline};
use factcheck::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// Only this event.
    #[arg(long)]
    event: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let loaded = env.load(&ws);
    super::known_event(&loaded, a.event.as_deref())?;
    // Figures need only the shared context, not the whole analysis.
    let ctx = Context::new(&loaded.claims, &loaded.sources, &ws.config);
    let mut t = timeline::timelines(&ctx, &figures::figures(&ctx));
    let mut attr = timeline::attributions(&ctx);
    if let Some(e) = &a.event {
        t.retain(|f| &f.event == e);
        attr.retain(|f| &f.event == e);
    }
    super::emit(&factcheck::render::timeline::render(
        &t,
        &attr,
        a.format.into(),
        env.style,
    ));
    Ok(0)
}
