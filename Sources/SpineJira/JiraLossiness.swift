// The jira format's documented lossiness as a function: what writing a document as create
// payloads and reading them back yields (FormatDescriptor.normalize, used by the property tests).

import SpineADF
import SpineCore

/// Maps a document to what `JiraReader().read(JiraWriter().write(d))` gives with default
/// settings, following "Round trips of the writer's output" in Formats/jira-json.md: only
/// requirements survive (found where the writer finds them, children flattened after their
/// parent), each with the fields a create payload carries; descriptions (with the acceptance
/// criteria appended under a heading) as the adf format's normalisation leaves them.
enum JiraLossiness {
    static func normalize(_ document: Document) -> Document {
        var requirements: [Requirement] = []
        PayloadBuilder.forEachRequirement(in: document.blocks, parent: nil) { requirement, parent in
            requirements.append(survivor(requirement, parent: parent))
        }
        var metadata = Metadata(source: SourceInfo(format: "jira"))
        // One payload is read as a single issue, which names the document.
        if requirements.count == 1 { metadata.title = requirements[0].summary }
        return Document(metadata: metadata, blocks: requirements.map(Block.requirement))
    }

    /// What one requirement's payload reads back as.
    static func survivor(_ requirement: Requirement, parent: Requirement?) -> Requirement {
        var result = Requirement(summary: PayloadBuilder.oneLine(requirement.summary).text)
        result.type = requirement.type ?? PayloadBuilder.defaultType(under: parent)
        result.priority = requirement.priority
        result.assignee = requirement.assignee?.accountID.map { Person(accountID: $0) }
        result.labels = requirement.labels.map { PayloadBuilder.hyphenated($0) }
        result.components = requirement.components
        result.fixVersions = requirement.fixVersions
        result.parent = parent.map { $0.key ?? requirement.parent } ?? requirement.parent
        let description = PayloadBuilder.description(requirement)
        if !description.isEmpty { result.description = adf(description) }
        // The reader keeps `project` as field Project (its JSON as written) and `duedate` as field Due date.
        if let project = PayloadBuilder.project(of: requirement, setting: nil) {
            result.fields.append(Field("Project", ["key": .string(project)]))
        }
        if let due = PayloadBuilder.dueDate(of: requirement) {
            result.fields.append(Field(Requirement.FieldName.dueDate, .string(due)))
        }
        return result
    }

    /// Blocks as an ADF document reads them back (the adf format's own normalisation).
    static func adf(_ blocks: [Block]) -> [Block] {
        guard let normalize = ADFFormats.descriptors.first(where: { $0.name == "adf" })?.normalize else { return blocks }
        return normalize(Document(blocks: blocks)).blocks
    }
}
