//! ClaimReview as fact-checkers really publish it, read into plain items.
//!
//! Accepted shapes: a single object, an array, an `@graph`, a `DataFeed` /
//! `DataFeedItem` wrapper, and the Fact Check Tools `claims:search` response
//! (or one of its `claims[]` elements). Ratings may be numbers or strings
//! (empty strings are absent values), authors objects, arrays or strings,
//! dates in several formats or missing, URLs relative or broken: what cannot
//! be used is dropped with a note; an item without the claim reviewed or
//! without any rating is rejected with the reason. No IO here.

use super::records::Review;
use super::time::Timestamp;
use serde_json::{Map, Value};

/// One review, ready to become a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    /// Where the item sits in the file (`[3]`, `@graph[2]`, `claims[0].claimReview[1]`).
    pub at: String,
    /// The claim as the fact-checker states it.
    pub claim_reviewed: String,
    /// Who made the claim (`itemReviewed.author`, `claimant`).
    pub claimant: Option<String>,
    /// When the claim was made (`itemReviewed.datePublished`, `claimDate`).
    pub claim_date: Option<Timestamp>,
    /// Where the claim appeared: absolute http(s) URLs, `firstAppearance` first.
    pub appearances: Vec<String>,
    pub review: Review,
    /// What was dropped from the item and why.
    pub notes: Vec<String>,
}

impl ReviewItem {
    /// What makes two items the same review: its URL, else its claim, author
    /// and date. Importing keys claims by it, so a second import adds nothing.
    pub fn key(&self) -> String {
        match &self.review.url {
            Some(u) => u.clone(),
            None => format!(
                "{}\u{1f}{}\u{1f}{}",
                self.claim_reviewed,
                self.review.author.as_deref().unwrap_or(""),
                self.review
                    .date
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
        }
    }
}

/// An item that could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub at: String,
    pub why: String,
}

/// Every ClaimReview in a document: taken or rejected, in file order. Nodes
/// of other types (a WebPage in an `@graph`) are left out silently.
pub fn read(doc: &Value) -> Vec<Result<ReviewItem, Rejected>> {
    let mut out = Vec::new();
    walk(doc, String::new(), &mut out);
    out
}

fn walk(v: &Value, at: String, out: &mut Vec<Result<ReviewItem, Rejected>>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{at}[{i}]");
                if item.is_object() || item.is_array() {
                    walk(item, at, out);
                } else if at.starts_with('[') && !at[1..].contains('[') {
                    // An item of a top-level array that is no object at all.
                    out.push(Err(Rejected {
                        at,
                        why: "not a JSON object".into(),
                    }));
                }
            }
        }
        Value::Object(o) => {
            let here = |k: &str| {
                if at.is_empty() {
                    k.to_string()
                } else {
                    format!("{at}.{k}")
                }
            };
            if is_claim_review(o) {
                out.push(item(
                    o,
                    if at.is_empty() {
                        "(top)".into()
                    } else {
                        at.clone()
                    },
                ));
            } else if let Some(reviews) = o.get("claimReview").and_then(Value::as_array) {
                // Fact Check Tools: a claim with its reviews.
                for (i, r) in reviews.iter().enumerate() {
                    let at = format!("{}[{i}]", here("claimReview"));
                    match r.as_object() {
                        Some(r) => out.push(tools_item(o, r, at)),
                        None => out.push(Err(Rejected {
                            at,
                            why: "not a JSON object".into(),
                        })),
                    }
                }
            } else {
                // Containers: a graph, a claims:search response, a data feed.
                let feed = types(o).iter().any(|t| {
                    ["DataFeed", "DataFeedItem", "ItemList", "ListItem"]
                        .iter()
                        .any(|f| t.eq_ignore_ascii_case(f))
                });
                for key in [
                    "@graph",
                    "claims",
                    "item",
                    "dataFeedElement",
                    "itemListElement",
                ] {
                    let container = matches!(key, "@graph" | "claims") || feed;
                    if container && let Some(inner) = o.get(key) {
                        walk(inner, here(key), out);
                    }
                }
            }
        }
        _ => out.push(Err(Rejected {
            at: if at.is_empty() { "(top)".into() } else { at },
            why: "not a JSON object".into(),
        })),
    }
}

