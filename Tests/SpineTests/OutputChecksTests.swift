// The checks the fuzz targets run on written output catch what Confluence would refuse.

import SpineRobustness
import XCTest

final class OutputChecksTests: XCTestCase {
    func testWellFormedStoragePasses() {
        XCTAssertNil(OutputChecks.problem(format: "confluence", Array("<p>a &amp; b</p><ac:structured-macro ac:name=\"toc\"/>".utf8)))
    }

    func testStorageThatOnlyARecoveringParserAcceptsIsFlagged() {
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<p>a &nbsp; b</p>".utf8)), "HTML entity")
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<p><b>x</p>".utf8)), "unclosed element")
        XCTAssertNotNil(OutputChecks.problem(format: "confluence", Array("<zz:thing/>".utf8)), "undeclared prefix")
    }

    func testFormatsWithoutChecksPass() {
        XCTAssertNil(OutputChecks.problem(format: "markdown", Array("<p><b>x</p>".utf8)))
    }
}
