#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A place in an input file: `FILE:LINE[:COLUMN]`, lines and columns counted from 1, columns in characters.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let line = line, line > 0, let column { text += ":\(column)" }
        return text
    }
}

extension SourceLocation {
    /// The place just after `bytes` of UTF-8 text that start at the start of line `line`: the line after as
    /// many line feeds as they hold, and the column after the characters since the last one (a character is
    /// a byte that does not continue a UTF-8 sequence).
    init(file: String, after bytes: UnsafeBufferPointer<UInt8>, fromLine line: Int) {
        var lineNumber = line
        var lineStart = 0
        if let base = bytes.baseAddress {
            while lineStart < bytes.count, let newline = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                lineNumber += 1
                lineStart = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        var column = 1
        for i in lineStart..<bytes.count where bytes[i] & 0xC0 != 0x80 { column += 1 }
        self.init(file: file, line: lineNumber, column: column)
    }
}
