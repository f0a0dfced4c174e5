#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file could not be written: the step that failed and the system's reason
/// (`rename failed: Permission denied`), for messages that name the file themselves.
public struct AtomicWriteError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// Writes whole files so that a reader (or a crash) sees either the old content or the new one,
/// never half of one: the text goes to a temporary file in the same directory (a rename is
/// atomic only within one file system), is flushed to disk, then renamed over the target.
/// Baselines and `check --output-file` reports are written this way, and so are files that
/// `check --fix` corrects (`replace(_:at:)`, which keeps their permissions).
public enum AtomicFile {
  public static func write(_ text: String, to path: String) throws(AtomicWriteError) {
    // mkstemp creates the file readable by its owner only; these files are shared (a baseline
    // is committed, a report is read by other tools), so they get the usual permissions.
    try write(bytes: Array(text.utf8), to: path, permissions: 0o644)
  }

  /// Replaces the existing file at `path` with `bytes`, keeping its permission bits (an
  /// executable script stays executable, a private file private). A symbolic link is written
  /// through: its target is replaced and the link stays a link.
  public static func replace(_ bytes: [UInt8], at path: String) throws(AtomicWriteError) {
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    var status = stat()
    guard stat(target, &status) == 0 else {
      throw AtomicWriteError(description: "stat failed: \(ReadError(errno: errno).description)")
    }
    try write(bytes: bytes, to: target, permissions: status.st_mode & 0o7777)
  }

  private static func write(bytes: [UInt8], to path: String, permissions: mode_t)
    throws(AtomicWriteError)
  {
    let (directory, name) = split(path)
    guard !name.isEmpty else { throw AtomicWriteError(description: "not a file name") }
    func failure(_ step: String, _ code: Int32) -> AtomicWriteError {
      AtomicWriteError(description: "\(step): \(ReadError(errno: code).description)")
    }
    var template = Array((directory + "/." + name + ".tmp-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard descriptor >= 0 else { throw failure("cannot create a temporary file", errno) }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var committed = false
    defer { if !committed { unlink(temporary) } }

    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        posixWrite(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        throw failure("write failed", code)
      }
      offset += written
    }
    _ = fchmod(descriptor, permissions)
    if fsync(descriptor) != 0 {
      let code = errno
      close(descriptor)
      throw failure("fsync failed", code)
    }
    guard close(descriptor) == 0 else { throw failure("close failed", errno) }
    guard rename(temporary, path) == 0 else { throw failure("rename failed", errno) }
    committed = true
    // Make the rename itself durable; a failure here does not undo a completed rename.
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  /// Why `path` could not be written, found before any work is done, so that a run that would
  /// fail at its end fails at once instead: its directory is missing, not a directory, or not
  /// writable, or `path` is a directory. nil when a write may succeed.
  public static func problem(writing path: String) -> String? {
    let (directory, name) = split(path)
    if name.isEmpty { return "not a file name" }
    switch FileSystem.kind(of: directory, followingSymlinks: true) {
    case .missing: return "directory \(directory) does not exist"
    case .directory: break
    default: return "\(directory) is not a directory"
    }
    if FileSystem.kind(of: path, followingSymlinks: true) == .directory { return "is a directory" }
    // The temporary file is created in the directory, so the directory must be writable.
    if access(directory, W_OK | X_OK) != 0 { return ReadError(errno: errno).description }
    return nil
  }

  /// The directory a file is created in and its name: `a/b.json` → (`a`, `b.json`).
  private static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = slash == path.startIndex ? "/" : String(path[..<slash])
    return (directory, String(path[path.index(after: slash)...]))
  }
}

/// The C `write`, under a name that no `write` method in scope shadows.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
