import Foundation
import Testing
@testable import SitegenKit

/// A highlighted block read back: its text unescaped, its spans, and whatever in the markup is not as it must be.
struct HighlightedText {
    var text = ""
    var spans: [(kind: String, text: String)] = []
    var problems: [String] = []

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var text: [UInt8] = []
        var open: (kind: String, start: Int)?
        var index = 0
        func starts(_ prefix: [UInt8], at offset: Int) -> Bool {
            offset + prefix.count <= bytes.count && bytes[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        let opening = Array("<span class=\"tok-".utf8), closing = Array("</span>".utf8), quoteAngle = Array("\">".utf8)
        let entities: [([UInt8], UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27)]
            .map { (Array($0.0.utf8), $0.1) }
        while index < bytes.count {
            if bytes[index] == 0x3C && starts(opening, at: index) {
                let nameStart = index + 17
                guard let close = bytes[nameStart...].firstIndex(of: 0x22), starts(quoteAngle, at: close) else {
                    problems.append("unclosed tag at \(index)")
                    break
                }
                let kind = String(decoding: bytes[nameStart..<close], as: UTF8.self)
                if open != nil { problems.append("nested span at \(index)") }
                if !TokenKind.allCases.contains(where: { "\($0)" == kind }) { problems.append("unknown class tok-\(kind)") }
                open = (kind, text.count)
                index = close + 2
            } else if bytes[index] == 0x3C && starts(closing, at: index) {
                if let span = open {
                    if span.start == text.count { problems.append("empty span at \(index)") }
                    spans.append((span.kind, String(decoding: text[span.start...], as: UTF8.self)))
                } else {
                    problems.append("stray </span> at \(index)")
                }
                open = nil
                index += 7
            } else if bytes[index] == 0x26 {
                guard let entity = entities.first(where: { starts($0.0, at: index) }) else {
                    problems.append("bare & at \(index)")
                    text.append(0x26)
                    index += 1
                    continue
                }
                text.append(entity.1)
                index += entity.0.count
            } else {
                if [0x3C, 0x3E, 0x22, 0x27].contains(bytes[index]) { problems.append("unescaped byte \(bytes[index]) at \(index)") }
                text.append(bytes[index])
                index += 1
            }
        }
        if open != nil { problems.append("span left open") }
        self.text = String(decoding: text, as: UTF8.self)
    }

    /// The kinds given to exactly this text, in order.
    func kinds(of text: String) -> [String] { spans.filter { $0.text == text }.map(\.kind) }

    func has(_ kind: String, _ text: String) -> Bool { spans.contains { $0.kind == kind && $0.text == text } }
}

@Suite("Code highlighting")
struct HighlightTests {
    // MARK: Languages

    @Test func unknownLanguagesAndNoLanguageGiveNil() {
        for language in ["", "text", "toml", "python", "plaintext", " ", "yamlx", "language-yaml", "{yaml}"] {
            #expect(CodeHighlighter.highlight("a: 1\n", language: language) == nil, "\(language)")
        }
    }

    @Test func namesAndAliasesInAnyCaseFirstWordOnly() {
        for name in ["yaml", "yml", "bash", "sh", "shell", "console", "zsh", "json", "jsonc", "go", "golang",
                     "dockerfile", "docker", "containerfile", "hcl", "terraform", "tf"] {
            #expect(CodeHighlighter.highlight("x\n", language: name) != nil, "\(name)")
            #expect(CodeHighlighter.highlight("x\n", language: name.uppercased() + " title=\"x y\"") != nil, "\(name)")
        }
        #expect(CodeLanguage.allNames.count == 17)
        #expect(CodeLanguage(infoString: "YML") == .yaml)
        #expect(CodeLanguage(infoString: "Dockerfile\tbuild") == .dockerfile)
        #expect(CodeLanguage(infoString: "tf") == .hcl)
    }

    // MARK: Exact output of short snippets

