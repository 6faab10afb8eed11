use super::Env;
use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck mv ap-wire ap-2020-03-11\n  factcheck mv camp-taji camp-taji-2020-03-11   # an event slug\n  factcheck mv moh gaza-moh                     # an entity"
)]
pub struct Args {
    /// The id to rename: a claim, source, entity or event.
    old: String,
    /// The new id (a slug; ids are never reused).
    new: String,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.old)?;
    factcheck::ops::parse_id(&a.new)?;
    let ws = env.workspace()?;
    let m = factcheck::ops::mv::mv(&ws, &a.old, &a.new)?;
    let mut out = format!("renamed {} `{}` to `{}`\n", m.kind.as_str(), a.old, a.new);
    for (from, to) in &m.renamed {
        out.push_str(&format!("  moved {} -> {}\n", from.display(), to.display()));
    }
    for f in &m.rewritten {
        out.push_str(&format!("  rewrote {}\n", f.display()));
    }
    if m.renamed.is_empty() && m.rewritten.is_empty() {
        out.push_str("  nothing referred to it\n");
    }
    super::emit(&out);
    Ok(0)
}
