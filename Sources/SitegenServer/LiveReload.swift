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
    /// One open stream: its messages, and the id that ends it.
    public struct Subscription: Sendable {
        public let id: UUID
        public let events: AsyncStream<ReloadEvent>
    }

    private var subscribers: [UUID: AsyncStream<ReloadEvent>.Continuation] = [:]
    /// A browser that connects while the build is broken sees the error at once.
    private var currentError: String?
    /// Set on shutdown: every stream has ended and new ones end at once, so no response keeps the server waiting.
    private var closed = false

    public init() {}

    public func subscribe() -> Subscription {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        guard !closed else {
            continuation.finish()
            return Subscription(id: id, events: stream)
        }
        continuation.onTermination = { _ in Task { await self.end(id) } }
        subscribers[id] = continuation
        if let currentError { continuation.yield(.error(currentError)) }
        return Subscription(id: id, events: stream)
    }

    public func publish(_ event: ReloadEvent) {
        if case .error(let text) = event { currentError = text } else { currentError = nil }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    public var subscriberCount: Int { subscribers.count }

    /// Ends one stream: its browser went away, so its connection is released now rather than at the next rebuild.
    public func end(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Ends every stream and refuses new ones, for shutdown.
    public func close() {
        closed = true
        let ending = subscribers.values
        subscribers = [:]
        for continuation in ending { continuation.finish() }
    }

    /// One Server-Sent Events message: an `event:` line and exactly one `data:` line. The error text goes as a
    /// JSON string, so a CR or LF in it (from a front-matter value, say) cannot end the line and start a forged event.
    static func message(for event: ReloadEvent) -> String {
        switch event {
        case .reload: return "event: reload\ndata: {}\n\n"
        case .stylesheets: return "event: css\ndata: {}\n\n"
        case .error(let text): return "event: build-error\ndata: \(jsonString(text))\n\n"
        }
    }

    /// A JSON string literal that is pure printable ASCII: every control character, and every non-ASCII
    /// scalar, escaped, so no byte of it can be a line end to an SSE parser.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
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
          // The server sends the text as one JSON string, so it arrives as one line whatever it holds.
          source.addEventListener("build-error", (event) => {
            let text = event.data;
            try { text = JSON.parse(event.data); } catch (_) {}
            showError(String(text));
          });
        })();

        """
}
