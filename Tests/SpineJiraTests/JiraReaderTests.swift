// The Jira reader: hierarchy, custom-field resolution, paging, missing fields and located errors.

import SpineCore
import SpineJira
import XCTest

final class JiraReaderTests: XCTestCase {
    func testV3EpicChildrenPointAtTheEpic() throws {
        let requirements = JiraTest.requirements(try JiraTest.read("epic-v3").document)
        XCTAssertEqual(requirements.count, 25)
        XCTAssertEqual(requirements.first?.type, "Epic")
        let children = requirements.filter { $0.parent == "SHOP-1" }
        XCTAssertEqual(children.count, 22)
        let story = try XCTUnwrap(requirements.first { $0.key == "SHOP-4" })
        XCTAssertEqual(story[field: Requirement.FieldName.storyPoints], 3)
        XCTAssertEqual(story[field: Requirement.FieldName.sprint], ["SHOP Sprint 12", "SHOP Sprint 13"])
        XCTAssertEqual(story.statusCategory, .inProgress)
        XCTAssertFalse(story.acceptanceCriteria.isEmpty)
        XCTAssertEqual(story.links.first?.key, "SHOP-5")
        XCTAssertEqual(story.links.first?.direction, .outward)
        let subtask = try XCTUnwrap(requirements.first { $0.key == "SHOP-24" })
        XCTAssertEqual(subtask.parent, "SHOP-3")
        XCTAssertEqual(subtask.type, "Sub-task")
    }

    func testV2EpicLinkAndAcceptanceCriteriaNeedTheFieldMap() throws {
        let resolved = JiraTest.requirements(try JiraTest.read("epic-v2").document)
        XCTAssertEqual(resolved.filter { $0.parent == "SHOP-1" }.count, 22)
        let story = try XCTUnwrap(resolved.first { $0.key == "SHOP-5" })
        XCTAssertEqual(story[field: Requirement.FieldName.epicLink], "SHOP-1")
        XCTAssertEqual(story[field: Requirement.FieldName.storyPoints], 5)
        XCTAssertEqual(story[field: Requirement.FieldName.sprint], ["SHOP Sprint 13"])
        XCTAssertFalse(story.acceptanceCriteria.isEmpty)
        XCTAssertEqual(story.assignee?.accountID, "chenwei")

        let unresolved = JiraTest.requirements(try JiraTest.read("epic-v2", fieldMap: false).document)
        let raw = try XCTUnwrap(unresolved.first { $0.key == "SHOP-5" })
        XCTAssertNil(raw.parent)
        XCTAssertEqual(raw[field: "customfield_10100"], "SHOP-1")
        XCTAssertTrue(raw.acceptanceCriteria.isEmpty)
    }

    func testSearchPagesAreConcatenatedInOrder() throws {
        let token = try JiraTest.read("search-jql-pages")
        XCTAssertEqual(JiraTest.requirements(token.document).compactMap(\.key), ["SHOP-2", "SHOP-3", "SHOP-4", "SHOP-5", "SHOP-6"])
        XCTAssertFalse(token.diagnostics.contains { $0.code == "jira.more-pages" })
        let offsets = try JiraTest.read("search-startat-pages")
        XCTAssertEqual(JiraTest.requirements(offsets.document).count, 4)
        XCTAssertEqual(offsets.diagnostics.filter { $0.code == "jira.more-pages" }.count, 1, "total 5 but 4 issues given")
    }

