//! `factcheck rate`: the desk's published verdict on a claim, stored in its
//! `[review]` table (the shape of schema.org ClaimReview).

use super::{non_blank, parse_id, parse_time};
use crate::error::{Error, Result};
use crate::model::records::{RecordKind, Review};
use crate::store::canonical;
use crate::store::edit::edit_record;
use crate::store::lock::WorkspaceLock;
use crate::store::workspace::Workspace;

#[derive(Debug, Default, Clone)]
pub struct NewRating {
    pub claim: String,
    pub rating: String,
    pub value: Option<f64>,
    pub best: Option<f64>,
    pub worst: Option<f64>,
    pub explanation: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
}

pub fn review_of(ws: &Workspace, r: &NewRating) -> Result<Review> {
    if r.rating.trim().is_empty() {
        return Err(Error::Usage(
            "--rating cannot be empty: the verdict as published (\"False\", \"Misleading\")".into(),
        ));
    }
    for (flag, v) in [("value", r.value), ("best", r.best), ("worst", r.worst)] {
        if v.is_some_and(|x| !x.is_finite()) {
            return Err(Error::Usage(format!("--{flag} must be a number")));
        }
    }
    if r.value.is_some() && (r.best.is_none() || r.worst.is_none()) {
        return Err(Error::Usage(
            "--value needs --best and --worst, so a reader knows the scale (e.g. --value 1 --best 5 --worst 1)".into(),
        ));
    }
    if let (Some(v), Some(b), Some(w)) = (r.value, r.best, r.worst) {
        let (lo, hi) = if b >= w { (w, b) } else { (b, w) };
        if v < lo || v > hi {
            return Err(Error::Usage(format!(
                "--value {v} lies outside the scale {w} to {b}"
            )));
        }
    }
    Ok(Review {
        rating: r.rating.clone(),
        rating_value: r.value,
        best_rating: r.best,
        worst_rating: r.worst,
        explanation: non_blank("explanation", r.explanation.clone())?,
        url: non_blank("url", r.url.clone())?,
        date: parse_time("date", r.date.as_deref())?
            .or_else(|| Some(crate::model::time::Timestamp::today())),
        author: non_blank("author", r.author.clone())?.or_else(|| ws.config.review_author.clone()),
    })
}

/// Stores the verdict; a second rating replaces the first.
pub fn rate(ws: &Workspace, r: NewRating) -> Result<Review> {
    let id = parse_id(&r.claim)?;
    let review = review_of(ws, &r)?;
    let lock = WorkspaceLock::acquire(&ws.root)?;
    edit_record(
        ws,
        &lock,
        RecordKind::Claim,
        &id,
        |_| Ok(()),
        |t| canonical::set_review(t, &review),
    )?;
    Ok(review)
}
