//! The readable text of a page: the article, without navigation, ads or
//! markup, one paragraph per block, as quotes will be checked against it.
//! Readability (Mozilla's algorithm, as the `dom_smoothie` crate implements
//! it) finds the article; when it finds none the whole body is taken.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// The extractor named in `[capture] tool`, so a later recheck can tell
/// whether a difference may come from a different extractor.
pub const EXTRACTOR: &str = "dom_smoothie 0.19 (readability)";

/// The page's readable text, paragraphs separated by a blank line, or an
/// empty string when it has none.
pub fn readable_text(html: &str, url: Option<&str>) -> String {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // Readability wants an absolute URL or none.
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let from_article = Readability::with_document(cleaned(html), url, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| tidy(&a.text_content))
        .unwrap_or_default();
    if !from_article.is_empty() {
        return from_article;
    }
    let doc = cleaned(html);
    doc.select("header, footer, aside, form").remove();
    let body = doc.select("body");
    tidy(&body.formatted_text())
}

/// The page without what is never article text: scripts, styles and
/// navigation menus (which Readability keeps on pages too short to score).
fn cleaned(html: &str) -> Document {
    let doc = Document::from(html);
    doc.select("script, style, noscript, template, nav, [role=navigation]")
        .remove();
    doc
}

/// One paragraph per line group: trailing spaces trimmed, runs of blank
/// lines made one, no blank start, one newline at the end.
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(&line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_drops_markup() {
        let page = r#"<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
<article><h1>Strike on base</h1>
<p>The <a href="/nf">Northern Front</a> said it &quot;had no part&quot; in the attack.</p>
<p>Officials said   four people were killed.</p></article>
<footer>© Example</footer></body></html>"#;
        let t = readable_text(page, None);
        assert!(
            t.contains("The Northern Front said it \"had no part\" in the attack."),
            "{t}"
        );
        assert!(
            t.contains("\n\nOfficials said four people were killed.\n"),
            "{t}"
        );
        assert!(!t.contains("Home"), "{t}");
        assert!(!t.contains('<'), "{t}");
    }

    #[test]
    fn malformed_markup_is_read_as_browsers_do() {
        let t = readable_text(
            "<p>Four <b>killed<p>Six <i>wounded</b> near</html> the gate",
            None,
        );
        assert!(t.contains("Four killed"), "{t}");
        assert!(t.contains("Six wounded near the gate"), "{t}");
    }

    #[test]
    fn an_empty_page_has_no_text() {
        assert_eq!(
            readable_text(
                "<html><head><title>x</title></head><body> </body></html>",
                None
            ),
            ""
        );
        assert_eq!(readable_text("", None), "");
    }
}
