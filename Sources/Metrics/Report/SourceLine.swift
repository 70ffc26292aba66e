/// The source line under a chart: who published the figures and the file they were read from, as a chart
/// fit to publish states them (`Source: DfE LAIT, lait_middlesbrough_….csv`).
///
/// Conventions: `Source: ` then the publisher (`SeriesMetadata.source`: LAIT's "Data Owner" with the tool
/// named, `DfE Explore Education Statistics` for an EES file, a tidy file's `source` column), the input
/// file's name (`SeriesMetadata.sourceFile`) and the publisher's page (`SeriesMetadata.sourceLink`, LAIT's
/// "Hyperlink(s)"), each left out when unknown, joined with commas; empty when none is known.
enum SourceLine {
    static func text(_ metadata: SeriesMetadata) -> String {
        let parts = [metadata.source, metadata.sourceFile, metadata.sourceLink]
            .compactMap { $0.map(ChartTextFit.singleLine) }.filter { !$0.isEmpty }
        var unique: [String] = []
        for part in parts where !unique.contains(part) { unique.append(part) }
        return unique.isEmpty ? "" : "Source: " + unique.joined(separator: ", ")
    }

    /// The publisher named for a series read from a file of `format` whose metadata names `owner` (or none):
    /// `DfE LAIT` (`Public Health England, via DfE LAIT` for another owner), `DfE Explore Education
    /// Statistics`, or the owner as given.
    static func publisher(owner: String?, format: InputFormat?) -> String? {
        let owner = owner.map(ChartTextFit.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        switch format {
        case .lait?: return owner.map { $0 == "DfE" ? "DfE LAIT" : "\($0), via DfE LAIT" } ?? "DfE LAIT"
        case .ees?: return owner ?? "DfE Explore Education Statistics"
        default: return owner
        }
    }
}
