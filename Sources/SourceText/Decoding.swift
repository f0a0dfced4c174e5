/// Checks that decide whether a file can be read as text at all.
public enum TextCheck {
  /// The reason `bytes` is not UTF-8 text a scanner can read, with the byte offset of the
  /// first problem, or nil when it is fine.
  public static func problem(in bytes: [UInt8]) -> (offset: Int, message: String)? {
    bytes.withUnsafeBytes { problem(in: $0) }
  }

  /// `problem(in:)` for bytes in memory the caller owns.
  public static func problem(in raw: UnsafeRawBufferPointer) -> (offset: Int, message: String)? {
    if raw.count >= 2
      && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF))
    {
      return (0, "file is UTF-16 encoded (byte order mark); only UTF-8 is supported")
    }
    return raw.withMemoryRebound(to: UInt8.self) { buffer -> (Int, String)? in
      var index = 0
      let count = buffer.count
      while index < count {
        // Fast path: 64, then 8 bytes at a time while they are ASCII without NUL, which is
        // nearly all source text (this loop reads every byte of every file, so it must be cheap).
        // `b | (b - 1)` has its high bit set exactly when `b` is 0 or non-ASCII; computed on
        // 16-byte vectors it is two SSE2 instructions per 16 bytes.
        let ones = SIMD16<UInt8>(repeating: 1)
        while index + 64 <= count {
          let first = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
          let second = raw.loadUnaligned(fromByteOffset: index + 16, as: SIMD16<UInt8>.self)
          let third = raw.loadUnaligned(fromByteOffset: index + 32, as: SIMD16<UInt8>.self)
          let fourth = raw.loadUnaligned(fromByteOffset: index + 48, as: SIMD16<UInt8>.self)
          let flags =
            (first | (first &- ones)) | (second | (second &- ones))
            | (third | (third &- ones)) | (fourth | (fourth &- ones))
          let halves = unsafeBitCast(flags, to: (UInt64, UInt64).self)
          if (halves.0 | halves.1) & 0x8080_8080_8080_8080 != 0 { break }
          index += 64
        }
        if index == count { break }
        let high: UInt64 = 0x8080_8080_8080_8080
        if index + 8 <= count {
          let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          if (word | (word &- 0x0101_0101_0101_0101)) & high == 0 {
            index += 8
            continue
          }
        }
        let byte = buffer[index]
        if byte < 0x80 {
          if byte == 0 { return (index, "file contains a NUL byte (binary file?)") }
          index += 1
          continue
        }
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch byte {
        case 0xC2...0xDF:
          length = 2
          minimum = 0x80
          scalar = UInt32(byte & 0x1F)
        case 0xE0...0xEF:
          length = 3
          minimum = 0x800
          scalar = UInt32(byte & 0x0F)
        case 0xF0...0xF4:
          length = 4
          minimum = 0x10000
          scalar = UInt32(byte & 0x07)
        default:
          return (index, "invalid UTF-8 byte 0x\(hex(byte))")
        }
        for offset in 1..<length {
          guard index + offset < count else {
            return (index, "truncated UTF-8 sequence at end of file")
          }
          let next = buffer[index + offset]
          if next & 0xC0 != 0x80 {
            return (index, "invalid UTF-8 sequence starting with 0x\(hex(byte))")
          }
          scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
          return (index, "invalid UTF-8 sequence starting with 0x\(hex(byte))")
        }
        index += length
      }
      return nil
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}
