// The library entry point for programs that embed Spine, and the standard registry.

import SpineADF
import SpineCSV
import SpineConfluence
import SpineCore
import SpineJira
import SpineJiraWiki
import SpineMarkdown
import SpineWord

/// The result of a conversion: the output bytes and every diagnostic from reader and writer.
public struct Conversion: Sendable {
    public var output: [UInt8]
    public var document: Document
    public var diagnostics: [Diagnostic]

    public init(output: [UInt8], document: Document, diagnostics: [Diagnostic]) {
        self.output = output
        self.document = document
        self.diagnostics = diagnostics
    }
}

/// Spine's public entry points.
public enum Spine {
    /// The version printed by `spine --version`.
    public static let version = "0.1.0"

    /// Every format Spine knows, as registered by the format modules.
    public static let registry: FormatRegistry = {
        var formats: [FormatDescriptor] = [ASTFormat.descriptor]
        formats += MarkdownFormats.descriptors
        formats += ConfluenceFormats.descriptors
        formats += ADFFormats.descriptors
        formats += JiraFormats.descriptors
        formats += JiraWikiFormats.descriptors
        formats += CSVFormats.descriptors
        formats += WordFormats.descriptors
        return FormatRegistry(formats)
    }()

    /// Reads `input` as format `from`.
    public static func read(_ input: [UInt8], from: String, options: ConversionOptions = ConversionOptions()) throws(SpineError) -> ReadResult {
        guard let format = registry.format(named: from) else {
            throw SpineError(.usage, code: "format.unknown", "unknown format '\(from)'; `spine formats` lists them")
        }
        guard let reader = format.reader else {
            throw SpineError(.usage, code: "format.no-reader", "format '\(format.name)' can only be written, not read")
        }
        return try reader.read(input, options: options)
    }

    /// Writes `document` as format `to`.
    public static func write(_ document: Document, to: String, options: ConversionOptions = ConversionOptions()) throws(SpineError) -> WriteResult {
        guard let format = registry.format(named: to) else {
            throw SpineError(.usage, code: "format.unknown", "unknown format '\(to)'; `spine formats` lists them")
        }
        guard let writer = format.writer else {
            throw SpineError(.usage, code: "format.no-writer", "format '\(format.name)' can only be read, not written")
        }
        return try writer.write(document, options: options)
    }

    /// Converts `input` from one format to another: read, then write, with the diagnostics of both.
    public static func convert(_ input: [UInt8], from: String, to: String,
                               options: ConversionOptions = ConversionOptions()) throws(SpineError) -> Conversion {
        let read = try read(input, from: from, options: options)
        let written = try write(read.document, to: to, options: options)
        return Conversion(output: written.bytes, document: read.document, diagnostics: read.diagnostics + written.diagnostics)
    }
}
