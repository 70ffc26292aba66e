/// Input data that cannot be read as what it claims to be (exit status 65 in the CLI): a ragged row, an
/// unterminated quote, a cell that is not a number, a column that is not there, a fit that the data cannot
/// support. Always names the place.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// An input that cannot be opened or read at all (exit status 66): missing, a directory, no permission.
public struct InputUnavailableError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// An output that cannot be created (exit status 73) or written completely (exit status 74).
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case cannotCreate
        case writeFailed
    }

    public let path: String
    public let kind: Kind
    public let reason: String

    public init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
