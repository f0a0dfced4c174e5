/// Checks that decide whether a file can be read as text at all.
public enum TextCheck {
  /// The reason `bytes` is not UTF-8 text a scanner can read, with the byte offset of the
  /// first problem, or nil when it is fine.
  public static func problem(in bytes: [UInt8]) -> (offset: Int, message: String)? {
    if bytes.count >= 2
      && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    {
      return (0, "file is UTF-16 encoded (byte order mark); only UTF-8 is supported")
    }
    return bytes.withUnsafeBufferPointer { buffer -> (Int, String)? in
      var index = 0
      let count = buffer.count
      while index < count {
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