    func testTokenPageWithoutItsSuccessorIsReported() throws {
        let result = try JiraTest.read(text: #"{"issues":[{"key":"A-1","fields":{"summary":"x"}}],"nextPageToken":"abc"}"#)
        XCTAssertEqual(result.diagnostics.map(\.code), ["jira.more-pages"])
        XCTAssertEqual(result.diagnostics.first?.location?.path, "$.nextPageToken")
    }

    func testDuplicateIssuesAcrossPagesAreSkippedWithANote() throws {
        let page = #"{"startAt":0,"total":2,"issues":[{"key":"A-1","fields":{"summary":"x"}}]}"#
        let result = try JiraTest.read(text: "[" + page + "," + page + "]")
        XCTAssertEqual(JiraTest.requirements(result.document).count, 1)
        XCTAssertTrue(result.diagnostics.contains { $0.code == "jira.duplicate-issue" })
    }

    func testMissingOptionalFieldsStillConvert() throws {
        let result = try JiraTest.read("bare-array-minimal")
        let requirements = JiraTest.requirements(result.document)
        XCTAssertEqual(requirements.map(\.summary), ["Only a summary", "Nulls everywhere", ""])
        XCTAssertEqual(requirements[1].sourceURL, "https://acme-shop.atlassian.net/browse/SHOP-91")
        XCTAssertTrue(result.diagnostics.contains { $0.code == "jira.no-fields" && $0.location?.path == "$[2]" })
    }

    func testSingleIssueSetsDocumentMetadata() throws {
        let document = try JiraTest.read("issue-every-adf-node").document
        XCTAssertEqual(document.metadata.title, "SHOP-3: Pay with saved card")
        XCTAssertEqual(document.metadata.source?.format, "jira")
        let issue = try XCTUnwrap(JiraTest.requirements(document).first)
        XCTAssertEqual(issue[field: "Sub-tasks"], ["SHOP-24", "SHOP-25"])
        XCTAssertEqual(issue[field: "Channel"], "Web - Desktop")
        XCTAssertNotNil(issue[field: Requirement.FieldName.comments])
    }

    func testSiteOptionBuildsSourceURLs() throws {
        let result = try JiraTest.read(text: #"{"key":"A-1","fields":{"summary":"x"}}"#, options: ConversionOptions(siteURL: "https://x.atlassian.net/"))
        XCTAssertEqual(JiraTest.requirements(result.document).first?.sourceURL, "https://x.atlassian.net/browse/A-1")
    }

    // MARK: - Errors

    private func error(_ text: String) -> SpineError? {
        do { _ = try JiraTest.read(text: text); return nil } catch { return error as? SpineError }
    }

    func testTruncatedJSONIsLocated() {
        let error = error("{\"issues\":[{\"key\":\"A-1\",\n\"fields\":{\"summary\":\"cut")
        XCTAssertEqual(error?.code, "json.syntax")
        XCTAssertEqual(error?.location?.line, 2)
        XCTAssertEqual(error?.location?.path, "$.issues[0].fields.summary")
    }

    func testWrongTypesAreLocatedByJSONPath() {
        XCTAssertEqual(error(#"{"issues":[{"key":"A-1","fields":{"summary":42}}]}"#)?.location?.path, "$.issues[0].fields.summary")
        XCTAssertEqual(error(#"{"issues":[{"key":"A-1","fields":{"labels":"x"}}]}"#)?.location?.path, "$.issues[0].fields.labels")
        XCTAssertEqual(error(#"{"issues":[{"key":"A-1","fields":[]}]}"#)?.location?.path, "$.issues[0].fields")
        XCTAssertEqual(error(#"{"issues":{}}"#)?.location?.path, "$.issues")
        XCTAssertEqual(error(#"{"key":"A-1","fields":{"description":7}}"#)?.location?.path, "$.fields.description")
        XCTAssertEqual(error(#"{"key":"A-1","fields":{"description":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":1}]}]}}}"#)?.location?.path,
                       "$.fields.description.content[0].content[0].text")
        XCTAssertEqual(error(#"{"key":"A-1","fields":{"issuelinks":[{"type":{"name":"Blocks"}}]}}"#)?.location?.path, "$.fields.issuelinks[0]")
        XCTAssertEqual(error(#"[{"key":"A-1"}, 5]"#)?.location?.path, "$[1]")
    }

    func testOtherJSONIsRejectedWithAReason() {
        XCTAssertEqual(error(#"{"hello":"world"}"#)?.code, "jira.shape")
        XCTAssertEqual(error(#"{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}"#)?.code, "jira.error-response")
    }

    func testUnreadableFieldMapIsAnError() {
        let options = ConversionOptions(settings: ["jira.fields": "/nonexistent/fields.json"])
        XCTAssertThrowsError(try JiraTest.read(text: #"{"key":"A-1","fields":{}}"#, options: options))
    }
}
