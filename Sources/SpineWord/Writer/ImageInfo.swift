// Image file sniffing: type and pixel size from PNG, JPEG, GIF and BMP headers.

/// What Spine needs to embed an image: its type and intrinsic size.
struct ImageInfo: Equatable {
    /// File extension for the media part (`png`, `jpeg`, `gif`, `bmp`).
    var ext: String
    var contentType: String
    var width: Int
    var height: Int

    /// Sniffs `bytes`; nil when the format is not one Word displays or the header is damaged.
    static func detect(_ bytes: [UInt8]) -> ImageInfo? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le32(_ i: Int) -> Int { le16(i) | le16(i + 2) << 16 }
        if bytes.count >= 24, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47 {
            return valid(ImageInfo(ext: "png", contentType: "image/png", width: be32(16), height: be32(20)))
        }
        if bytes.count >= 10, bytes[0] == 0x47, bytes[1] == 0x49, bytes[2] == 0x46 {
            return valid(ImageInfo(ext: "gif", contentType: "image/gif", width: le16(6), height: le16(8)))
        }
        if bytes.count >= 26, bytes[0] == 0x42, bytes[1] == 0x4D {
            return valid(ImageInfo(ext: "bmp", contentType: "image/bmp", width: le32(18), height: abs(Int(Int32(truncatingIfNeeded: le32(22))))))
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            // Walk the JPEG segments to the first start-of-frame marker.
            var index = 2
            while index + 9 < bytes.count {
                guard bytes[index] == 0xFF else { return nil }
                let marker = bytes[index + 1]
                if marker == 0xFF { index += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
                let length = be16(index + 2)
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    return valid(ImageInfo(ext: "jpeg", contentType: "image/jpeg", width: be16(index + 7), height: be16(index + 5)))
                }
                guard length >= 2 else { return nil }
                index += 2 + length
            }
        }
        return nil
    }

    private static func valid(_ info: ImageInfo) -> ImageInfo? {
        info.width > 0 && info.height > 0 && info.width < 100_000 && info.height < 100_000 ? info : nil
    }
}
