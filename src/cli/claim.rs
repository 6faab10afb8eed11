use super::Env;
use factcheck::error::{Error, Result};
use factcheck::model::records::{Details, Stance};
use factcheck::ops::claim::{EditOutcome, NewClaim, claim_add, claim_edit, claim_set};
use std::io::IsTerminal;

#[derive(clap::Subcommand)]
pub enum ClaimCommand {
    /// Record a claim: casualty, responsibility, denial or event.
    Add(AddArgs),
    /// Set one field of a claim, validated; an empty VALUE removes an optional field.
    Set(SetArgs),
    /// Edit a claim in $VISUAL or $EDITOR; it is validated before it is written.
    Edit(EditArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck claim add k1-four-injured --kind casualty --event k1-attack --category injured \\\n      --group us-personnel --count \"four U.S. military members\" --asserted-by \"U.S. officials\" \\\n      --statement \"The Friday attack injured four U.S. military members.\"\n  factcheck claim add moh-toll --kind casualty --event war --category killed --group civilians \\\n      --min 200 --max 400 --best 250 --hedge \"likely near the lower bound\" --as-of 2024-05-03 \\\n      --statement \"The ministry counts 200 to 400 dead.\"\n  factcheck claim add us-blames-kh --kind responsibility --event k1-attack --actor \"Kataib Hezbollah\" \\\n      --asserted-by \"U.S. officials\" --statement \"The U.S. blames Kataib Hezbollah.\"\n  factcheck claim add kh-denies --kind denial --event k1-attack --actor \"Kataib Hezbollah\" \\\n      --asserted-by \"Kataib Hezbollah\" --statement \"Kataib Hezbollah denies any role.\""
)]
pub struct AddArgs {
    /// Id of the new claim (a slug: a-z, 0-9, '-').
    id: String,
    /// casualty, responsibility, denial or event.
    #[arg(long)]
    kind: Option<String>,
    /// Slug grouping the claims about one incident.
    #[arg(long)]
    event: Option<String>,
    /// One sentence in the checker's words.
    #[arg(long)]
    statement: Option<String>,
    /// Who makes the claim (for a denial: the denier).
    #[arg(long, value_name = "WHO")]
    asserted_by: Option<String>,
    /// When it was asserted: a date, or a date-time with offset.
    #[arg(long, value_name = "D")]
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
    #[arg(long, value_name = "N")]
    min: Option<u64>,
    /// Casualty: explicit maximum; leave out for an open count.
    #[arg(long, value_name = "N")]
    max: Option<u64>,
    /// Casualty: the asserter's point estimate, within min–max.
    #[arg(long, value_name = "N")]
    best: Option<u64>,
    /// Casualty: the moment the count refers to ("as of 3 May").
    #[arg(long, value_name = "D")]
    as_of: Option<String>,
    /// Casualty or responsibility: the asserter's own hedge, verbatim ("may rise").
    #[arg(long, value_name = "TEXT")]
    hedge: Option<String>,
    /// Responsibility: who is said to have done it; denial: deny that it did.
    #[arg(long, value_name = "A")]
    actor: Option<String>,
    /// Responsibility: accuses (blames the actor), claims (the actor claims it), admits.
    #[arg(long, value_parser = ["accuses", "claims", "admits"])]
    stance: Option<String>,
    /// Denial: id of the claim denied.
    #[arg(long, value_name = "CLAIM")]
    denies: Option<String>,
    /// Free-text notes.
    #[arg(long)]
    notes: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck claim set moh-toll wording \"at least 412\"   # min/max recomputed by the count policy\n  factcheck claim set moh-toll best 430\n  factcheck claim set us-blames-kh stance admits\n  factcheck claim set moh-toll hedge \"\"                # remove the hedge"
)]
pub struct SetArgs {
    /// The claim to change.
    id: String,
    /// The field: statement, asserted_by, date, event, category, group, wording,
    /// min, max, best, as_of, hedge, actor, stance, denies, notes, tags, policy.
    field: String,
    /// The new value (tags: comma-separated; empty: remove the field).
    value: String,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck claim edit moh-toll\n  EDITOR=nano factcheck claim edit moh-toll"
)]
pub struct EditArgs {
    /// The claim to edit.
    id: String,
}

