import ArgumentParser

@main
struct SitegenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Publishes a guide from Content/ and Templates/ into a static site.",
        subcommands: [BuildCommand.self],
        defaultSubcommand: BuildCommand.self)
}
