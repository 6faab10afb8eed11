use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck prefer moh-toll-0512\n  factcheck prefer --clear moh-toll-0512"
)]
pub struct Args {
    /// The casualty account to prefer.
    claim: String,
    /// Remove the rank instead.
    #[arg(long)]
    clear: bool,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    let ws = env.workspace()?;
    let p = factcheck::ops::prefer::prefer(&ws, &a.claim, a.clear)?;
    let mut msg = match (a.clear, p.changed) {
        (false, true) => format!("`{}` is the preferred account of its figure\n", p.claim),
        (false, false) => format!("`{}` was already preferred; nothing changed\n", p.claim),
        (true, true) => format!("`{}` is no longer preferred\n", p.claim),
        (true, false) => format!("`{}` was not preferred; nothing changed\n", p.claim),
    };
    if !p.cleared.is_empty() {
        msg.push_str(&format!(
            "  cleared the rank of {}\n",
            p.cleared
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    super::emit(&msg);
    Ok(0)
}
