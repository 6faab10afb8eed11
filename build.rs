//! Records the git commit the binary is built from, for `--version`.
//! Outside a checkout (a crate tarball) the version is the package's alone.

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs");
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty());
    let version = match commit {
        Some(c) => format!(
            "{} (git {c})",
            std::env::var("CARGO_PKG_VERSION").unwrap_or_default()
        ),
        None => std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
    };
    println!("cargo:rustc-env=FACTCHECK_VERSION={version}");
}