    @Test func yamlSnippet() {
        let html = CodeHighlighter.highlight("""
            # c
            key: "v" # note
            list:
              - 1
              - &a {x: true}
            run: |
              echo hi # kept
            ---
            """, language: "yaml")
        #expect(html == #"""
            <span class="tok-comment"># c</span>
            <span class="tok-key">key</span>: <span class="tok-string">&quot;v&quot;</span> <span class="tok-comment"># note</span>
            <span class="tok-key">list</span>:
              <span class="tok-punct">-</span> <span class="tok-number">1</span>
              <span class="tok-punct">-</span> <span class="tok-anchor">&amp;a</span> <span class="tok-punct">{</span><span class="tok-key">x</span>: <span class="tok-literal">true</span><span class="tok-punct">}</span>
            <span class="tok-key">run</span>: <span class="tok-punct">|</span>
              <span class="tok-string">echo hi # kept</span>
            <span class="tok-punct">---</span>
            """#)
    }

    @Test func shellSnippet() {
        let html = CodeHighlighter.highlight("kubectl get pods -n \"$NS\" | grep -c web > out.txt # count\n", language: "bash")
        #expect(html == #"""
            <span class="tok-command">kubectl</span> get pods <span class="tok-flag">-n</span> <span class="tok-string">&quot;</span><span class="tok-variable">$NS</span><span class="tok-string">&quot;</span> <span class="tok-punct">|</span> <span class="tok-command">grep</span> <span class="tok-flag">-c</span> web <span class="tok-punct">&gt;</span> out.txt <span class="tok-comment"># count</span>

            """#)
    }

    @Test func consoleSnippet() {
        let html = CodeHighlighter.highlight("$ echo $HOME\n/root\n$ ls\n", language: "console")
        #expect(html == #"""
            <span class="tok-prompt">$ </span><span class="tok-command">echo</span> <span class="tok-variable">$HOME</span>
            /root
            <span class="tok-prompt">$ </span><span class="tok-command">ls</span>

            """#)
    }

    @Test func jsonSnippet() {
        let html = CodeHighlighter.highlight("{\"a\": [1, -2.5e3, \"s\", null], \"b\": true}\n", language: "json")
        #expect(html == #"""
            <span class="tok-punct">{</span><span class="tok-key">&quot;a&quot;</span><span class="tok-punct">:</span> <span class="tok-punct">[</span><span class="tok-number">1</span><span class="tok-punct">,</span> <span class="tok-number">-2.5e3</span><span class="tok-punct">,</span> <span class="tok-string">&quot;s&quot;</span><span class="tok-punct">,</span> <span class="tok-literal">null</span><span class="tok-punct">],</span> <span class="tok-key">&quot;b&quot;</span><span class="tok-punct">:</span> <span class="tok-literal">true</span><span class="tok-punct">}</span>

            """#)
    }

    @Test func goSnippet() {
        let html = CodeHighlighter.highlight("func (s *S) Get(id int) string { return `x` } // c\n", language: "go")
        #expect(html == #"""
            <span class="tok-keyword">func</span> (s *S) <span class="tok-function">Get</span>(id <span class="tok-type">int</span>) <span class="tok-type">string</span> { <span class="tok-keyword">return</span> <span class="tok-string">`x`</span> } <span class="tok-comment">// c</span>

            """#)
    }

    @Test func dockerfileSnippet() {
        let html = CodeHighlighter.highlight("FROM golang:1.22 AS build\nRUN go build -o /app\n", language: "dockerfile")
        #expect(html == #"""
            <span class="tok-keyword">FROM</span> golang:1.22 <span class="tok-keyword">AS</span> <span class="tok-type">build</span>
            <span class="tok-keyword">RUN</span> <span class="tok-command">go</span> build <span class="tok-flag">-o</span> /app

            """#)
    }

    @Test func hclSnippet() {
        let html = CodeHighlighter.highlight("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"${var.name}-logs\"\n  count  = 2\n}\n", language: "hcl")
        #expect(html == #"""
            <span class="tok-keyword">resource</span> <span class="tok-type">&quot;aws_s3_bucket&quot;</span> <span class="tok-type">&quot;b&quot;</span> {
              <span class="tok-key">bucket</span> = <span class="tok-string">&quot;</span><span class="tok-punct">${</span><span class="tok-variable">var</span>.name<span class="tok-punct">}</span><span class="tok-string">-logs&quot;</span>
              <span class="tok-key">count</span>  = <span class="tok-number">2</span>
            }

            """#)
    }

    @Test func specialCharactersAreEscapedAsHTMLEscapeDoes() {
        let code = "a: \"<b> & 'c'\" # <x>\n"
        let html = CodeHighlighter.highlight(code, language: "yaml") ?? ""
        #expect(html.contains(HTML.escape("\"<b> & 'c'\"")))
        #expect(html.contains(HTML.escape("# <x>")))
        #expect(HighlightedText(html).text == code)
    }

    // MARK: Real manifests and programs

    func read(_ code: String, _ language: String) throws -> HighlightedText {
        let html = try #require(CodeHighlighter.highlight(code, language: language))
        let read = HighlightedText(html)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.text == code)
        return read
    }

    @Test func deploymentAndService() throws {
        let read = try read(HighlightSamples.deploymentAndService, "yaml")
        #expect(read.kinds(of: "apiVersion") == ["key", "key"])
        #expect(read.has("key", "app.kubernetes.io/name"))
        #expect(read.has("string", "\"2.4.1\""))
        #expect(read.has("number", "3") && read.has("number", "10001") && read.has("number", "8080"))
        #expect(read.has("literal", "true"))
        #expect(read.has("string", "'2'"))
        #expect(read.kinds(of: "---") == ["punct"])
        #expect(read.kinds(of: "-").allSatisfy { $0 == "punct" })
        #expect(read.has("comment", "# A web deployment and its service."))
        // Flow collections: keys inside braces, strings inside brackets; plain values stay plain.
        #expect(read.has("key", "secretKeyRef") && read.has("key", "cpu") && read.has("punct", "{"))
        #expect(read.has("string", "\"--port=8080\""))
        #expect(read.kinds(of: "250m").isEmpty && read.kinds(of: "IfNotPresent").isEmpty)
        // A block scalar's body is a string, and a # inside it is not a comment.
        #expect(read.has("string", "echo \"starting\"   # not a comment: part of the script"))
        #expect(read.has("string", "exec /app/web"))
        #expect(read.kinds(of: "# not a comment: part of the script").isEmpty)
    }

    @Test func istioVirtualService() throws {
        let read = try read(HighlightSamples.virtualService, "yml")
        #expect(read.has("key", "end-user") && read.has("key", "perTryTimeout"))
        #expect(read.has("number", "90") && read.has("number", "10"))
        #expect(read.kinds(of: "2s").isEmpty && read.kinds(of: "reviews.prod.svc.cluster.local").isEmpty)
        #expect(read.kinds(of: "subset").allSatisfy { $0 == "key" })
    }

    @Test func helmValues() throws {
        let read = try read(HighlightSamples.helmValues, "yaml")
        #expect(read.has("string", "\"\"") && read.has("comment", "# defaults to the chart's appVersion"))
        #expect(read.has("anchor", "&defaults") && read.kinds(of: "*defaults") == ["anchor", "anchor"])
        #expect(read.has("key", "<<"))
        #expect(read.has("literal", "false") && read.has("literal", "yes") && read.has("literal", "null"))
        #expect(read.has("number", "80.5") && read.has("number", ".5"))
        #expect(read.has("tag", "!!map"))
        #expect(read.has("punct", ">-") && read.has("string", "A folded description") && read.has("string", "over two lines."))
        #expect(read.has("string", "'{{ include (print $.Template.BasePath \"/configmap.yaml\") . | sha256sum }}'"))
        #expect(read.has("key", "checksum/config") && read.has("key", "LOG_FORMAT"))
        #expect(read.kinds(of: "100m").isEmpty)
    }

    @Test func helmTemplateExpressions() throws {
        let read = try read("{{- if .Values.enabled }}\nname: {{ .Release.Name }}-web\nimage: \"{{ .Values.image }}\"\n{{- end }}\n", "yaml")
        #expect(read.has("variable", "{{- if .Values.enabled }}") && read.has("variable", "{{ .Release.Name }}"))
        #expect(read.has("key", "name") && read.has("string", "\"{{ .Values.image }}\"") && read.has("variable", "{{- end }}"))
    }

    @Test func multiLineQuotesAndFlowsCarryOverLinesButNotPastTheDocument() throws {
        let read = try read("a: \"one\n  two\" # c\nb: [1,\n  x: y]\nc: 'open\nd: 1\n", "yaml")
        #expect(read.has("string", "\"one") && read.has("string", "two\"") && read.has("comment", "# c"))
        #expect(read.has("number", "1") && read.has("key", "x") && read.has("punct", "]"))
        // The unterminated quote gives up at a line no deeper than its key, so `d` is still a key.
        #expect(read.has("string", "'open") && read.has("key", "d"))
    }

    @Test func kubectlHelmIstioctlSession() throws {
        let read = try read(HighlightSamples.shellSession, "console")
        #expect(read.kinds(of: "$ ").count == 7 && read.kinds(of: "$ ").allSatisfy { $0 == "prompt" })
        #expect(read.kinds(of: "kubectl") == ["command", "command", "command", "command"])
        #expect(read.has("command", "istioctl") && read.has("command", "helm") && read.has("command", "tr"))
        #expect(read.has("flag", "--set") && read.has("flag", "-y") && read.has("flag", "--create-namespace") && read.has("flag", "-f"))
        #expect(read.kinds(of: "\\") == ["punct", "punct", "punct"])
        #expect(read.has("variable", "$(") && read.has("command", "git") && read.has("variable", ")"))
        #expect(read.has("string", "'{.items[*].metadata.name}'"))
        #expect(read.has("variable", "KUBECONFIG") && read.has("variable", "${HOME}") && read.has("comment", "# switch cluster"))
        #expect(read.has("keyword", "for") && read.has("keyword", "in") && read.has("keyword", "do") && read.has("keyword", "done"))
        // Output lines stay plain, even where they look like commands or hold quotes.
        #expect(!read.spans.contains { $0.text.contains("Istio core") || $0.text.contains("Helming") || $0.text.contains("ClusterIP") })
    }

    @Test func shellScript() throws {
        let read = try read(HighlightSamples.shellScript, "bash")
        #expect(read.has("comment", "#!/usr/bin/env bash"))
        #expect(read.has("command", "set") && read.has("flag", "-euo"))
        #expect(read.has("variable", "NAMESPACE") && read.has("variable", "${1:-shop}") && read.kinds(of: "120").isEmpty)
        #expect(read.has("function", "wait_for") && read.has("punct", "()"))
        #expect(read.has("command", "local") && read.has("variable", "deployment"))
        #expect(read.has("keyword", "if") && read.has("keyword", "!") && read.has("keyword", "then") && read.has("keyword", "fi"))
        #expect(read.has("flag", "--timeout") && read.has("string", "\"deployment/"))
        #expect(read.has("punct", ">&2") && read.has("punct", "2>&1") && read.has("punct", "&&"))
        // case: patterns are not commands; the heredoc's body is one string up to its delimiter.
        #expect(read.has("keyword", "case") && read.has("keyword", "esac") && read.kinds(of: "canary").isEmpty)
        #expect(read.spans.contains { $0.kind == "string" && $0.text.hasPrefix("apiVersion: v1\n") && $0.text.hasSuffix("\nEOF") })
        #expect(read.kinds(of: "kubectl") == ["command", "command", "command"])
        #expect(read.has("variable", "${d#deployment.apps/}"))
    }

    @Test func shellCornerCases() throws {
        let read = try read("""
            echo $((1<<2)) a#b; ls # c
            function greet { printf $'hi\\n'; }
            diff <(sort a) <(sort b) && cat <<< "$x" `date`
            """, "sh")
        #expect(read.kinds(of: "ls") == ["command"] && read.has("comment", "# c") && read.kinds(of: "a#b").isEmpty)
        #expect(read.has("variable", "$(") && read.has("number", "2"))  // and no heredoc swallowed the line
        #expect(read.has("keyword", "function") && read.has("function", "greet") && read.has("punct", "{") && read.has("punct", "}"))
        #expect(read.has("string", "$'hi\\n'") && read.has("command", "printf"))
        #expect(read.kinds(of: "<(") == ["punct", "punct"] && read.kinds(of: "sort") == ["command", "command"])
        #expect(read.has("punct", "<<<") && read.has("variable", "$x") && read.kinds(of: "`") == ["variable", "variable"] && read.has("command", "date"))
    }

    @Test func multiStageDockerfile() throws {
        let read = try read(HighlightSamples.dockerfile, "dockerfile")
        #expect(read.has("comment", "# syntax=docker/dockerfile:1.7"))
        for instruction in ["ARG", "FROM", "WORKDIR", "COPY", "RUN", "LABEL", "ENV", "EXPOSE", "USER", "HEALTHCHECK", "ENTRYPOINT", "CMD"] {
            #expect(read.has("keyword", instruction), "\(instruction)")
        }
        #expect(read.kinds(of: "AS") == ["keyword", "keyword"] && read.has("type", "build") && read.has("type", "runtime"))
        #expect(read.has("flag", "--platform") && read.has("variable", "$BUILDPLATFORM") && read.has("variable", "${GO_VERSION}"))
        #expect(read.has("variable", "GO_VERSION") && read.has("variable", "PORT") && read.has("variable", "GIN_MODE"))
        #expect(read.has("key", "org.opencontainers.image.source") && read.has("key", "maintainer"))
        #expect(read.has("flag", "--from") && read.has("flag", "--chown") && read.has("number", "8080"))
        // RUN goes through the shell lexer, exec form through JSON.
        #expect(read.has("flag", "--mount") && read.kinds(of: "go") == ["command", "command"] && read.has("command", "echo"))
        #expect(read.has("variable", "CGO_ENABLED") && read.has("flag", "-ldflags"))
        #expect(read.has("string", "\"/usr/local/bin/web\"") && read.has("punct", "["))
        #expect(read.has("flag", "--interval"))
    }

    @Test func dockerfileInstructionsInAnyCaseAndHeredocs() throws {
        let read = try read("from alpine as base\nrun <<EOF\napk add curl\nCOPY not an instruction\nEOF\nonbuild run make\n", "containerfile")
        #expect(read.has("keyword", "from") && read.has("keyword", "as") && read.has("type", "base"))
        #expect(read.has("string", "apk add curl\nCOPY not an instruction\nEOF"))
        #expect(read.has("keyword", "onbuild") && read.kinds(of: "run") == ["keyword", "keyword"] && read.has("command", "make"))
    }

    @Test func terraformGKEModule() throws {
        let read = try read(HighlightSamples.terraform, "terraform")
        for block in ["terraform", "required_providers", "variable", "resource", "release_channel", "autoscaling", "locals", "output"] {
            #expect(read.has("keyword", block), "\(block)")
        }
        #expect(read.has("type", "\"google_container_cluster\"") && read.has("type", "\"primary\"") && read.has("type", "\"region\""))
        for attribute in ["required_version", "source", "type", "default", "name", "location", "for_each", "machine_type", "startup", "sensitive"] {
            #expect(read.has("key", attribute), "\(attribute)")
        }
        #expect(read.has("punct", "${") && read.has("variable", "var") && read.has("string", "-gke\""))
        #expect(read.has("type", "string") && read.has("type", "map") && read.has("type", "object"))
        #expect(read.has("literal", "true") && read.has("number", "1") && read.has("function", "max") && read.has("variable", "each"))
        #expect(read.has("comment", "/* The cluster itself. */") && read.has("comment", "# keep it out of logs"))
        #expect(read.has("string", "<<-EOT") && read.has("string", "    #!/bin/bash\n    echo \"cluster ") && read.has("string", "EOT"))
        #expect(read.has("keyword", "for") && read.has("keyword", "in") && read.has("keyword", "if") && read.has("variable", "data"))
        // Object keys in a one-line object.
        #expect(read.has("key", "pool") && read.has("key", "managed"))
    }

    @Test func goHTTPHandler() throws {
        let read = try read(HighlightSamples.goHandler, "golang")
        #expect(read.has("keyword", "package") && read.has("keyword", "import") && read.has("string", "\"net/http\""))
        #expect(read.has("type", "Health") && read.has("type", "server") && read.has("keyword", "struct"))
        #expect(read.has("string", "`json:\"status\"`") && read.has("type", "string") && read.has("type", "int64"))
        #expect(read.has("function", "health") && read.has("function", "main"))
        // The receiver and an anonymous function's parameters name no function.
        #expect(read.kinds(of: "s").isEmpty && read.kinds(of: "w").isEmpty && read.kinds(of: "Request").isEmpty)
        #expect(read.has("number", "0x1F") && read.has("number", "1.5e3") && read.has("type", "float64"))
        #expect(read.has("string", "'o'") && read.has("string", "'\\n'") && read.has("literal", "nil"))
        #expect(read.has("comment", "/* main starts the server\n   on port 8080. */") && read.has("comment", "// Health reports whether the service is ready."))
        #expect(read.kinds(of: "func") == ["keyword", "keyword", "keyword"])
    }

    @Test func jsonPolicy() throws {
        let read = try read(HighlightSamples.jsonPolicy, "json")
        #expect(read.has("key", "\"Version\"") && read.has("string", "\"2012-10-17\""))
        #expect(read.has("key", "\"aws:SecureTransport\"") && read.has("literal", "true") && read.has("literal", "null"))
        #expect(read.has("number", "1000") && read.has("number", "-1.5e-3"))
        #expect(read.has("string", "\"arn:aws:s3:::shop-assets/*\"") && read.has("string", "\"a \\\"quoted\\\" <value> & more\""))
        let jsonc = try self.read("{\n  // why\n  \"a\": 1 /* more */\n}\n", "jsonc")
        #expect(jsonc.has("comment", "// why") && jsonc.has("comment", "/* more */") && jsonc.has("key", "\"a\""))
    }

    // MARK: Never losing, repeating or breaking text

    static let alphabet = Array("\"'`$(){}[]<>|&;#:-=\\\n \t/*%!@,.?~+0123456789abcxyzEOFfuncifdoneRUNFROMtrue_é日🙂\u{FFFD}".unicodeScalars)

    /// Random text: mostly the bytes that steer the lexers, with any byte at all now and then (invalid UTF-8 is
    /// repaired into U+FFFD before highlighting, as the loader does).
    static func soup(_ generator: inout SplitMix64, length: Int) -> String {
        var bytes: [UInt8] = []
        while bytes.count < length {
            if generator.next() % 8 == 0 {
                bytes.append(UInt8(truncatingIfNeeded: generator.next()))
            } else {
                bytes += Array(String(alphabet[Int(generator.next() % UInt64(alphabet.count))]).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func expectRoundTrip(_ code: String, _ language: CodeLanguage, _ note: @autoclosure () -> String) {
        let html = String(decoding: language.render(code, prefix: [], suffix: []), as: UTF8.self)
        let read = HighlightedText(html)
        #expect(read.problems.isEmpty, "\(language) \(note()): \(read.problems.prefix(3))")
        #expect(read.text == code, "\(language) \(note())")
    }

    @Test func randomTextComesBackExactlyFromEveryLexer() {
        var generator = SplitMix64(seed: 0x5EED_C0DE)
        for round in 0..<300 {
            let code = Self.soup(&generator, length: Int(generator.next() % 400))
            for language in CodeLanguage.allCases { expectRoundTrip(code, language, "round \(round)") }
        }
    }

    @Test func truncatedAndSplicedSamplesComeBackExactlyFromEveryLexer() {
        var generator = SplitMix64(seed: 42)
        for (index, sample) in HighlightSamples.all.enumerated() {
            let bytes = Array(sample.code.utf8)
            // Cut anywhere, even inside a character (which then becomes U+FFFD).
            for cut in stride(from: 0, through: bytes.count, by: 23) {
                let code = String(decoding: bytes[..<cut], as: UTF8.self)
                for language in CodeLanguage.allCases { expectRoundTrip(code, language, "sample \(index) cut at \(cut)") }
            }
            // Every sample through every lexer, and pieces of two samples spliced together.
            let other = Array(HighlightSamples.all[Int(generator.next() % UInt64(HighlightSamples.all.count))].code.utf8)
            let a = Int(generator.next() % UInt64(bytes.count)), b = Int(generator.next() % UInt64(other.count))
            let spliced = String(decoding: bytes[..<a] + other[b...], as: UTF8.self)
            for language in CodeLanguage.allCases {
                expectRoundTrip(sample.code, language, "sample \(index)")
                expectRoundTrip(spliced, language, "sample \(index) spliced")
            }
        }
    }

    /// Inputs built to find quadratic work, deep nesting or a loop that stops advancing; each must simply finish.
    @Test(arguments: HostileCode.all)
    func hostileInputFinishesAndComesBack(_ hostile: HostileCode) {
        for language in CodeLanguage.allCases { expectRoundTrip(hostile.code, language, hostile.testDescription) }
    }

    // MARK: In the Markdown renderer

    func render(_ markdown: String) -> String {
        let site = SiteConfig.defaults(path: "site.yaml", baseURL: BaseURL("https://example.com/")!)
        let renderer = MarkdownRenderer(allowRawHTML: false, basePath: "/", directives: .standard, context: DirectiveContext(site: site))
        return renderer.render(markdown, path: "a.md").0.html
    }

    @Test func aKnownLanguageIsHighlightedInsideCmarksOwnMarkup() {
        #expect(render("Before\n\n```yaml\na: 1 # <one>\n```\n\nAfter\n") == """
            <p>Before</p>
            <pre><code class="language-yaml"><span class="tok-key">a</span>: \
            <span class="tok-number">1</span> <span class="tok-comment"># &lt;one&gt;</span>
            </code></pre>
            <p>After</p>

            """)
        #expect(render("```yaml\n```\n") == "<pre><code class=\"language-yaml\"></code></pre>\n")
        #expect(render("- item\n\n  ```sh\n  ls\n  ```\n") == """
            <ul>
            <li>
            <p>item</p>
            <pre><code class="language-sh"><span class="tok-command">ls</span>
            </code></pre>
            </li>
            </ul>

            """)
    }

    @Test func theClassNamesTheLanguageAsWritten() {
        #expect(render("```YAML title=\"x\"\nk: v\n```\n").hasPrefix("<pre><code class=\"language-YAML\"><span class=\"tok-key\">k</span>"))
        #expect(render("```Dockerfile\nFROM x\n```\n").hasPrefix("<pre><code class=\"language-Dockerfile\"><span class=\"tok-keyword\">FROM</span>"))
    }

    @Test func otherBlocksStayExactlyAsCmarkWritesThem() {
        #expect(render("```text\nkey: <value>\n```\n") == "<pre><code class=\"language-text\">key: &lt;value&gt;\n</code></pre>\n")
        #expect(render("```\nkey: it's\n```\n") == "<pre><code>key: it's\n</code></pre>\n")
        #expect(render("    key: value\n") == "<pre><code>key: value\n</code></pre>\n")
        #expect(render("Text with `a: 1` inline.\n") == "<p>Text with <code>a: 1</code> inline.</p>\n")
    }

    /// Without its spans, a highlighted block is the block cmark writes, except that `'` is escaped (as `HTML.escape` does).
    @Test func strippedOfSpansEveryHighlightedSampleIsCmarksBlock() {
        for (language, code) in HighlightSamples.all {
            let fence = String(repeating: "`", count: 4)
            let highlighted = render("\(fence)\(language)\n\(code)\n\(fence)\n")
            let plain = render("\(fence)text\n\(code)\n\(fence)\n")
            var stripped = highlighted
            while let open = stripped.range(of: "<span class=\"tok-") {
                let close = stripped.range(of: "\">", range: open.upperBound..<stripped.endIndex)!
                stripped.removeSubrange(open.lowerBound..<close.upperBound)
            }
            stripped = stripped.replacingOccurrences(of: "</span>", with: "").replacingOccurrences(of: "&#39;", with: "'")
            #expect(stripped == plain.replacingOccurrences(of: "language-text", with: "language-\(language)"), "\(language)")
        }
    }

    @Test func aWholeSiteBuildHighlightsYAMLAndLeavesTextPlain() throws {
        let body = "Intro.\n\n```yaml\nkind: Service # <svc>\n```\n\n```text\nkind: Service\n```\n"
        let site = try FixtureSite(["Content/articles/a.md": article(slug: "a", body: body)])
        defer { site.cleanUp() }
        let report = site.build()
        #expect(report.succeeded, "\(site.messages(report))")
        let page = try #require(site.output("a/index.html"))
        #expect(page.contains("""
            <pre><code class="language-yaml"><span class="tok-key">kind</span>: Service \
            <span class="tok-comment"># &lt;svc&gt;</span>
            </code></pre>
            <pre><code class="language-text">kind: Service
            </code></pre>
            """))
    }

    // MARK: The stylesheet

    @Test func everyTokenClassIsColouredWithAAContrastInBothThemes() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates/assets/style.css")
        let css = try String(contentsOf: url, encoding: .utf8)
        let section = try #require(css.range(of: "/* Code highlighting.")).lowerBound
        let theme = String(css[..<section]), highlighting = String(css[section...])
        func colours(_ text: Substring, prefix: String) -> [String: String] {
            var found: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].hasPrefix(prefix) else { continue }
                found[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
            }
            return found
        }
        func split(_ text: String) throws -> (light: Substring, dark: Substring) {
            let media = try #require(text.range(of: "@media (prefers-color-scheme: dark)"))
            return (text[..<media.lowerBound], text[media.upperBound...])
        }
        let (themeLight, themeDark) = try split(theme)
        let (light, dark) = try split(highlighting)
        let backgrounds = (light: try #require(colours(themeLight, prefix: "--surface")["--surface"]),
                           dark: try #require(colours(themeDark, prefix: "--surface")["--surface"]))
        let lightColours = colours(light, prefix: "--code-"), darkColours = colours(dark.prefix(while: { $0 != "}" }), prefix: "--code-")
        #expect(lightColours.count >= 8 && Set(lightColours.keys) == Set(darkColours.keys))
        for (name, colour) in lightColours {
            #expect(try Self.contrast(colour, backgrounds.light) >= 4.5, "\(name) \(colour) on \(backgrounds.light)")
            #expect(try Self.contrast(#require(darkColours[name]), backgrounds.dark) >= 4.5, "\(name) dark on \(backgrounds.dark)")
        }
        for kind in TokenKind.allCases {
            let rule = try #require(highlighting.split(separator: "\n").first { $0.hasPrefix(".") && $0.contains(".\(kind.className)") },
                                    "no rule for .\(kind.className)")
            let variable = try #require(rule.range(of: "var(--code-")).upperBound
            let name = "--code-" + rule[variable...].prefix { $0 != ")" }
            #expect(lightColours[name] != nil, "\(kind.className) uses \(name)")
        }
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) throws -> Double {
        func luminance(_ hex: String) throws -> Double {
            let value = try #require(UInt32(hex.dropFirst(), radix: 16))
            let channels = [value >> 16, value >> 8 & 0xFF, value & 0xFF].map { channel -> Double in
                let c = Double(channel) / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (x, y) = (try luminance(a), try luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}

/// A long input that once could have made a lexer slow, deep or stuck, named shortly for the test report.
struct HostileCode: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let code: String

    init(_ piece: String, _ count: Int, then tail: String = "") {
        testDescription = "\(count) × \(piece.debugDescription)" + (tail.isEmpty ? "" : " + \(tail.prefix(16).debugDescription)…")
        code = String(repeating: piece, count: count) + tail
    }

    static let all = [
        HostileCode("\"", 40_000), HostileCode("'", 40_000), HostileCode("`", 40_000), HostileCode("$(", 20_000),
        HostileCode("${", 20_000), HostileCode("$", 40_000), HostileCode("[", 40_000), HostileCode("{", 40_000),
        HostileCode("{{", 20_000), HostileCode("\"${", 15_000), HostileCode("<<EOF\n", 8_000), HostileCode("\\\n", 20_000),
        HostileCode("- ", 20_000, then: "a: |\n" + String(repeating: "  x\n", count: 5_000)), HostileCode("a: b ", 40_000),
        HostileCode("/*", 20_000), HostileCode("func (", 8_000), HostileCode("RUN a \\\n", 8_000), HostileCode("x = <<-E\n", 8_000),
        HostileCode("\0", 5_000, then: "a: 1\n" + String(repeating: "\u{FFFD}", count: 5_000)),
    ]
}
