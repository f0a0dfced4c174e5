#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin POSIX helpers: the engine reads each file exactly once, with no Foundation.
public enum FileSystem {
  public enum Kind {
    case regular
    case directory
    case symlink
    case other
    case missing
  }

  /// What `path` is, without following a final symlink.
  public static func kind(of path: String, followingSymlinks: Bool = false) -> Kind {
    var info = stat()
    let result = followingSymlinks ? stat(path, &info) : lstat(path, &info)
    guard result == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// The entries of a directory (without `.` and `..`), sorted for deterministic output.
  ///
  /// A name that is not valid UTF-8 cannot be spelt as a `String` path, so it is not among
  /// `names`: it is in `undecodable` (repaired with U+FFFD, for messages) when it is a directory
  /// or may be a file to lint, so that the walk reports it instead of silently skipping it.
  ///
  /// Each name comes with its kind when the directory entry tells it (`d_type`), which spares
  /// the walk one `lstat` per entry; nil when the file system does not say.
  public static func entries(
    of directory: String
  ) -> Result<(names: [(name: String, kind: Kind?)], undecodable: [String]), ReadError> {
    guard let handle = opendir(directory) else { return .failure(ReadError(errno: errno)) }
    defer { closedir(handle) }
    var names: [(name: String, kind: Kind?)] = []
    var undecodable: [String] = []
    while let entry = readdir(handle) {
      // Read in place: most names are valid UTF-8 and need no copy of their bytes.
      let validated = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
        let length = raw.firstIndex(of: 0) ?? raw.count
        return String(validating: raw[..<length], as: UTF8.self)
      }
      guard let name = validated else {
        let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          Array(raw.prefix { $0 != 0 })
        }
        let repaired = String(decoding: bytes, as: UTF8.self)
        let type = entry.pointee.d_type
        if type == UInt8(DT_DIR) || (type != UInt8(DT_LNK) && FileLanguage(path: repaired) != nil) {
          undecodable.append(repaired)
        }
        continue
      }
      if name != "." && name != ".." {
        names.append((name, kind(ofEntryType: entry.pointee.d_type)))
      }
    }
    names.sort { $0.name < $1.name }
    return .success((names, undecodable.sorted()))
  }

  /// What a directory entry's `d_type` says, or nil for `DT_UNKNOWN`.
  private static func kind(ofEntryType type: UInt8) -> Kind? {
    switch Int(type) {
    case Int(DT_REG): return .regular
    case Int(DT_DIR): return .directory
    case Int(DT_LNK): return .symlink
    case Int(DT_UNKNOWN): return nil
    default: return .other
    }
  }

  /// Why a symbolic link cannot be followed: it loops, or its target does not exist.
  public static func brokenLinkReason(_ path: String) -> String {
    var info = stat()
    return stat(path, &info) != 0 && errno == ELOOP
      ? "symbolic link loop" : "dangling symbolic link"
  }

  /// The whole content of a regular file.
  public static func contents(of path: String) -> Result<[UInt8], ReadError> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(ReadError(errno: errno)) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return .failure(ReadError(errno: errno)) }
    guard info.st_mode & S_IFMT == S_IFREG else {
      return .failure(ReadError(message: "not a regular file"))
    }
    // Read straight into the final array: no zero-filled staging buffer, no copy. The size
    // from fstat is a hint; a file that grows while being read is read to its end.
    var bytes: [UInt8] = []
    var capacity = Int(info.st_size) + 1
    while true {
      let filled = bytes.count
      var failure: Int32 = 0
      let more = [UInt8](unsafeUninitializedCapacity: capacity - filled) { buffer, count in
        count = 0
        while count < buffer.count {
          let result = read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
          if result < 0 {
            if errno == EINTR { continue }
            failure = errno
            return
          }
          if result == 0 { break }
          count += result
        }
      }
      if failure != 0 { return .failure(ReadError(errno: failure)) }
      // The first read is nearly always the whole file: keep its array instead of copying it.
      if bytes.isEmpty { bytes = more } else { bytes.append(contentsOf: more) }
      if more.count < capacity - filled { break }
      capacity *= 2
    }
    return .success(bytes)
  }
}

/// Why a file or directory could not be read.
public struct ReadError: Error, CustomStringConvertible {
  public var description: String

  public init(message: String) { description = message }

  public init(errno code: Int32) {
    if let text = strerror(code) {
      description = String(cString: text)
    } else {
      description = "error \(code)"
    }
  }
}

/// A worker's buffer for reading files. Most files of a tree are rejected by the prefilter
/// straight from it, so they cost no allocation of their own (an allocation and release of a
/// few kilobytes per file was a tenth of all instructions on a big tree).
public final class ReadBuffer {
  private var storage: UnsafeMutableRawBufferPointer
  /// Larger files are read into arrays of their own, so that one big file does not keep its
  /// size of memory for the rest of the run.
  public static let largestFile = 1 << 20

  public init() {
    storage = .allocate(byteCount: 64 << 10, alignment: 16)
  }

  deinit {
    storage.deallocate()
  }

  /// The whole content of the regular file at `path`, valid until the next read; nil when it
  /// cannot be read this way (then `FileSystem.contents(of:)` reads it or says why not).
  public func read(_ path: String) -> UnsafeRawBufferPointer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      info.st_size < ReadBuffer.largestFile
    else { return nil }
    if storage.count <= Int(info.st_size) { grow(to: Int(info.st_size) + 1, keeping: 0) }
    var filled = 0
    while true {
      if filled == storage.count {
        // The file is larger than fstat said: read it to its end all the same.
        guard filled < ReadBuffer.largestFile else { return nil }
        grow(to: storage.count * 2, keeping: filled)
      }
      guard let base = storage.baseAddress else { return nil }
      let result = systemRead(descriptor, base + filled, storage.count - filled)
      if result < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if result == 0 { break }
      filled += result
      // The size fstat gave has been read: asking again only to be told "end of file" would
      // cost every file a system call. (An empty size, as some special file systems report,
      // is not trusted.)
      if filled == Int(info.st_size) && filled > 0 { break }
    }
    return UnsafeRawBufferPointer(rebasing: storage[0..<filled])
  }

  private func grow(to count: Int, keeping filled: Int) {
    let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
    if filled > 0 {
      larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<filled]))
    }
    storage.deallocate()
    storage = larger
  }
}

/// `read(2)`, under a name that `ReadBuffer.read(_:)` does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}
