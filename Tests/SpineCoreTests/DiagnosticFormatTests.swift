// Diagnostics print as one `file:line:col: severity: message [code]` line each.

import SpineCore
import XCTest

final class DiagnosticFormatTests: XCTestCase {
    func testLocatedDiagnosticIsOneLine() {
        let diagnostic = Diagnostic(.warning, code: "x.y", "first", at: SourceLocation(line: 3, column: 7, path: "$.a"))
        XCTAssertEqual(diagnostic.formatted(file: "in.json"), "in.json:3:7: warning: first at $.a [x.y]")
    }

    func testLibraryMessagesWithLineBreaksAreJoined() {
        // libxml2's encoding error carries a second "Bytes: …" line.
        let error = SpineError.malformed("storage.malformed", "Input is not proper UTF-8, indicate encoding !\nBytes: 0xFF 0xFE 0x20 0x64\n",
                                         at: SourceLocation(line: 1, column: 5))
        XCTAssertEqual(error.formatted(file: "page.xhtml"),
                       "page.xhtml:1:5: error: Input is not proper UTF-8, indicate encoding !; Bytes: 0xFF 0xFE 0x20 0x64 [storage.malformed]")
    }
}
