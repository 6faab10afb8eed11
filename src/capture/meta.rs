//! What a page says about itself: title, publisher, canonical URL, language
//! and every date it declares, each with where it came from (JSON-LD, Open
//! Graph, `<meta>`, `<time>`).

use crate::model::records::DateCandidate;
use crate::model::time::Timestamp;
use dom_query::Document;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    /// Every date the page declares, in the order of trust below.
    pub dates: Vec<DateCandidate>,
}

/// Where a publication date may be declared, most trusted first. Modified
/// dates are kept as candidates but never taken as the publication date.
const PUBLISHED_FROM: &[&str] = &[
    "json-ld datePublished",
    "meta article:published_time",
    "meta og:published_time",
    "itemprop datePublished",
    "meta datePublished",
    "meta pubdate",
    "meta publishdate",
    "meta publish-date",
    "meta parsely-pub-date",
    "meta sailthru.date",
    "meta dc.date.issued",
    "meta dcterms.created",
    "meta dc.date",
    "meta date",
    "json-ld dateCreated",
];

/// `<meta name|property=...>` keys read as dates, and as what.
const META_DATES: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:modified_time",
    "og:updated_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "last-modified",
];

impl PageMeta {
    /// The publication time: the most trusted candidate that reads as a
    /// date. A time without a UTC offset keeps only its date.
    pub fn published(&self) -> Option<(Timestamp, &DateCandidate)> {
        PUBLISHED_FROM.iter().find_map(|from| {
            self.dates
                .iter()
                .filter(|d| d.from.eq_ignore_ascii_case(from))
                .find_map(|d| Timestamp::lenient(&d.value).map(|t| (t, d)))
        })
    }
}

pub fn read(doc: &Document) -> PageMeta {
    let mut m = PageMeta::default();
    let mut ld_title = None;
    let mut ld_publisher = None;
    for script in doc.select("script[type]").iter() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let Ok(v) = serde_json::from_str::<Value>(unwrap_cdata(&script.text())) else {
            continue;
        };
        for node in ld_nodes(&v) {
            if !is_article(node) {
                continue;
            }
            for key in ["datePublished", "dateModified", "dateCreated"] {
                if let Some(s) = node.get(key).and_then(string) {
                    push(&mut m.dates, &s, format!("json-ld {key}"));
                }
            }
            ld_title = ld_title.or_else(|| node.get("headline").and_then(string));
            ld_publisher = ld_publisher.or_else(|| node.get("publisher").and_then(name_of));
        }
    }
    let meta = |key: &str| -> Option<String> {
        doc.select("meta").iter().find_map(|n| {
            let k = n.attr("property").or_else(|| n.attr("name"))?;
            if !k.trim().eq_ignore_ascii_case(key) {
                return None;
            }
            n.attr("content")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        })
    };
    for key in META_DATES {
        for n in doc.select("meta").iter() {
            let Some(k) = n
                .attr("property")
                .or_else(|| n.attr("name"))
                .or_else(|| n.attr("itemprop"))
            else {
                continue;
            };
            if k.trim().eq_ignore_ascii_case(key)
                && let Some(c) = n.attr("content")
            {
                let from = if n.attr("itemprop").is_some()
                    && n.attr("name").is_none()
                    && n.attr("property").is_none()
                {
                    format!("itemprop {}", k.trim())
                } else {
                    format!("meta {}", k.trim().to_ascii_lowercase())
                };
                push(&mut m.dates, c.trim(), from);
            }
        }
    }
    for n in doc
        .select("[itemprop=datePublished], [itemprop=dateModified]")
        .iter()
    {
        let prop = n
            .attr("itemprop")
            .map(|p| p.to_string())
            .unwrap_or_default();
        let value = n.attr("datetime").or_else(|| n.attr("content"));
        if let Some(v) = value {
            push(&mut m.dates, v.trim(), format!("itemprop {prop}"));
        }
    }
    if let Some(t) = doc.select("time[datetime]").iter().next()
        && let Some(v) = t.attr("datetime")
    {
        push(&mut m.dates, v.trim(), "time datetime".to_string());
    }
    let title_tag = doc
        .select("title")
        .iter()
        .next()
        .map(|t| collapse(&t.text()))
        .filter(|t| !t.is_empty());
    m.title = ld_title
        .or_else(|| meta("og:title"))
        .or_else(|| meta("twitter:title"))
        .or(title_tag)
        .map(|t| collapse(&t));
    m.publisher = ld_publisher
        .or_else(|| meta("og:site_name"))
        .or_else(|| meta("application-name"))
        .map(|t| collapse(&t));
    m.canonical = doc
        .select("link[rel][href]")
        .iter()
        .find(|l| {
            l.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|x| x.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.attr("href").map(|h| h.trim().to_string()))
        .or_else(|| meta("og:url"))
        .filter(|u| !u.is_empty());
    m.language = doc
        .select("html[lang]")
        .iter()
        .next()
        .and_then(|h| h.attr("lang").map(|l| l.trim().to_string()))
        .or_else(|| meta("og:locale").map(|l| l.replace('_', "-")))
        .filter(|l| crate::store::parse::source::is_language_tag(l));
    m
}