fn types(o: &Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .collect(),
        _ => vec![],
    }
}

/// A ClaimReview by its type, or an untyped object shaped like one (some
/// publishers' APIs leave `@type` out).
fn is_claim_review(o: &Map<String, Value>) -> bool {
    let t = types(o);
    if t.iter().any(|t| {
        t.eq_ignore_ascii_case("ClaimReview") || t.eq_ignore_ascii_case("schema:ClaimReview")
    }) {
        return true;
    }
    t.is_empty() && o.contains_key("claimReviewed") && o.contains_key("reviewRating")
}

/// Text as published: HTML entities decoded, tags dropped, whitespace
/// (including stray CRs) collapsed.
pub fn clean_text(s: &str) -> String {
    let decoded = if s.contains('&') || s.contains('<') {
        let doc = dom_query::Document::from(format!("<body>{s}</body>"));
        doc.select("body").text().to_string()
    } else {
        s.to_string()
    };
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean_text(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(|x| text(Some(x))).collect();
            (!parts.is_empty()).then(|| parts.join(" / "))
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A name given as a string, an object with `name`, or an array of either.
fn name(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(_) => text(v),
        Value::Object(o) => name(o.get("name")),
        Value::Array(a) => {
            let mut names: Vec<String> = a.iter().filter_map(|x| name(Some(x))).collect();
            names.dedup();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// A number given as a number or a numeric string ("4", "4.5", "4,5");
/// an empty string is no number.
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<f64>()
                .ok()
                .or_else(|| s.replace(',', ".").parse::<f64>().ok())
                .filter(|x| x.is_finite())
        }
        _ => None,
    }
}

/// An absolute http(s) URL, or the reason it is not one.
fn absolute_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    match url::Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            if !u.username().is_empty() || u.password().is_some() {
                return Err("carries credentials".into());
            }
            Ok(u.to_string())
        }
        Ok(u) => Err(format!("has the scheme {}:, not http(s)", u.scheme())),
        Err(_) => Err("is not an absolute URL".into()),
    }
}

fn url_field(v: Option<&Value>, what: &str, notes: &mut Vec<String>) -> Option<String> {
    let raw = match v? {
        Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
        Value::Object(o) => return url_field(o.get("url").or_else(|| o.get("@id")), what, notes),
        Value::Array(a) => return a.iter().find_map(|x| url_field(Some(x), what, notes)),
        _ => return None,
    };
    match absolute_url(&raw) {
        Ok(u) => Some(u),
        Err(why) => {
            notes.push(format!("{what} {raw:?} {why}; dropped"));
            None
        }
    }
}

fn date_field(v: Option<&Value>, what: &str, notes: &mut Vec<String>) -> Option<Timestamp> {
    let raw = text(v)?;
    let t = Timestamp::lenient(&raw);
    if t.is_none() {
        notes.push(format!("{what} {raw:?} is not a date; dropped"));
    }
    t
}

/// Every appearance URL: `firstAppearance` first, then `appearance`.
fn appearances(item: Option<&Value>, notes: &mut Vec<String>) -> Vec<String> {
    let Some(Value::Object(o)) = item else {
        return vec![];
    };
    let mut out: Vec<String> = Vec::new();
    for key in ["firstAppearance", "appearance"] {
        let list: Vec<&Value> = match o.get(key) {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(v) => vec![v],
            None => vec![],
        };
        for v in list {
            if let Some(u) = url_field(Some(v), key, notes)
                && !out.contains(&u)
            {
                out.push(u);
            }
        }
    }
    out
}

