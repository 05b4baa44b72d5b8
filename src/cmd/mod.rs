//! One function per subcommand: read options, call the library, report.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;

/// `compendium help [COMMAND]`: the help of the command, or of compendium.
pub fn help(args: crate::cli::HelpArgs) -> anyhow::Result<()> {
    use clap::CommandFactory;
    let mut cli = crate::cli::Cli::command();
    cli.build();
    match args.command {
        None => cli.print_help()?,
        Some(name) => match cli.find_subcommand_mut(&name) {
            Some(c) => c.print_help()?,
            None => anyhow::bail!(
                "no command `{name}`: the commands are import, build, serve, watch, check, init and help"
            ),
        },
    }
    Ok(())
}
