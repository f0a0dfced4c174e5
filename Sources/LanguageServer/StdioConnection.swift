#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a `LanguageServer` over standard input and output until `exit` or the end of input.
public enum StdioConnection {
  /// Serves until the client sends `exit` (0 after `shutdown`, 1 without) or closes standard
  /// input (1 unless `shutdown` was received: an editor that vanished did not shut us down).
  public static func run(version: String) -> Int32 {
    // A client that goes away mid-write must end the loop through `write`'s error, not kill
    // the process with a signal.
    signal(SIGPIPE, SIG_IGN)
    let server = LanguageServer(
      version: version, send: { writeAll($0, to: STDOUT_FILENO) },
      log: { writeAll(Array("resourcelint server: \($0)\n".utf8), to: STDERR_FILENO) })
    var framer = MessageFramer()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while server.exitCode == nil {
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return server.exitedCleanly ? 0 : 1 }
      framer.append(buffer[0..<count])
      while server.exitCode == nil, let item = framer.next() { server.receive(item) }
    }
    return server.exitCode ?? 1
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }
}
