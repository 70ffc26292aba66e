import Metrics

enum MetricsVersion {
    static let number = "0.1.0"
    static var text: String { "metrics \(number) (GNU GSL \(Metrics.gslVersion))" }
}
