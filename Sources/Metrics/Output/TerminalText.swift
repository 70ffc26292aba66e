/// Text for a terminal: the `table` format of every verb, the sentences and reports printed with it, the
/// CLI's error, warning and note messages and its progress bar.
///
/// Every hidden character (`ControlCharacters.isHidden`: C0 controls, tab and line feed included, DEL, C1
/// controls, bidirectional formatting characters, U+2028 and U+2029) is written as its visible escape
/// (`\u{1B}`, `\u{A}`, `\u{202E}`), so no escape sequence from the data reaches the terminal, no line break
/// or tab inside a cell breaks a table, and no override reorders what follows. Everything else, a backslash
/// included, is written as it is: the display is for people and is not reversible (JSON keeps the exact
/// text). A Swift `String` is always valid Unicode, so no invalid UTF-8 can be written either (the readers
/// replace undecodable bytes with U+FFFD).
public enum TerminalText {
    /// `text` with every hidden character escaped; `text` itself when it has none.
    public static func escape(_ text: String) -> String {
        guard ControlCharacters.containsHidden(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if ControlCharacters.isHidden(scalar) {
                out += ControlCharacters.visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines written by the program (a report, a message of several lines), each escaped, joined by line
    /// feeds, with a line feed after the last.
    public static func lines(_ lines: [String]) -> String {
        lines.map { escape($0) + "\n" }.joined()
    }
}
