// The hand-written argument parser.

import SpineCLI
import XCTest

final class ArgumentParserTests: XCTestCase {
    let specs = [
        OptionSpec(["-o", "--output"], value: "FILE", help: ""),
        OptionSpec(["--strict"], help: ""),
        OptionSpec(["--set"], value: "K=V", repeatable: true, help: ""),
    ]

    func testShortLongAndInlineValues() throws {
        let parsed = try parseArguments(["in.md", "-o", "out.html", "--strict", "--set=a=1", "--set", "b=2"], specs: specs)
        XCTAssertEqual(parsed.positionals, ["in.md"])
        XCTAssertEqual(parsed.value("--output"), "out.html")
        XCTAssertTrue(parsed.flag("--strict"))
        XCTAssertEqual(parsed.all("--set"), ["a=1", "b=2"])
    }

    func testDashIsPositionalAndDoubleDashEndsOptions() throws {
        let parsed = try parseArguments(["-", "--", "--strict"], specs: specs)
        XCTAssertEqual(parsed.positionals, ["-", "--strict"])
        XCTAssertFalse(parsed.flag("--strict"))
    }

    func testErrors() {
        XCTAssertThrowsError(try parseArguments(["--nope"], specs: specs)) { error in
            XCTAssertEqual(error as? UsageError, UsageError("unknown option '--nope'"))
        }
        XCTAssertThrowsError(try parseArguments(["-o"], specs: specs)) { error in
            XCTAssertEqual((error as? UsageError)?.message, "option '-o' needs a value (FILE)")
        }
        XCTAssertThrowsError(try parseArguments(["-o", "a", "--output", "b"], specs: specs))
        XCTAssertThrowsError(try parseArguments(["--strict=yes"], specs: specs))
    }
}
