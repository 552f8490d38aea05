import ArgumentParser
import Foundation
import SitegenKit

/// `sitegen new article "Title"`, `sitegen new collection <id>` and `sitegen new entry <collection> <id>`: writes a
/// starting file, never over an existing one.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Start a new article, collection or catalog entry with every key the build requires.",
        subcommands: [NewArticle.self, NewCollection.self, NewEntry.self])

    struct NewArticle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "article", abstract: "Write Content/articles/<slug>.md, a draft dated today, its slug made from the title.")
        @Argument(help: "The article's title, in quotes.") var title: String
        @Option(name: .long, help: "Folder with site.yaml and articles/.") var content = "Content"

        func run() throws {
            let today = Date().formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day())
            guard case .success(let date) = ArticleDate.parse(today) else { throw ExitCode.failure }
            let file = Scaffold.article(title: title, date: date, contentDirectory: content, fileSystem: LocalFileSystem())
            try NewCommand.write(file.mapError { Scaffold.Failure([$0]) })
        }
    }

    struct NewCollection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "collection",
            abstract: "Write Content/catalog/<id>/_collection.yaml, a collection's declaration with every key explained.")
        @Argument(help: "The collection's id, its folder's name: lowercase letters, digits and '-'.") var id: String
        @Option(name: .long, help: "Folder with site.yaml and catalog/.") var content = "Content"

        func run() throws {
            try NewCommand.write(Scaffold.collection(id: id, contentDirectory: content, fileSystem: LocalFileSystem()))
        }
    }

    struct NewEntry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entry",
            abstract: "Write Content/catalog/<collection>/<id>.yaml with every feature and field its collection declares, each value empty.")
        @Argument(help: "The collection's id, a folder under catalog/ holding a _collection.yaml.") var collection: String
        @Argument(help: "The entry's id: lowercase letters, digits and '-'.") var id: String
        @Option(name: .long, help: "Folder with site.yaml and catalog/.") var content = "Content"

        func run() throws {
            try NewCommand.write(Scaffold.entry(collection: collection, id: id, contentDirectory: content, fileSystem: LocalFileSystem()))
        }
    }

    /// Creates the file with O_EXCL, so a file made meanwhile is not overwritten either.
    static func write(_ result: Result<Scaffold.NewFile, Scaffold.Failure>) throws {
        let terminal = Terminal.standardError
        switch result {
        case .failure(let failure):
            for problem in failure.diagnostics { terminal.write(problem.description + "\n") }
            throw ExitCode.failure
        case .success(let file):
            let folder = (file.path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                terminal.write("sitegen: error: cannot create \(file.path): \(String(cString: strerror(errno)))\n")
                throw ExitCode.failure
            }
            defer { close(descriptor) }
            let bytes = Array(file.text.utf8)
            guard bytes.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
                terminal.write("sitegen: error: cannot write \(file.path): \(String(cString: strerror(errno)))\n")
                throw ExitCode.failure
            }
            print("Wrote \(file.path)")
        }
    }
}
