/// Asks a running `PreviewServer` to stop: what `sitegen serve` does on SIGINT or SIGTERM, and what tests do directly.
public final class ServerShutdown: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Safe to call from any thread, any number of times, before or after the server started.
    public func request() {
        continuation.finish()
    }

    /// Returns once a stop is requested, or when the waiting task is cancelled.
    func requested() async {
        for await _ in stream {}
    }
}
