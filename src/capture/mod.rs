//! Capture: a web page (fetched, or saved by a browser) turned into what a
//! source archives: its readable text, its raw bytes, what it says about
//! itself, and a `[capture]` table saying how it was obtained. Nothing here
//! writes a file; `ops::capture` does, all or nothing.

pub mod charset;
pub mod extract;
pub mod fetch;
pub mod meta;
pub mod recheck;
pub mod url;

use crate::error::{Error, Result};
use crate::model::records::Capture;
use crate::model::time::Timestamp;
use fetch::Fetched;
use meta::PageMeta;

/// A page made ready to archive.
#[derive(Debug, Clone)]
pub struct Page {
    /// The readable text, stored as `sources/<id>.txt`.
    pub text: String,
    /// The bytes as received, stored as `sources/<id>.html` (HTML pages only).
    pub raw: Option<Vec<u8>>,
    pub meta: PageMeta,
    pub capture: Capture,
}

/// What a response holds, judged from its Content-Type, else its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
}

/// The `tool` written in `[capture]`.
pub fn tool() -> String {
    format!(
        "factcheck {}; {}",
        env!("CARGO_PKG_VERSION"),
        extract::EXTRACTOR
    )
}

/// A fetched page, refused when it is not an article to archive: a non-2xx
/// status (unless `allow_status`), a PDF, an image, or no readable text.
pub fn from_fetch(f: Fetched, allow_status: bool) -> Result<Page> {
    if !f.ok() && !allow_status {
        return Err(Error::PageWanting(format!(
            "{} answered {}; nothing was written (give --allow-status to archive the page anyway, with its status recorded)",
            f.final_url,
            status_text(f.status)
        )));
    }
    let kind = classify(f.content_type.as_deref(), &f.body, &f.final_url)?;
    let mut page = build(
        &f.body,
        kind,
        f.content_type.as_deref(),
        Some(&f.final_url),
        &f.final_url,
    )?;
    let c = &mut page.capture;
    c.requested_url = Some(f.requested_url);
    c.final_url = Some(f.final_url);
    c.redirects = f.redirects;
    c.status = Some(f.status);
    c.content_type = f.content_type;
    c.etag = f.etag;
    c.last_modified = f.last_modified;
    Ok(page)
}

/// A page saved from a browser; `url` is where it came from, when known.
pub fn from_file(bytes: &[u8], url: Option<&str>, shown: &str) -> Result<Page> {
    let kind = classify(None, bytes, shown)?;
    let mut page = build(bytes, kind, None, url, shown)?;
    page.capture.final_url = url.map(str::to_string);
    Ok(page)
}

fn build(
    bytes: &[u8],
    kind: Kind,
    content_type: Option<&str>,
    url: Option<&str>,
    shown: &str,
) -> Result<Page> {
    let (decoded, _, _) = charset::decode(bytes, content_type);
    let (text, meta, raw) = match kind {
        Kind::Html => {
            let doc = dom_query::Document::from(decoded.as_str());
            let meta = meta::read(&doc);
            drop(doc);
            let text = extract::readable_text(&decoded, url);
            (text, meta, Some(bytes.to_vec()))
        }
        Kind::Text => (extract::tidy(&decoded), PageMeta::default(), None),
    };
    if text.trim().is_empty() {
        return Err(Error::PageWanting(format!(
            "no readable text found in {shown}; nothing was written (save the article's text and use --text-file)"
        )));
    }
    let capture = Capture {
        captured: Some(Timestamp::now()),
        tool: Some(tool()),
        raw_sha256: Some(crate::check::sha256_hex(bytes)),
        dates: meta.dates.clone(),
        ..Capture::default()
    };
    Ok(Page {
        text,
        raw,
        meta,
        capture,
    })
}

fn classify(content_type: Option<&str>, bytes: &[u8], shown: &str) -> Result<Kind> {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty() && m != "application/octet-stream");
    let refuse = |what: &str| {
        Err(Error::PageWanting(format!(
            "{shown} is {what}, not a web page; nothing was written (save its text and add it with --text-file)"
        )))
    };
    let sniffed = sniff(bytes);
    match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Ok(Kind::Html),
        Some("text/plain") => Ok(Kind::Text),
        Some("application/pdf") => refuse("a PDF"),
        Some(m) if m.starts_with("image/") => refuse(&format!("an image ({m})")),
        Some(m) => refuse(&format!("of type {m}")),
        None => match sniffed {
            Sniffed::Pdf => refuse("a PDF"),
            Sniffed::Image(kind) => refuse(&format!("an image ({kind})")),
            Sniffed::Binary => refuse("binary data"),
            Sniffed::Html => Ok(Kind::Html),
            Sniffed::Text => Ok(Kind::Text),
        },
    }
}

enum Sniffed {
    Pdf,
    Image(&'static str),
    Binary,
    Html,
    Text,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(512)];
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(b"%PDF-") {
        return Sniffed::Pdf;
    }
    for (magic, kind) in [
        (&b"\x89PNG\r\n\x1a\n"[..], "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
    ] {
        if starts(magic) {
            return Sniffed::Image(kind);
        }
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Sniffed::Image("WebP");
    }
    let lower: Vec<u8> = head
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lower.first() == Some(&b'<') {
        return Sniffed::Html;
    }
    if head.contains(&0) {
        return Sniffed::Binary;
    }
    Sniffed::Text
}

fn status_text(status: u16) -> String {
    let reason = match status {
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        format!("status {status}")
    } else {
        format!("{status} {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_pdf_and_images_whatever_they_are_called() {
        let pdf = from_file(b"%PDF-1.7\n...", None, "report.pdf").unwrap_err();
        assert!(pdf.to_string().contains("report.pdf is a PDF"), "{pdf}");
        assert_eq!(pdf.exit_code(), 1);
        let png = from_file(b"\x89PNG\r\n\x1a\n....", None, "x.html").unwrap_err();
        assert!(png.to_string().contains("an image (PNG)"), "{png}");
    }

    #[test]
    fn plain_text_is_taken_as_text() {
        let p = from_file(b"Four were killed.\n\n\nSix wounded.  \n", None, "t.txt").unwrap();
        assert_eq!(p.text, "Four were killed.\n\nSix wounded.\n");
        assert!(p.raw.is_none());
    }
}
