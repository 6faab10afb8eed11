//! `sources/<id>.toml` into a [`Source`].

use super::Parsed;
use super::reader::{Reader, Table, start};
use crate::model::codes::*;
use crate::model::id::Id;
use crate::model::records::*;
use std::path::Path;

pub const SOURCE_FIELDS: [&str; 14] = [
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "accessed",
    "language",
    "reliability",
    "cites",
    "revises",
    "sha256",
    "notes",
    "tags",
    "capture",
];
pub const CAPTURE_FIELDS: [&str; 11] = [
    "requested_url",
    "final_url",
    "redirects",
    "status",
    "content_type",
    "captured",
    "tool",
    "raw_sha256",
    "etag",
    "last_modified",
    "dates",
];

/// A BCP 47 language tag, by its syntax: `en`, `ar`, `pt-BR`, `zh-Hant-TW`.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    // ISO 639 codes: two or three letters (longer primary subtags are
    // reserved or unused).
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn sha256(r: &mut Reader<'_>, t: &Table<'_>, key: &str, help: &str) -> Option<String> {
    let (s, loc) = r.string(t, key)?;
    if s.len() == 64
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    {
        Some(s)
    } else {
        let at = r.at(loc);
        r.error(
            &E004,
            at,
            format!("`{key}` is not 64 lowercase hex digits"),
            help,
        );
        None
    }
}

pub fn parse_source(stem: &str, file: &Path, text: &str) -> Parsed<Source> {
    let (root, mut r) = match start(stem, file, text) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    let id = Id::parse(stem).ok();
    r.unknown_keys(&root, &SOURCE_FIELDS, "a source");
    let what = "this source";
    let title = r.required_string(&root, "title", 0, what, "add title = \"the headline\"");
    let publisher = r.required_string(
        &root,
        "publisher",
        0,
        what,
        "add publisher = \"the outlet\"",
    );
    let url = r.text(&root, "url");
    let published = r.timestamp(&root, "published");
    let accessed = r.timestamp(&root, "accessed");
    let language = match r.string(&root, "language") {
        Some((s, _)) if is_language_tag(&s) => Some(s),
        Some((s, loc)) => {
            let at = r.at(loc);
            r.error(
                &E004,
                at,
                format!("language {s:?} is not a BCP 47 language tag"),
                "write a tag such as \"en\", \"ar\", \"pt-BR\"",
            );
            None
        }
        None => None,
    };
    let reliability = match r.string(&root, "reliability") {
        Some((s, loc)) => match s.as_str() {
            "A" | "B" | "C" | "D" | "E" | "F" => s.chars().next(),
            _ => {
                let at = r.at(loc);
                r.error(
                    &E004,
                    at,
                    format!("reliability {s:?} is not an Admiralty grade"),
                    "reliability is one letter, A (reliable) to F (cannot be judged)",
                );
                None
            }
        },
        None => None,
    };
    let cites = r.id_list(&root, "cites");
    let revises = r.id_field(&root, "revises");
    let sha256 = sha256(
        &mut r,
        &root,
        "sha256",
        "let `factcheck source add --text-file` record it, or remove the line",
    );
    let notes = r.text(&root, "notes");
    let tags = r.string_list(&root, "tags");
    let capture = r.table(&root, "capture").map(|(t, _)| capture(&mut r, t));
    let record = match (id, title, publisher, r.has_errors()) {
        (Some(id), Some(title), Some(publisher), false) => Some(Source {
            id,
            title,
            publisher,
            url,
            published,
            accessed,
            language,
            reliability,
            cites,
            revises,
            sha256,
            notes,
            tags,
            capture,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

fn status(r: &mut Reader<'_>, t: &Table<'_>, key: &str) -> Option<u16> {
    let (n, loc) = r.integer(t, key)?;
    match u16::try_from(n) {
        Ok(n) if (100..=599).contains(&n) => Some(n),
        _ => {
            let at = r.at(loc);
            r.error(
                &E004,
                at,
                format!("`{key}` = {n} is not an HTTP status"),
                "statuses are 100 to 599",
            );
            None
        }
    }
}

fn capture(r: &mut Reader<'_>, t: &Table<'_>) -> Capture {
    r.unknown_keys(t, &CAPTURE_FIELDS, "[capture]");
    let mut redirects = Vec::new();
    for (hop, at) in r.tables(t, "redirects", "{ url, status }") {
        r.unknown_keys(hop, &["url", "status"], "a redirect");
        let url = r.required_string(hop, "url", at, "a redirect", "add url = \"...\"");
        let st = status(r, hop, "status");
        if let (Some(url), Some(status)) = (url, st) {
            redirects.push(Redirect { url, status });
        }
    }
    let mut dates = Vec::new();
    for (d, at) in r.tables(t, "dates", "{ value, from }") {
        r.unknown_keys(d, &["value", "from"], "a date candidate");
        let value = r.required_string(d, "value", at, "a date candidate", "add value = \"...\"");
        let from = r.required_string(d, "from", at, "a date candidate", "add from = \"...\"");
        if let (Some(value), Some(from)) = (value, from) {
            dates.push(DateCandidate { value, from });
        }
    }
    Capture {
        requested_url: r.text(t, "requested_url"),
        final_url: r.text(t, "final_url"),
        redirects,
        status: status(r, t, "status"),
        content_type: r.text(t, "content_type"),
        captured: r.timestamp(t, "captured"),
        tool: r.text(t, "tool"),
        raw_sha256: sha256(
            r,
            t,
            "raw_sha256",
            "the hash of sources/<id>.html as captured",
        ),
        etag: r.text(t, "etag"),
        last_modified: r.text(t, "last_modified"),
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_with_bad_fields() {
        let p = parse_source(
            "s1",
            Path::new("sources/s1.toml"),
            "title = \"t\"\npublisher = \"p\"\npublished = \"31/12/2019\"\nreliability = \"G\"\ncites = [\"Bad Id\"]\nlanguage = \"english!\"\n",
        );
        let got: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code, d.line, d.column))
            .collect();
        assert_eq!(
            got,
            vec![
                ("E014", 3, 13),
                ("E004", 6, 12),
                ("E004", 4, 15),
                ("E006", 5, 10)
            ]
        );
    }

    #[test]
    fn a_captured_source() {
        let p = parse_source(
            "s1",
            Path::new("sources/s1.toml"),
            "title = \"t\"\npublisher = \"p\"\nlanguage = \"ar\"\nnotes = \"n\"\ntags = [\"x\"]\n\n[capture]\nrequested_url = \"http://a/\"\nfinal_url = \"http://b/\"\nredirects = [{ url = \"http://a/\", status = 301 }]\nstatus = 200\ncaptured = 2020-01-01T00:00:00Z\ndates = [{ value = \"2020-01-01\", from = \"json-ld datePublished\" }]\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let s = p.record.unwrap();
        let c = s.capture.unwrap();
        assert_eq!(c.redirects[0].status, 301);
        assert_eq!(c.dates[0].from, "json-ld datePublished");
        assert_eq!(s.language.as_deref(), Some("ar"));
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "ar", "pt-BR", "zh-Hant-TW", "es-419"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "english!", "en_US", "-en", "en--x"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
