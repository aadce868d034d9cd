// The module's registry entries are well-formed.

import SpineCore
import SpineJiraWiki
import XCTest

final class RegistrationTests: XCTestCase {
    func testDescriptorsHaveNamesAndAConverter() {
        for descriptor in JiraWikiFormats.descriptors {
            XCTAssertFalse(descriptor.name.isEmpty)
            XCTAssertTrue(descriptor.reader != nil || descriptor.writer != nil, descriptor.name)
        }
    }
}
