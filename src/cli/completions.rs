use factcheck::error::Result;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck completions bash > ~/.local/share/bash-completion/completions/factcheck\n  factcheck completions zsh > ~/.zfunc/_factcheck\n  factcheck completions fish > ~/.config/fish/completions/factcheck.fish"
)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(a: Args) -> Result<u8> {
    let mut cmd = super::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "factcheck", &mut out);
    super::emit(&String::from_utf8_lossy(&out));
    Ok(0)
}