pub fn run(env: &Env, cmd: ClaimCommand) -> Result<u8> {
    match cmd {
        ClaimCommand::Add(a) => add(env, a),
        ClaimCommand::Set(a) => set(env, a),
        ClaimCommand::Edit(a) => edit(env, a),
    }
}

/// One line describing a claim just written.
fn describe(c: &factcheck::model::records::Claim) -> String {
    match &c.details {
        Details::Casualty(k) => {
            let mut s = format!("{} {}: {}", k.group, k.category, k.interval);
            if let Some(b) = k.best {
                s.push_str(&format!(", best {b}"));
            }
            s.push_str(&format!(" ({})", k.policy.as_deref().unwrap_or("")));
            s
        }
        Details::Responsibility(b) => match b.stance {
            Some(Stance::Claims) => format!("claims it, as {}", b.actor),
            Some(Stance::Admits) => format!("admits it, as {}", b.actor),
            _ => format!("blames {}", b.actor),
        },
        Details::Denial(d) => match (&d.denies, &d.actor) {
            (Some(t), Some(a)) => format!("denies {t} and that {a} did it"),
            (Some(t), None) => format!("denies {t}"),
            (None, Some(a)) => format!("denies that {a} did it"),
            _ => "denial".into(),
        },
        Details::Event => "event".to_string(),
    }
}

fn add(env: &Env, a: AddArgs) -> Result<u8> {
    factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let c = claim_add(
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
            best: a.best,
            as_of: a.as_of,
            hedge: a.hedge,
            actor: a.actor,
            stance: a.stance,
            denies: a.denies,
            notes: a.notes,
            tags: a.tags,
        },
    )?;
    super::emit(&format!(
        "created claims/{}.toml: {}\n  next: factcheck link {} SOURCE --quote \"...\"\n",
        c.id,
        describe(&c),
        c.id
    ));
    Ok(0)
}

fn set(env: &Env, a: SetArgs) -> Result<u8> {
    factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let out = claim_set(&ws, &a.id, &a.field, &a.value)?;
    super::emit(&if out.changed {
        format!(
            "updated claims/{}.toml: {}\n",
            out.claim.id,
            describe(&out.claim)
        )
    } else {
        format!(
            "claims/{}.toml already says so; nothing changed\n",
            out.claim.id
        )
    });
    Ok(0)
}

/// Runs $VISUAL, else $EDITOR, else vi, through the shell (like git), on `path`.
fn run_editor(path: &std::path::Path) -> Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(&editor)
        .arg(path)
        .status()
        .map_err(|e| Error::Usage(format!("cannot run the editor {editor:?}: {e}")))?;
    if !status.success() {
        return Err(Error::Usage(format!(
            "the editor {editor:?} exited with {status}; nothing was written"
        )));
    }
    Ok(())
}

fn edit(env: &Env, a: EditArgs) -> Result<u8> {
    factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let again = |e: &Error| -> bool {
        eprintln!("error: {e}");
        if !interactive {
            return false;
        }
        eprint!("re-open the editor to fix it? [Y/n] ");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        !line.trim().eq_ignore_ascii_case("n")
    };
    match claim_edit(&ws, &a.id, &run_editor, &again)? {
        EditOutcome::Unchanged => {
            super::emit(&format!("no change; claims/{}.toml left as it was\n", a.id));
            Ok(0)
        }
        EditOutcome::Written(c) => {
            super::emit(&format!("updated claims/{}.toml: {}\n", c.id, describe(&c)));
            Ok(0)
        }
        EditOutcome::Kept { path, error } => {
            if matches!(error, Error::Conflict { .. }) {
                eprintln!("error: {error}");
            }
            eprintln!(
                "your edit is kept in {}; nothing was written to claims/{}.toml\n  help: fix it there and copy it over the claim, or run `factcheck claim edit {}` again",
                path.display(),
                a.id,
                a.id
            );
            Ok(factcheck::error::EXIT_WANTING)
        }
    }
}
