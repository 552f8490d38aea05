import Foundation
import SitegenKit

/// What the browser is told after a rebuild.
public enum ReloadEvent: Sendable, Equatable {
    case reload
    /// Only stylesheets changed: swap them without reloading.
    case stylesheets
    /// The build failed: show these diagnostics over the page.
    case error(String)
}

/// Fans rebuild events out to every open Server-Sent Events stream.
public actor ReloadBroadcaster {
    private var subscribers: [UUID: AsyncStream<ReloadEvent>.Continuation] = [:]
    /// A browser that connects while the build is broken sees the error at once.
    private var currentError: String?

    public init() {}

    public func subscribe() -> AsyncStream<ReloadEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        subscribers[id] = continuation
        if let currentError { continuation.yield(.error(currentError)) }
        return stream
    }

    public func publish(_ event: ReloadEvent) {
        if case .error(let text) = event { currentError = text } else { currentError = nil }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    public var subscriberCount: Int { subscribers.count }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
    }

    /// One Server-Sent Events message.
    static func message(for event: ReloadEvent) -> String {
        switch event {
        case .reload: return "event: reload\ndata: {}\n\n"
        case .stylesheets: return "event: css\ndata: {}\n\n"
        case .error(let text):
            let data = text.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
            return "event: build-error\n\(data)\n\n"
        }
    }
}

/// The script served pages get: listens for rebuilds, reloads, swaps stylesheets, and overlays build errors.
enum LiveReloadScript {
    static let path = "/__sitegen/live-reload.js"
    static let eventsPath = "/__sitegen/events"
    static let tag = "<script src=\"\(path)\" defer></script>"

    /// Inserts the script tag before `</body>`, or at the end when there is none.
    static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + tag }
        // The standard library's splice: Foundation's replacingCharacters took tens of milliseconds on a large index page.
        var page = html
        page.replaceSubrange(range, with: tag + "</body>")
        return page
    }

    static let source = """
        (() => {
          const source = new EventSource("\(eventsPath)");
          let overlay = null;
          const showError = (text) => {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "sitegen-error-overlay";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
                "background:rgba(20,20,24,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "sitegen: the last edit does not build; still showing the last good site.\\n\\n" + text;
          };
          source.addEventListener("reload", () => location.reload());
          source.addEventListener("css", () => {
            if (overlay) { location.reload(); return; }
            for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
              const url = new URL(link.href);
              url.searchParams.set("sitegen-reload", Date.now().toString());
              link.href = url.toString();
            }
          });
          source.addEventListener("build-error", (event) => showError(event.data));
        })();

        """
}