/// A script's JSON without the CDATA wrapper some sites put around it
/// (`<![CDATA[ ... ]]>`, also inside `//` or `/* */` comments).
fn unwrap_cdata(text: &str) -> &str {
    let mut t = text.trim();
    for p in ["/*<![CDATA[*/", "//<![CDATA[", "<![CDATA["] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim();
        }
    }
    for s in ["/*]]>*/", "//]]>", "]]>"] {
        if let Some(rest) = t.strip_suffix(s) {
            t = rest.trim();
        }
    }
    t
}

fn push(dates: &mut Vec<DateCandidate>, value: &str, from: String) {
    let value = value.trim();
    if value.is_empty() || dates.iter().any(|d| d.value == value && d.from == from) {
        return;
    }
    dates.push(DateCandidate {
        value: value.to_string(),
        from,
    });
}

/// Every object in a JSON-LD document: the top value, array items and `@graph` members.
fn ld_nodes(v: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    match v {
        Value::Array(items) => items.iter().for_each(|i| out.extend(ld_nodes(i))),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                out.extend(ld_nodes(g));
            }
        }
        _ => {}
    }
    out
}

/// A node that describes the page's article (not its breadcrumbs or logo).
fn is_article(node: &Value) -> bool {
    const TYPES: &[&str] = &[
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "WebPage",
        "ClaimReview",
    ];
    let t = node.get("@type");
    let names: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    names
        .iter()
        .any(|n| TYPES.iter().any(|t| t.eq_ignore_ascii_case(n)))
}

fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(string),
        _ => None,
    }
}

/// The `name` of an organization given as an object, an array or a string.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(_) => string(v),
        Value::Object(o) => o.get("name").and_then(string),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_open_graph_meta_and_time_are_all_kept() {
        let page = r#"<html lang="en-GB"><head>
<title>Ignored when JSON-LD has a headline | Site</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2020-01-03T10:00:00+03:00">
<meta name="date" content="2020-01-02">
<link rel="canonical" href="https://example.org/a">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"BreadcrumbList","datePublished":"1999-01-01"},
 {"@type":"NewsArticle","headline":"Strike kills four","datePublished":"2020-01-03T07:00:00Z",
  "dateModified":"2020-01-04T08:00:00Z","publisher":{"@type":"Organization","name":"Example News"}}]}
</script></head><body><time datetime="2020-01-05">Jan 5</time></body></html>"#;
        let m = read(&Document::from(page));
        assert_eq!(m.title.as_deref(), Some("Strike kills four"));
        assert_eq!(m.publisher.as_deref(), Some("Example News"));
        assert_eq!(m.canonical.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        let froms: Vec<&str> = m.dates.iter().map(|d| d.from.as_str()).collect();
        assert_eq!(
            froms,
            [
                "json-ld datePublished",
                "json-ld dateModified",
                "meta article:published_time",
                "meta date",
                "time datetime"
            ]
        );
        let (t, d) = m.published().unwrap();
        assert_eq!(d.from, "json-ld datePublished");
        assert_eq!(t.to_string(), "2020-01-03T07:00:00Z");
    }

    #[test]
    fn falls_back_to_title_and_a_date_without_offset() {
        let page = r#"<html><head><title>  Plain
 page </title><meta name="pubdate" content="2018-04-05T06:00"></head></html>"#;
        let m = read(&Document::from(page));
        assert_eq!(m.title.as_deref(), Some("Plain page"));
        assert_eq!(m.publisher, None);
        assert_eq!(m.published().unwrap().0.to_string(), "2018-04-05");
    }

    #[test]
    fn json_ld_inside_cdata() {
        let page = "<script type=\"application/ld+json\">//<![CDATA[\n{\"@type\":\"Article\",\"datePublished\":\"2018-04-05\"}\n//]]></script>";
        let m = read(&Document::from(page));
        assert_eq!(m.published().unwrap().0.to_string(), "2018-04-05");
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let page = r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><title>T</title>"#;
        let m = read(&Document::from(page));
        assert_eq!(m.title.as_deref(), Some("T"));
        assert!(m.dates.is_empty());
    }
}
