// The module's registry entries are well-formed.

import SpineCore
import SpineMarkdown
import XCTest

final class RegistrationTests: XCTestCase {
    func testDescriptorsHaveNamesAndAConverter() {
        for descriptor in MarkdownFormats.descriptors {
            XCTAssertFalse(descriptor.name.isEmpty)
            XCTAssertTrue(descriptor.reader != nil || descriptor.writer != nil, descriptor.name)
        }
    }
}
