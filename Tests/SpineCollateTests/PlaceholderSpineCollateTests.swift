// Registry smoke test; replaced as the module's issue lands.

import Spine
import XCTest

final class SpineCollateRegistryTests: XCTestCase {
    func testRegistryHasTheASTFormat() {
        XCTAssertNotNil(Spine.registry.format(named: "ast")?.reader)
        XCTAssertNotNil(Spine.registry.format(named: "ast")?.writer)
    }
}
