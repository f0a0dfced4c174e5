#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin POSIX helpers: the engine reads each file exactly once, with no Foundation.
enum FileSystem {
  enum Kind {
    case regular
    case directory
    case symlink
    case other
    case missing
  }

  /// What `path` is, without following a final symlink.
  static func kind(of path: String, followingSymlinks: Bool = false) -> Kind {
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
  static func entries(of directory: String) -> Result<[String], ReadError> {
    guard let handle = opendir(directory) else { return .failure(ReadError(errno: errno)) }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
        let bytes = raw.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return .success(names.sorted())
  }

  /// The whole content of a regular file.
  static func contents(of path: String) -> Result<[UInt8], ReadError> {
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
      bytes.append(contentsOf: more)
      if more.count < capacity - filled { break }
      capacity *= 2
    }
    return .success(bytes)
  }
}

/// Why a file or directory could not be read.
struct ReadError: Error, CustomStringConvertible {
  var description: String

  init(message: String) { description = message }

  init(errno code: Int32) {
    if let text = strerror(code) {
      description = String(cString: text)
    } else {
      description = "error \(code)"
    }
  }
}
