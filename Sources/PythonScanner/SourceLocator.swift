import ResourceModel
import SourceText

/// Byte offsets to locations in O(block) time, even on a 1 MB line.
///
/// `SourceFile.location(ofByte:)` counts scalars from the start of the line, which is quadratic
/// when a long line holds many declarations. This keeps the number of scalars before every
/// 64-byte block and counts only within one block.
struct SourceLocator {
  private static let blockShift = 6
  let file: SourceFile
  private let scalarsBeforeBlock: [Int]

  init(_ file: SourceFile) {
    self.file = file
    var counts: [Int] = []
    counts.reserveCapacity(file.bytes.count >> SourceLocator.blockShift + 1)
    var running = 0
    file.bytes.withUnsafeBufferPointer { buffer in
      for (index, byte) in buffer.enumerated() {
        if index & ((1 << SourceLocator.blockShift) - 1) == 0 { counts.append(running) }
        if byte & 0xC0 != 0x80 { running += 1 }
      }
    }
    counts.append(running)
    scalarsBeforeBlock = counts
  }

  private func scalars(before offset: Int) -> Int {
    let clamped = max(0, min(offset, file.bytes.count))
    let block = clamped >> SourceLocator.blockShift
    var count = scalarsBeforeBlock[min(block, scalarsBeforeBlock.count - 1)]
    file.bytes.withUnsafeBufferPointer { buffer in
      var index = block << SourceLocator.blockShift
      while index < clamped {
        if buffer[index] & 0xC0 != 0x80 { count += 1 }
        index += 1
      }
    }
    return count
  }

  func location(_ offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, file.bytes.count))
    let line = file.lineIndex(ofByte: clamped)
    let lineStart = file.lineStarts[line]
    let column =
      clamped >= lineStart ? scalars(before: clamped) - scalars(before: lineStart) + 1 : 1
    return SourceLocation(line: line + 1, column: column)
  }

  func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(start: location(start), end: location(max(start, end)))
  }
}
