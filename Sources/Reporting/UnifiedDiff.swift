/// A unified diff of one file, as `diff -u` writes it and `patch` reads it: what `check --diff`
/// prints.
///
/// Lines are compared as bytes with their line ends (a CRLF line stays a CRLF line in the
/// diff, so the patch reproduces the file exactly); a last line without a line end is marked
/// `\ No newline at end of file`. The headers are git's `a/PATH` and `b/PATH`, for `patch -p1`
/// or `git apply`.
public enum UnifiedDiff {
  /// Lines of context around each change.
  public static let context = 3

  /// The diff from `old` to `new`, empty when they are equal.
  public static func render(path: String, old: [UInt8], new: [UInt8]) -> String {
    guard old != new else { return "" }
    let before = lines(old)
    let after = lines(new)
    let script = edits(before, after)
    var out = "--- a/\(path)\n+++ b/\(path)\n"
    for hunk in hunks(script) {
      out += hunkText(hunk, script: script, before: before, after: after)
    }
    return out
  }

  /// The lines of `bytes`, each with its line end, split where `patch` splits them: at `\n`
  /// (a CRLF line keeps its `\r`; a lone `\r` does not end a line for it).
  public static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0A {
        result.append(bytes[start...index])
        start = index + 1
      }
      index += 1
    }
    if start < bytes.count { result.append(bytes[start...]) }
    return result
  }

  enum Step: Equatable {
    case same(Int, Int)
    case delete(Int)
    case insert(Int)
  }

  /// The shortest edit script from `a` to `b` (Myers' O(ND) algorithm: fixes change few lines,
  /// so D is small even in a large file).
  static func edits(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Step] {
    let n = a.count
    let m = b.count
    let max = n + m
    let offset = max + 1
    var frontier = [Int](repeating: 0, count: 2 * max + 3)
    var trace: [[Int]] = []
    var found = false
    for d in 0...max {
      trace.append(frontier)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
          x = frontier[offset + k + 1]
        } else {
          x = frontier[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        frontier[offset + k] = x
        if x >= n && y >= m {
          found = true
          break
        }
      }
      if found { break }
    }
    // Walk the trace back from the end to recover the path.
    var steps: [Step] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let previous = trace[d]
      let k = x - y
      let previousK: Int
      if k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1]) {
        previousK = k + 1
      } else {
        previousK = k - 1
      }
      let previousX = d == 0 ? 0 : previous[offset + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        steps.append(.same(x, y))
      }
      if d > 0 {
        if x == previousX {
          steps.append(.insert(previousY))
        } else {
          steps.append(.delete(previousX))
        }
      }
      x = previousX
      y = previousY
    }
    return steps.reversed()
  }

  /// Ranges of the script to print as hunks: each change with `context` unchanged steps
  /// around it, neighbouring ranges merged.
  static func hunks(_ script: [Step]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for (index, step) in script.enumerated() {
      if case .same = step { continue }
      let range = Swift.max(0, index - context)..<Swift.min(script.count, index + context + 1)
      if let last = ranges.last, last.upperBound >= range.lowerBound {
        ranges[ranges.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
      } else {
        ranges.append(range)
      }
    }
    return ranges
  }

  private static func hunkText(
    _ hunk: Range<Int>, script: [Step], before: [ArraySlice<UInt8>], after: [ArraySlice<UInt8>]
  ) -> String {
    // Where the hunk starts in each file: the first line of either side it covers.
    var oldStart = 0
    var newStart = 0
    for step in script[..<hunk.lowerBound] {
      switch step {
      case .same: (oldStart, newStart) = (oldStart + 1, newStart + 1)
      case .delete: oldStart += 1
      case .insert: newStart += 1
      }
    }
    var oldCount = 0
    var newCount = 0
    var body = ""
    for step in script[hunk] {
      switch step {
      case .same(let old, _):
        oldCount += 1
        newCount += 1
        body += line(" ", before[old])
      case .delete(let old):
        oldCount += 1
        body += line("-", before[old])
      case .insert(let new):
        newCount += 1
        body += line("+", after[new])
      }
    }
    // An empty side's start is the line before it (diff's convention), 0 at the very start.
    let oldFrom = oldCount == 0 ? oldStart : oldStart + 1
    let newFrom = newCount == 0 ? newStart : newStart + 1
    return "@@ -\(oldFrom),\(oldCount) +\(newFrom),\(newCount) @@\n" + body
  }

  private static func line(_ marker: String, _ bytes: ArraySlice<UInt8>) -> String {
    let text = marker + String(decoding: bytes, as: UTF8.self)
    let last = bytes.last
    return last == 0x0A ? text : text + "\n\\ No newline at end of file\n"
  }
}
