// zlib wrappers: raw DEFLATE (ZIP method 8), bounded INFLATE and CRC-32.

import CZlib

/// Raw DEFLATE streams (no zlib header, window bits -15) as ZIP stores them.
enum Deflate {
    /// Compresses `input` in one pass; nil only if zlib itself fails.
    static func compress(_ input: [UInt8], level: Int32) -> [UInt8]? {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                       ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var produced = 0
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = deflate(&stream, Z_FINISH)
                produced = target.count - Int(stream.avail_out)
                return result
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(produced...)
        return output
    }

    /// Why inflating failed.
    enum InflateFailure: Error {
        /// The data is not a valid DEFLATE stream (or ends early).
        case corrupt
        /// The output would exceed the given limit (a zip bomb or a lying header).
        case tooLarge
    }

    /// Decompresses `input[range]`, producing at most `limit` bytes.
    static func decompress(_ input: [UInt8], range: Range<Int>, expectedSize: Int, limit: Int) -> Result<[UInt8], InflateFailure> {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.corrupt)
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(max(expectedSize, 1024), limit))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        return input.withUnsafeBufferPointer { whole -> Result<[UInt8], InflateFailure> in
            guard let base = whole.baseAddress else { return .failure(.corrupt) }
            stream.next_in = UnsafeMutablePointer(mutating: base + range.lowerBound)
            stream.avail_in = uInt(range.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                if output.count + produced > limit { return .failure(.tooLarge) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END: return .success(output)
                case Z_OK: continue
                case Z_BUF_ERROR where produced > 0: continue
                default: return .failure(.corrupt)
                }
            }
        }
    }
}

/// CRC-32 (ISO 3309, the ZIP checksum).
enum CRC32 {
    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        checksum(bytes, range: 0..<bytes.count)
    }

    /// The CRC-32 of `bytes[range]`.
    static func checksum(_ bytes: [UInt8], range: Range<Int>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
            var crc = crc32(0, nil, 0)
            var offset = range.lowerBound
            // zlib takes a 32-bit length; feed large inputs in slices.
            while offset < range.upperBound {
                let length = min(range.upperBound - offset, 1 << 30)
                crc = crc32(crc, base + offset, uInt(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
