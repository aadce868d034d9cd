// `spine collate` through the in-process CLI.

import Foundation
import SpineCLI
import SpineCore
import SpineTestSupport
import XCTest

final class CollateCommandTests: XCTestCase {
    private func run(_ arguments: [String]) -> (ExitCode, BufferIO) {
        let io = BufferIO(directory: Fixtures.repositoryRoot.path)
        return (CommandLineTool.run(arguments, io: io), io)
    }

    func testCollatesAnASTFileDeterministically() throws {
        let (code, io) = run(["collate", "Fixtures/collate/password-reset.ast.json", "-t", "ast"])
        XCTAssertEqual(code, .success, io.errors.joined(separator: "\n"))
        let document = try ASTFormat.Reader().read(io.output, options: ConversionOptions()).document
        var keys: [String] = []
        document.visit(block: { block in
            if case .requirement(let requirement) = block, let key = requirement.key { keys.append(key) }
        })
        XCTAssertFalse(keys.isEmpty)
        let (_, again) = run(["collate", "Fixtures/collate/password-reset.ast.json", "-t", "ast"])
        XCTAssertEqual(again.output, io.output, "same input, same bytes")
        // Informational diagnostics stay hidden without --verbose; warnings are shown.
        XCTAssertFalse(io.errors.contains { $0.contains(": info: ") })
        XCTAssertTrue(io.errors.contains { $0.contains(": warning: ") })
    }

    func testStrictFailsOnWarnings() {
        let (code, io) = run(["collate", "Fixtures/collate/password-reset.ast.json", "-t", "ast", "--strict"])
        XCTAssertEqual(code, .failure)
        XCTAssertTrue(io.output.isEmpty)
    }

    func testUsageErrors() {
        XCTAssertEqual(run(["collate"]).0, .usage)
        XCTAssertEqual(run(["collate", "Fixtures/collate/password-reset.ast.json", "--group-by", "colour"]).0, .usage)
        XCTAssertEqual(run(["collate", "Fixtures/collate/password-reset.ast.json", "--template", "fancy"]).0, .usage)
        XCTAssertEqual(run(["collate", "Fixtures/collate/password-reset.ast.json", "-t", "ast", "--epic", "NOPE-1"]).0, .usage)
    }
}
