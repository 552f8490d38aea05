import ArgumentParser

@main
struct SitegenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Publishes a guide from Content/ and Templates/ into a static site.",
        subcommands: [BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self],
        defaultSubcommand: BuildCommand.self)
}
