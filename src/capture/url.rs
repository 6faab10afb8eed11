//! Which URLs may be fetched: http and https, without credentials.

use crate::error::{Error, Result};
use url::Url;

/// Parses a URL given by the user or a redirect, refusing what capture never
/// fetches. A URL with a user name or password is refused without printing
/// it: credentials do not belong in a shared archive or in a log.
pub fn checked(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|e| {
        Error::Fetch(format!(
            "{} is not a URL ({e}); give an absolute http:// or https:// address",
            shown(raw)
        ))
    })?;
    check(&url)?;
    Ok(url)
}

/// The same checks on a URL already parsed (a redirect's target).
pub fn check(url: &Url) -> Result<()> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Fetch(
            "the URL carries a user name or password; factcheck refuses it and does not store or print it: remove the credentials (for a page behind a login, save it from the browser and use --html-file)".into(),
        ));
    }
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(Error::Fetch(format!(
            "only http and https pages are captured, not {other}:; for a local file use --html-file or --text-file"
        ))),
    }
}

/// A URL as it may appear in a message: one that fails to parse could hold
/// credentials, so only its scheme and host-looking start are shown.
fn shown(raw: &str) -> String {
    if raw.contains('@') {
        "the URL".to_string()
    } else {
        format!("{raw:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_refused_and_never_echoed() {
        for u in [
            "https://user:secret@example.org/a",
            "http://token@example.org/",
        ] {
            let e = checked(u).unwrap_err().to_string();
            assert!(e.contains("user name or password"), "{e}");
            assert!(!e.contains("secret") && !e.contains("token@"), "{e}");
        }
        let e = checked("ht!tp://us:pw@x").unwrap_err().to_string();
        assert!(!e.contains("pw"), "{e}");
    }

    #[test]
    fn schemes() {
        assert!(checked("https://example.org/a?b=c").is_ok());
        assert!(checked("HTTP://EXAMPLE.ORG/").is_ok());
        for u in [
            "file:///etc/passwd",
            "ftp://example.org/",
            "javascript:alert(1)",
        ] {
            let e = checked(u).unwrap_err().to_string();
            assert!(e.contains("only http and https"), "{u}: {e}");
        }
        assert!(
            checked("example.org/page")
                .unwrap_err()
                .to_string()
                .contains("not a URL")
        );
    }
}
