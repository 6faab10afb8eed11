use super::Env;
use factcheck::error::Result;
use factcheck::ops::event::{NewEvent, event_add};

#[derive(clap::Subcommand)]
pub enum EventCommand {
    /// Record an event: title, date or range, place, parties, running totals.
    Add(AddArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck event add k1-attack --title \"Rocket attack on K-1 base\" --date 2019-12-27 --place Kirkuk \\\n      --party kataib-hezbollah --party us-government\n  factcheck event add war-2023 --title \"The war\" --start 2023-10-07 --cumulative"
)]
pub struct AddArgs {
    /// The event's id: the slug its claims name in `event`.
    id: String,
    /// What happened, in a few words.
    #[arg(long)]
    title: Option<String>,
    /// When it happened.
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Start of a longer event.
    #[arg(long, value_name = "D")]
    start: Option<String>,
    /// End of a longer event.
    #[arg(long, value_name = "D")]
    end: Option<String>,
    /// Where it happened.
    #[arg(long)]
    place: Option<String>,
    /// An entity that is a side in the event (repeatable).
    #[arg(long = "party", value_name = "ENTITY")]
    parties: Vec<String>,
    /// Counts are running totals (a war's toll): later, higher totals revise earlier ones.
    #[arg(long)]
    cumulative: bool,
    /// Free-text notes.
    #[arg(long)]
    notes: Option<String>,
}

pub fn run(env: &Env, cmd: EventCommand) -> Result<u8> {
    let EventCommand::Add(a) = cmd;
    factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let e = event_add(
        &ws,
        NewEvent {
            id: a.id,
            title: a.title,
            date: a.date,
            start: a.start,
            end: a.end,
            place: a.place,
            parties: a.parties,
            cumulative: a.cumulative,
            notes: a.notes,
        },
    )?;
    let mut what = Vec::new();
    if !e.parties.is_empty() {
        what.push(format!(
            "parties {}",
            e.parties
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if e.cumulative {
        what.push("running totals".into());
    }
    let what = if what.is_empty() {
        String::new()
    } else {
        format!(": {}", what.join("; "))
    };
    super::emit(&format!("created events/{}.toml{what}\n", e.id));
    Ok(0)
}
