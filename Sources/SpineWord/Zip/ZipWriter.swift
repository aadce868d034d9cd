// Writes ZIP archives (PKWARE APPNOTE 6.3): local headers, central directory, UTF-8 names.

import SpineCore

/// Builds a ZIP archive in memory. Entries are written in the order added; names are UTF-8
/// (general-purpose flag bit 11). No ZIP64: an archive over 4 GiB is refused.
struct ZipWriter {
    /// How an entry is stored.
    enum Method: UInt16 {
        case store = 0
        case deflate = 8
    }

    /// A DOS date and time, the only timestamp plain ZIP headers carry.
    struct DOSTimestamp: Equatable {
        var date: UInt16
        var time: UInt16
        /// 1980-01-01 00:00, the earliest DOS date: Spine's fixed timestamp for reproducible output.
        static let epoch = DOSTimestamp(date: (0 << 9) | (1 << 5) | 1, time: 0)

        /// The timestamp for a calendar date and time (years 1980–2107).
        init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            let y = UInt16(clamping: max(0, min(127, year - 1980)))
            date = (y << 9) | (UInt16(clamping: month) << 5) | UInt16(clamping: day)
            time = (UInt16(clamping: hour) << 11) | (UInt16(clamping: minute) << 5) | UInt16(clamping: second / 2)
        }

        init(date: UInt16, time: UInt16) {
            self.date = date
            self.time = time
        }
    }

    private struct CentralRecord {
        var name: [UInt8]
        var method: Method
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var offset: Int
    }

    private(set) var bytes: [UInt8] = []
    private var records: [CentralRecord] = []
    /// Timestamp stamped on every entry.
    var timestamp: DOSTimestamp = .epoch
    /// zlib level for deflated entries (1 fastest … 9 smallest).
    var level: Int32 = 6

    /// Adds one file. Deflated data falls back to STORE when compression does not help.
    mutating func add(name: String, data: [UInt8], method: Method) throws(SpineError) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        var payload = data
        var actualMethod = Method.store
        if method == .deflate, data.count > 64, let packed = Deflate.compress(data, level: level), packed.count < data.count {
            payload = packed
            actualMethod = .deflate
        }
        let offset = bytes.count
        guard offset < Int(UInt32.max) - payload.count - 1024, data.count < Int(UInt32.max) else {
            throw SpineError(.unsupported, code: "docx.zip-too-large", "The package exceeds 4 GiB, which needs ZIP64 (not supported)")
        }
        // Local file header.
        append32(0x0403_4b50)
        append16(20)                          // version needed: 2.0 (deflate)
        append16(0x0800)                      // flags: UTF-8 names
        append16(actualMethod.rawValue)
        append16(timestamp.time)
        append16(timestamp.date)
        append32(crc)
        append32(UInt32(payload.count))
        append32(UInt32(data.count))
        append16(UInt16(clamping: nameBytes.count))
        append16(0)                           // extra field length
        bytes.append(contentsOf: nameBytes)
        bytes.append(contentsOf: payload)
        records.append(CentralRecord(name: nameBytes, method: actualMethod, crc: crc,
                                     compressedSize: payload.count, size: data.count, offset: offset))
    }

    /// Appends the central directory and end record, returning the archive.
    mutating func finish() -> [UInt8] {
        let directoryOffset = bytes.count
        for record in records {
            append32(0x0201_4b50)
            append16(20)                      // made by: MS-DOS / spec 2.0
            append16(20)                      // version needed
            append16(0x0800)
            append16(record.method.rawValue)
            append16(timestamp.time)
            append16(timestamp.date)
            append32(record.crc)
            append32(UInt32(record.compressedSize))
            append32(UInt32(record.size))
            append16(UInt16(clamping: record.name.count))
            append16(0)                       // extra
            append16(0)                       // comment
            append16(0)                       // disk number start
            append16(0)                       // internal attributes
            append32(0)                       // external attributes
            append32(UInt32(record.offset))
            bytes.append(contentsOf: record.name)
        }
        let directorySize = bytes.count - directoryOffset
        append32(0x0605_4b50)
        append16(0)
        append16(0)
        append16(UInt16(clamping: records.count))
        append16(UInt16(clamping: records.count))
        append32(UInt32(directorySize))
        append32(UInt32(directoryOffset))
        append16(0)                           // comment length
        return bytes
    }

    // MARK: - Little-endian helpers

    private mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xff))
        bytes.append(UInt8(value >> 8))
    }

    private mutating func append32(_ value: UInt32) {
        bytes.append(UInt8(value & 0xff))
        bytes.append(UInt8((value >> 8) & 0xff))
        bytes.append(UInt8((value >> 16) & 0xff))
        bytes.append(UInt8(value >> 24))
    }
}
