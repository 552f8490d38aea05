import ArgumentParser

/// `--cache-dir` and `--no-cache`, shared by `build` and `serve`.
struct CacheArguments: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "Folder where build results are kept between runs.") var cacheDirectory = ".sitegen-cache"
    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the build cache; build everything.") var noCache = false

    var directory: String? { noCache ? nil : cacheDirectory }
}
