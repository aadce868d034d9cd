// Registry entries for the Jira CSV and traceability CSV formats of this module.

import SpineCore

/// The formats this module provides, for the registry.
public enum CSVFormats {
    /// Descriptors registered by `Spine.registry`.
    public static var descriptors: [FormatDescriptor] {
        [
            FormatDescriptor(name: "jira-csv", summary: "Jira CSV export/import (one issue per row, repeated columns)",
                             extensions: [".csv"], reader: JiraCSVReader(), writer: JiraCSVWriter(),
                             normalize: { JiraCSVLossiness.normalize($0) }),
            FormatDescriptor(name: "trace-csv", aliases: ["trace"],
                             summary: "traceability matrix CSV for spreadsheets (write only)",
                             writer: TraceCSVWriter()),
        ]
    }
}
