// Reads Spine's Markdown form of a requirement back into a `Requirement`.

import SpineCore

enum RequirementReader {
    static func read(_ marker: BlockConventions.Marker, _ content: [Block]) -> Requirement? { nil }
}