fn rating_review(
    rating: Option<&Map<String, Value>>,
    notes: &mut Vec<String>,
) -> Result<Review, String> {
    let Some(r) = rating else {
        return Err("no reviewRating: the verdict is missing".into());
    };
    let label = text(r.get("alternateName")).or_else(|| text(r.get("name")));
    let value = number(r.get("ratingValue"));
    let best = number(r.get("bestRating"));
    let worst = number(r.get("worstRating"));
    if r.get("ratingValue")
        .is_some_and(|v| !v.is_null() && !matches!(v, Value::String(s) if s.trim().is_empty()))
        && value.is_none()
    {
        notes.push(format!(
            "ratingValue {} is not a number; dropped",
            r.get("ratingValue")
                .map(Value::to_string)
                .unwrap_or_default()
        ));
    }
    let rating = match (&label, value) {
        (Some(l), _) => l.clone(),
        (None, Some(v)) => match best {
            Some(b) => format!("{} of {}", fmt_num(v), fmt_num(b)),
            None => fmt_num(v),
        },
        (None, None) => {
            return Err(
                "reviewRating has neither an alternateName nor a ratingValue: the verdict is missing"
                    .into(),
            );
        }
    };
    Ok(Review {
        rating,
        rating_value: value,
        best_rating: best,
        worst_rating: worst,
        explanation: match r.get("ratingExplanation") {
            Some(Value::String(_)) => text(r.get("ratingExplanation")),
            _ => None,
        },
        url: None,
        date: None,
        author: None,
    })
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// A schema.org ClaimReview object.
fn item(o: &Map<String, Value>, at: String) -> Result<ReviewItem, Rejected> {
    let reject = |why: String| Rejected {
        at: at.clone(),
        why,
    };
    let mut notes = Vec::new();
    let claim_reviewed = text(o.get("claimReviewed"))
        .ok_or_else(|| reject("no claimReviewed: the claim under review is not stated".into()))?;
    let mut review = rating_review(o.get("reviewRating").and_then(Value::as_object), &mut notes)
        .map_err(reject)?;
    review.url = url_field(o.get("url"), "url", &mut notes);
    review.date = date_field(o.get("datePublished"), "datePublished", &mut notes);
    review.author = name(o.get("author")).or_else(|| name(o.get("publisher")));
    let reviewed = o.get("itemReviewed");
    let reviewed_obj = reviewed.and_then(Value::as_object);
    Ok(ReviewItem {
        at,
        claim_reviewed,
        claimant: reviewed_obj.and_then(|r| name(r.get("author"))),
        claim_date: reviewed_obj.and_then(|r| {
            date_field(
                r.get("datePublished"),
                "itemReviewed.datePublished",
                &mut notes,
            )
        }),
        appearances: appearances(reviewed, &mut notes),
        review,
        notes,
    })
}

/// A review from the Fact Check Tools API: the claim `c` and one of its `claimReview[]`.
fn tools_item(
    c: &Map<String, Value>,
    r: &Map<String, Value>,
    at: String,
) -> Result<ReviewItem, Rejected> {
    let reject = |why: &str| Rejected {
        at: at.clone(),
        why: why.into(),
    };
    let mut notes = Vec::new();
    let claim_reviewed = text(c.get("text"))
        .ok_or_else(|| reject("no claim text: the claim under review is not stated"))?;
    let rating = text(r.get("textualRating"))
        .ok_or_else(|| reject("no textualRating: the verdict is missing"))?;
    let review = Review {
        rating,
        rating_value: None,
        best_rating: None,
        worst_rating: None,
        explanation: None,
        url: url_field(r.get("url"), "url", &mut notes),
        date: date_field(r.get("reviewDate"), "reviewDate", &mut notes),
        author: r
            .get("publisher")
            .and_then(|p| name(Some(p)).or_else(|| text(p.get("site")))),
    };
    Ok(ReviewItem {
        at,
        claim_reviewed,
        claimant: text(c.get("claimant")),
        claim_date: date_field(c.get("claimDate"), "claimDate", &mut notes),
        appearances: vec![],
        review,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(v: Value) -> Result<ReviewItem, Rejected> {
        let mut all = read(&v);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn a_plain_claim_review() {
        let r = one(json!({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": "https://checker.example/fc/1", "datePublished": "2024-03-02",
            "claimReviewed": "Four soldiers were killed",
            "author": {"@type": "Organization", "name": "Checker"},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": " A. Minister "},
                "datePublished": "2024-03-01", "appearance": [{"url": "https://social.example/p/1"}],
                "firstAppearance": {"@type": "CreativeWork", "url": "https://tv.example/clip"}},
            "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": 5, "worstRating": "1",
                "alternateName": "Mostly false\r"}
        }))
        .unwrap();
        assert_eq!(r.claim_reviewed, "Four soldiers were killed");
        assert_eq!(r.claimant.as_deref(), Some("A. Minister"));
        assert_eq!(r.review.rating, "Mostly false");
        assert_eq!(
            (
                r.review.rating_value,
                r.review.best_rating,
                r.review.worst_rating
            ),
            (Some(2.0), Some(5.0), Some(1.0))
        );
        assert_eq!(r.review.author.as_deref(), Some("Checker"));
        assert_eq!(
            r.appearances,
            ["https://tv.example/clip", "https://social.example/p/1"]
        );
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn graph_arrays_and_feeds() {
        let v = json!({"@graph": [
            {"@type": "WebPage", "name": "ignored"},
            {"@type": ["Review", "ClaimReview"], "claimReviewed": "x", "reviewRating": {"alternateName": "False"}}
        ]});
        let all = read(&v);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].as_ref().unwrap().at, "@graph[1]");
        let feed = json!({"@type": "DataFeedItem", "item": [{"@type": "ClaimReview", "claimReviewed": "y",
            "reviewRating": {"@type": "Rating", "alternateName": "A long sentence explaining."}}]});
        assert_eq!(
            read(&feed)[0].as_ref().unwrap().review.rating,
            "A long sentence explaining."
        );
        let arr = json!([1, {"@type": "ClaimReview", "claimReviewed": "z", "reviewRating": {"ratingValue": 1, "bestRating": 6}}]);
        let all = read(&arr);
        assert_eq!(
            all[0],
            Err(Rejected {
                at: "[0]".into(),
                why: "not a JSON object".into()
            })
        );
        assert_eq!(all[1].as_ref().unwrap().review.rating, "1 of 6");
    }

    #[test]
    fn fact_check_tools_shape() {
        let v = json!({"claims": [{"text": "Claim text", "claimant": "Someone", "claimDate": "2019-06-20T12:12:40Z",
            "claimReview": [{"publisher": {"site": "checker.example"}, "url": "https://checker.example/r",
                "reviewDate": "2019-06-21T00:00:00Z", "textualRating": "False", "languageCode": "ur"}]}]});
        let r = one(v).unwrap();
        assert_eq!(r.at, "claims[0].claimReview[0]");
        assert_eq!(r.review.author.as_deref(), Some("checker.example"));
        assert_eq!(r.claimant.as_deref(), Some("Someone"));
        assert_eq!(r.review.rating, "False");
    }

    #[test]
    fn what_is_dropped_is_noted_and_what_is_missing_rejected() {
        let r = one(
            json!({"@type": "ClaimReview", "url": "/relative/path", "datePublished": "last week",
            "claimReviewed": "Caf&eacute; &#039;x&#039; <br /> y",
            "itemReviewed": {"appearance": ["www.no-scheme.example/a", "javascript:alert(1)"]},
            "reviewRating": {"ratingValue": "n/a", "alternateName": "False"}}),
        )
        .unwrap();
        assert_eq!(r.claim_reviewed, "Café 'x' y");
        assert_eq!(r.review.url, None);
        assert_eq!(r.review.date, None);
        assert!(r.appearances.is_empty());
        assert_eq!(r.notes.len(), 5, "{:?}", r.notes);
        let none = one(json!({"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}));
        assert!(none.unwrap_err().why.contains("no claimReviewed"));
        let unrated = one(
            json!({"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"bestRating": 5, "worstRating": 1}}),
        );
        assert!(
            unrated
                .unwrap_err()
                .why
                .contains("neither an alternateName nor a ratingValue")
        );
    }
}
