// The module's registry entries are well-formed.

import SpineCore
import SpineConfluence
import XCTest

final class RegistrationTests: XCTestCase {
    func testDescriptorsHaveNamesAndAConverter() {
        for descriptor in ConfluenceFormats.descriptors {
            XCTAssertFalse(descriptor.name.isEmpty)
            XCTAssertTrue(descriptor.reader != nil || descriptor.writer != nil, descriptor.name)
        }
    }
}
