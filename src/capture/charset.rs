//! Which character encoding a page is in, and its text in UTF-8.
//!
//! The order is the one browsers use, less sniffing: a byte order mark, then
//! the HTTP `Content-Type` charset, then a `<meta charset>` (or `http-equiv`)
//! in the first 1024 bytes, then UTF-8. Bytes that are not valid in the
//! chosen encoding become U+FFFD, as in a browser; decoding never fails.

use encoding_rs::{Encoding, UTF_8};

/// Where the encoding was taken from, for the record and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    ByteOrderMark,
    Header,
    Meta,
    Default,
}

/// Decodes a page: its text and the encoding's name (`windows-1256`).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, &'static Encoding, Found) {
    let (encoding, found) = sniff(bytes, content_type);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding, found)
}

/// The encoding `decode` would use.
pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, Found) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, Found::ByteOrderMark);
    }
    if let Some(enc) = content_type.and_then(header_charset) {
        return (enc, Found::Header);
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(1024)]) {
        return (enc, Found::Meta);
    }
    (UTF_8, Found::Default)
}

/// The `charset` parameter of a `Content-Type` value.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        label(v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// An encoding label; a page that says UTF-16 in its markup is read as
/// UTF-8, as browsers do (markup that can be read as ASCII is not UTF-16).
fn label(l: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(l.trim().as_bytes())?;
    Some(enc.output_encoding())
}

/// A charset declared by a `<meta>` tag in the first bytes of the page:
/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="...; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(pos) = find(&lower[at..], b"<meta") {
        let start = at + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&lower[start..end]);
        if let Some(v) = attr(&tag, "charset").and_then(|v| label(&v)) {
            return Some(v);
        }
        if attr(&tag, "http-equiv").is_some_and(|v| v.trim() == "content-type")
            && let Some(enc) = attr(&tag, "content").and_then(|c| {
                let (_, cs) = c.split_once("charset=")?;
                label(
                    cs.split(';')
                        .next()?
                        .trim_matches(|c| c == '"' || c == '\''),
                )
            })
        {
            return Some(enc);
        }
        at = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The value of `name=` inside a (lower-cased) tag: quoted or bare.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let i = rest.find(name)?;
        let before = rest[..i].chars().next_back();
        let after = rest[i + name.len()..].trim_start();
        rest = &rest[i + name.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_bom_header_meta_utf8() {
        let page = b"<html><head><meta charset=\"windows-1256\"></head></html>";
        assert_eq!(sniff(page, None), (encoding_rs::WINDOWS_1256, Found::Meta));
        assert_eq!(
            sniff(page, Some("text/html; charset=ISO-8859-1")).1,
            Found::Header
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(page);
        assert_eq!(
            sniff(&bom, Some("text/html; charset=latin1")),
            (UTF_8, Found::ByteOrderMark)
        );
        assert_eq!(sniff(b"<p>x</p>", None), (UTF_8, Found::Default));
    }

    #[test]
    fn http_equiv_and_bare_values() {
        let p = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">";
        assert_eq!(sniff(p, None).0, encoding_rs::WINDOWS_1256);
        assert_eq!(sniff(b"<meta charset=koi8-r>", None).0, encoding_rs::KOI8_R);
        // A declaration past the first 1024 bytes is not looked for.
        let mut late = vec![b' '; 1100];
        late.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(sniff(&late, None).0, UTF_8);
        // An unknown label is ignored.
        assert_eq!(sniff(b"<meta charset=klingon>", None).0, UTF_8);
        // "data-charset" is another attribute.
        assert_eq!(sniff(b"<meta data-charset=koi8-r>", None).0, UTF_8);
    }

    #[test]
    fn decodes_arabic_windows_1256() {
        // "قتلى" (dead) in windows-1256.
        let bytes = b"<meta charset=windows-1256><p>\xDE\xCA\xE1\xEC</p>";
        let (text, enc, _) = decode(bytes, None);
        assert_eq!(enc, encoding_rs::WINDOWS_1256);
        assert!(text.contains("قتلى"), "{text}");
    }
}
