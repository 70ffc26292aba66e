import ArgumentParser
import Metrics

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Descriptive statistics of numeric columns of a CSV file.",
        discussion: """
            n, mean, standard deviation (n − 1), minimum, maximum, median, quartiles (R's type 7 unless --quantile-type says otherwise) and the lag-1 autocorrelation (rows in file order). Missing cells (blank, c, x, z, low, u, k, :, ~, NA) are left out and counted.

            Example:
              metrics describe data.csv --column value --format json
            """
    )

    @Argument(help: "The CSV file (with a header row); - for standard input.")
    var file: String

    @Option(name: .long, parsing: .singleValue, help: "The column to describe; repeat for several.")
    var column: [String]

    @Option(name: .long, help: "Quantile definition, 1 to 9 as in R's quantile(type =).")
    var quantileType: Int = 7

    @OptionGroup var rows: RowFilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard QuantileDefinition(rawValue: quantileType) != nil else {
            throw ValidationError("--quantile-type must be a whole number from 1 to 9; got \(quantileType)")
        }
        guard !column.isEmpty else { throw ValidationError("--column needs a column name") }
    }

    func run() throws {
        try reportingErrors {
            let request = DescribeRequest(
                path: file, columns: column, quantileDefinition: QuantileDefinition(rawValue: quantileType)!,
                filters: rows.filters)
            try output.emit(try request.run().rendered(as: output.resolvedFormat))
        }
    }
}
