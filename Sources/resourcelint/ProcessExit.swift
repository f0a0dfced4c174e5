#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ends the process with `status`.
///
/// Inside a `ParsableCommand` a bare `exit(_:)` resolves to ArgumentParser's static
/// `exit(withError:)` family, so the C library's `exit` has to be named through its module —
/// which differs per platform. This is the one place that knows the module.
func terminateProcess(_ status: Int32) -> Never {
  #if canImport(Glibc)
    Glibc.exit(status)
  #elseif canImport(Darwin)
    Darwin.exit(status)
  #endif
}
