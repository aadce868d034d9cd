// Reads ZIP archives defensively: every offset is bounds-checked, sizes are capped, CRCs verified.

import SpineCore

/// A ZIP archive opened for reading. Opening parses the central directory only; entries
/// are inflated on demand. Hostile or truncated input is a located `SpineError`, never a crash.
struct ZipReader {
    /// One entry of the central directory.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    /// Entries in central-directory order.
    private(set) var entries: [Entry] = []
    /// Entry index by lower-cased name (OPC part names are case-insensitive).
    private var index: [String: Int] = [:]
    /// Upper bound on the bytes one entry may inflate to.
    let entryLimit: Int
    /// Upper bound on all bytes inflated through this reader.
    let totalLimit: Int
    private var inflatedSoFar = 0

    /// True when `bytes` starts like a ZIP archive.
    static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && (bytes[2] == 3 || bytes[2] == 5)
    }

    /// Parses the central directory of `bytes`.
    init(_ bytes: [UInt8], entryLimit: Int, totalLimit: Int) throws(SpineError) {
        self.bytes = bytes
        self.entryLimit = entryLimit
        self.totalLimit = totalLimit
        let end = try Self.findEndRecord(bytes)
        let count = Int(read16(end + 10))
        let directorySize = Int(read32(end + 12))
        let directoryOffset = Int(read32(end + 16))
        if read32(end + 16) == 0xffff_ffff || read16(end + 10) == 0xffff {
            throw Self.error("docx.zip64", "ZIP64 archives are not supported", offset: end)
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw Self.error("docx.zip-directory", "The central directory lies outside the file (truncated archive?)", offset: end)
        }
        var position = directoryOffset
        for number in 0..<count {
            guard position + 46 <= bytes.count, read32(position) == 0x0201_4b50 else {
                throw Self.error("docx.zip-directory", "Central directory entry \(number + 1) of \(count) is missing or damaged", offset: position)
            }
            let nameLength = Int(read16(position + 28))
            let extraLength = Int(read16(position + 30))
            let commentLength = Int(read16(position + 32))
            let recordEnd = position + 46 + nameLength + extraLength + commentLength
            guard recordEnd <= bytes.count else {
                throw Self.error("docx.zip-directory", "Central directory entry \(number + 1) runs past the end of the file", offset: position)
            }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(name: name, method: read16(position + 10), flags: read16(position + 8),
                              crc: read32(position + 16), compressedSize: Int(read32(position + 20)),
                              size: Int(read32(position + 24)), localHeaderOffset: Int(read32(position + 42)))
            index[name.lowercased()] = entries.count
            entries.append(entry)
            position = recordEnd
        }
    }

    /// The entry called `name` (case-insensitive, without a leading slash).
    func entry(named name: String) -> Entry? {
        var key = name.lowercased()
        if key.hasPrefix("/") { key.removeFirst() }
        return index[key].map { entries[$0] }
    }

    /// The uncompressed bytes of `entry`, checked against its CRC.
    mutating func data(of entry: Entry) throws(SpineError) -> [UInt8] {
        let where_ = "zip entry " + entry.name
        if entry.flags & 1 != 0 {
            throw Self.error("docx.zip-encrypted", "\(entry.name) is encrypted; Spine cannot read password-protected documents", offset: entry.localHeaderOffset)
        }
        let header = entry.localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count, read32(header) == 0x0403_4b50 else {
            throw Self.error("docx.zip-entry", "The local header of \(entry.name) is missing or damaged", offset: header)
        }
        let start = header + 30 + Int(read16(header + 26)) + Int(read16(header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw Self.error("docx.zip-entry", "The data of \(entry.name) runs past the end of the file (truncated archive?)", offset: header)
        }
        let budget = min(entryLimit, totalLimit - inflatedSoFar)
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize <= budget else {
                throw Self.error("docx.zip-too-large", "\(entry.name) is larger than the \(entryLimit)-byte limit", offset: header)
            }
            output = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            switch Deflate.decompress(bytes, range: start..<(start + entry.compressedSize), expectedSize: entry.size, limit: budget) {
            case .success(let inflated): output = inflated
            case .failure(.tooLarge):
                throw Self.error("docx.zip-too-large", "\(entry.name) inflates beyond the size limit (\(budget) bytes); refusing a possible zip bomb", offset: header)
            case .failure(.corrupt):
                throw Self.error("docx.zip-corrupt", "\(entry.name) is not valid DEFLATE data", offset: header)
            }
        default:
            throw Self.error("docx.zip-method", "\(entry.name) uses compression method \(entry.method); only STORE and DEFLATE are supported", offset: header)
        }
        inflatedSoFar += output.count
        guard CRC32.checksum(output) == entry.crc else {
            throw SpineError.malformed("docx.zip-crc", "\(entry.name) fails its CRC-32 check (damaged archive)", at: SourceLocation(path: where_))
        }
        return output
    }

    // MARK: - Parsing helpers

    /// Finds the end-of-central-directory record, scanning back over a possible comment.
    private static func findEndRecord(_ bytes: [UInt8]) throws(SpineError) -> Int {
        guard bytes.count >= 22 else {
            throw error("docx.zip-truncated", "The file is too short to be a ZIP archive (\(bytes.count) bytes)", offset: 0)
        }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4b, bytes[position + 2] == 5, bytes[position + 3] == 6 {
                return position
            }
            position -= 1
        }
        throw error("docx.zip-truncated", "No ZIP end-of-central-directory record found (not a .docx, or truncated)", offset: bytes.count)
    }

    private static func error(_ code: String, _ message: String, offset: Int) -> SpineError {
        .malformed(code, message, at: SourceLocation(path: "byte offset \(offset)"))
    }

    private func read16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func read32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
