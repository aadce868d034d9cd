// `spine check` through the in-process CLI.

import Foundation
import SpineCLI
import SpineTestSupport
import XCTest

final class CheckCommandTests: XCTestCase {
    private func run(_ arguments: [String], input: String = "") -> (ExitCode, BufferIO) {
        let io = BufferIO(input: Array(input.utf8), directory: Fixtures.repositoryRoot.path)
        return (CommandLineTool.run(arguments, io: io), io)
    }

    func testNestingAndEmptyLinkAreLocatedErrors() {
        let page = "<p>intro</p>\n<p><h1>x</h1></p><ac:link></ac:link>"
        let (code, io) = run(["check", "-"], input: page)
        XCTAssertEqual(code, .failure)
        XCTAssertTrue(io.errors.contains { $0.hasPrefix("<stdin>:2:4: error:") && $0.contains("[storage.check.nesting]") }, "\(io.errors)")
        XCTAssertTrue(io.errors.contains { $0.contains("[storage.check.empty-link]") }, "\(io.errors)")
    }

    func testCleanPageSucceeds() {
        let (code, io) = run(["check", "-"], input: "<h1>Title</h1><p>Body &amp; more</p>")
        XCTAssertEqual(code, .success, "\(io.errors)")
        XCTAssertEqual(io.errors, [])
    }

    func testMarkdownIsCheckedAsTheStorageSpineWouldWrite() {
        let (code, io) = run(["check", "-f", "markdown", "-"], input: "# Title\n\n- [ ] task\n\n```swift\nlet x = \"]]>\"\n```\n")
        XCTAssertEqual(code, .success, "\(io.errors)")
    }

    func testUsageAndMissingFile() {
        XCTAssertEqual(run(["check"]).0, .usage)
        XCTAssertEqual(run(["check", "no-such-file.xhtml"]).0, .failure)
    }
}
