use super::Env;
use factcheck::error::Result;
use factcheck::ops::rate::{NewRating, rate};

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck rate trump-wounding-many --rating \"Misleading\" --value 2 --best 5 --worst 1 \\\n      --explanation \"Four were wounded, per U.S. officials\" --url https://desk.example/fc/12\n  factcheck rate kh-denies --rating \"Unproven\" --author \"Example Fact Check\"\n  factcheck export claimreview > claimreview.json"
)]
pub struct Args {
    /// The claim the desk has rated.
    claim: String,
    /// The verdict as published ("False", "Misleading", "Unproven").
    #[arg(long)]
    rating: String,
    /// The verdict on a numeric scale (needs --best and --worst).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    value: Option<f64>,
    /// The best value of the scale (the "true" end).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    best: Option<f64>,
    /// The worst value of the scale.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    worst: Option<f64>,
    /// Why, in a sentence.
    #[arg(long, value_name = "T")]
    explanation: Option<String>,
    /// Where the fact-check is published.
    #[arg(long, value_name = "U")]
    url: Option<String>,
    /// When it was published (default: today, UTC).
    #[arg(long, value_name = "D")]
    date: Option<String>,
    /// Who published it (default: [review] author in factcheck.toml).
    #[arg(long)]
    author: Option<String>,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    factcheck::ops::parse_id(&a.claim)?;
    let ws = env.workspace()?;
    let claim = a.claim.clone();
    let r = rate(
        &ws,
        NewRating {
            claim: a.claim,
            rating: a.rating,
            value: a.value,
            best: a.best,
            worst: a.worst,
            explanation: a.explanation,
            url: a.url,
            date: a.date,
            author: a.author,
        },
    )?;
    let scale = match (r.rating_value, r.best_rating, r.worst_rating) {
        (Some(v), Some(b), Some(w)) => format!(" ({v} on a scale from {w} to {b})"),
        _ => String::new(),
    };
    let by = r
        .author
        .as_deref()
        .map(|a| format!(" by {a}"))
        .unwrap_or_else(|| {
            " (no author: set [review] author in factcheck.toml or pass --author)".into()
        });
    super::emit(&format!(
        "rated `{claim}` {:?}{scale}{by}; written to claims/{claim}.toml [review]\n",
        r.rating
    ));
    Ok(0)
}
