import Foundation
@testable import Metrics
import Testing

struct ReportNotebookTests {
    static let notebook = ReportNotebook(
        title: "Children's services *trends*", introduction: "Trends in **three** series.",
        plots: ReportSamples.all,
        provenance: [.init(label: "Input", value: "data|file_<1>.csv"), .init(label: "metrics", value: "0.1.0")]
    )

    static func document(_ notebook: ReportNotebook = notebook) throws -> [String: Any] {
        try #require(try ReportSamples.parseJSON(notebook.json) as? [String: Any])
    }

    static func cells(_ document: [String: Any]) -> [[String: Any]] { document["cells"] as? [[String: Any]] ?? [] }

    static func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String] ?? []).joined() }

    @Test("nbformat 4.5 with a python3 kernel")
    func format() throws {
        let document = try Self.document()
        #expect(document["nbformat"] as? Int == 4 && document["nbformat_minor"] as? Int == 5)
        let metadata = try #require(document["metadata"] as? [String: Any])
        let kernel = try #require(metadata["kernelspec"] as? [String: Any])
        #expect(kernel["name"] as? String == "python3" && kernel["language"] as? String == "python")
        #expect(kernel["display_name"] is String)
        #expect((metadata["language_info"] as? [String: Any])?["name"] as? String == "python")
        #expect(Set(document.keys) == ["cells", "metadata", "nbformat", "nbformat_minor"])
    }

    @Test("every cell has a unique, valid id and the fields its type requires")
    func cellStructure() throws {
        let cells = Self.cells(try Self.document())
        #expect(cells.count == 3 + 2 * ReportSamples.all.count)
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids.count == cells.count && Set(ids).count == ids.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        #expect(ids.allSatisfy { !$0.isEmpty && $0.count <= 64 && $0.allSatisfy(allowed.contains) })
        for cell in cells {
            #expect(cell["metadata"] is [String: Any])
            let lines = try #require(cell["source"] as? [String])
            #expect(lines.dropLast().allSatisfy { $0.hasSuffix("\n") })
            #expect(lines.last.map { !$0.hasSuffix("\n") } ?? true)
            switch cell["cell_type"] as? String {
            case "markdown":
                #expect(Set(cell.keys) == ["cell_type", "id", "metadata", "source"])
            case "code":
                #expect(Set(cell.keys) == ["cell_type", "execution_count", "id", "metadata", "outputs", "source"])
                #expect(cell["execution_count"] is NSNull)
                #expect((cell["outputs"] as? [Any])?.isEmpty == true)
            default:
                Issue.record("unexpected cell type \(String(describing: cell["cell_type"]))")
            }
        }
        #expect(cells.map { $0["cell_type"] as? String ?? "" } == ["markdown", "code", "code"] + Array(repeating: ["markdown", "code"], count: 3).flatMap { $0 })
    }

    @Test("intro, summary and one heading and chart cell per plot, with relative paths")
    func content() throws {
        let cells = Self.cells(try Self.document())
        let intro = Self.source(cells[0])
        #expect(intro.hasPrefix("# Children\\'s services \\*trends\\*\n"))
        #expect(intro.contains("Trends in **three** series."), "the introduction is Markdown, kept as is")
        #expect(intro.contains("| Input | data\\|file\\_\\<1\\>\\.csv |"))
        #expect(intro.contains("`data/ID.csv`") && intro.contains("`charts/ID.vl.json`"))
        #expect(Self.source(cells[1]).contains("import matplotlib.pyplot as plt"))
        #expect(Self.source(cells[1]).contains("def draw_series("))
        #expect(Self.source(cells[2]).contains("read_table(\"summary.csv\")"))
        for (k, plot) in ReportSamples.all.enumerated() {
            let heading = Self.source(cells[3 + 2 * k])
            #expect(heading.hasPrefix("## "))
            #expect(heading.contains("(data/\(plot.id).csv)"))
            let code = Self.source(cells[4 + 2 * k])
            #expect(code.hasPrefix("data = read_plot_data(\"data/\(plot.id).csv\")\n"))
            #expect(code.contains("draw_series("))
        }
        let all = cells.map(Self.source).joined()
        #expect(!all.contains("/tmp") && !all.contains("/work"), "no absolute paths")
    }

    @Test("hostile names cannot break out of Python literals or Markdown")
    func hostile() throws {
        let plot = ReportSamples.hostile
        let code = ReportNotebook.chartCode(plot)
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == ReportNotebook.chartCode(ReportSamples.minimal).split(separator: "\n", omittingEmptySubsequences: false).count,
                "line breaks in names are escaped, so every chart cell has the same lines")
        #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("import") })
        // Each literal is the JSON string of the text, so reading it back as JSON gives the text.
        let titleLine = try #require(lines.first { $0.contains("title=") && !$0.contains("subtitle=") })
        let literal = titleLine.drop { $0 != "\"" }.dropLast()  // strip `    title=` and the trailing comma
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String
        #expect(decoded == plot.title)
        #expect(ReportNotebook.pythonString("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")

        let heading = ReportNotebook.headingMarkdown(plot)
        #expect(!heading.contains("<b>"), "HTML in names is escaped")
        #expect(heading.split(separator: "\n").allSatisfy { !$0.hasPrefix("=") && !$0.hasPrefix("import") })
        // A line break is shown as its visible escape (its punctuation escaped), as summary.md and the table show it.
        #expect(ReportNotebook.markdownEscaped("# *x* <script>\n[a](b)") == ##"\# \*x\* \<script\>\\u\{A\}\[a\]\(b\)"##)
        #expect(ReportNotebook.markdownEscaped("Middlesbrough E06000002") == "Middlesbrough E06000002")
        #expect(ReportNotebook.urlPathEscaped("data/a b#é.csv") == "data/a%20b%23%C3%A9.csv")
    }

    @Test("cell ids come from positions; the notebook is deterministic")
    func determinism() throws {
        #expect(ReportNotebook.cellID(0) == "cell-0000" && ReportNotebook.cellID(12) == "cell-0012")
        #expect(ReportNotebook.cellID(12345) == "cell-12345")
        #expect(Self.notebook.json.rendered(indent: 1) == Self.notebook.json.rendered(indent: 1))
        let empty = try Self.document(ReportNotebook(title: "Empty", introduction: "", plots: []))
        #expect(Self.cells(empty).count == 3)
    }
}
