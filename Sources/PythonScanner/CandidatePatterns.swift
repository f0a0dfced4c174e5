import PCRE2

/// The two PCRE2 patterns that find candidate constructs before the tokenizer's stream is
/// searched: calls of the names the scanner understands, and decorator lines.
struct CandidatePatterns: Sendable {
  /// Calls of the names the scanner understands, however far the `(` is.
  ///
  /// The gap before `(` is possessive (`*+`): giving back blanks can never let `(` match, and a
  /// backtracking gap keeps one frame per byte, so a long run of blanks after a name (a 1 MB
  /// line) hit the match limit and silently ended the search for every later call.
  let callSites: Pattern
  /// Decorator lines.
  let decorators: Pattern
  /// An `import` or `from` followed on its line (or the lines a backslash joins to it) by one
  /// of `PythonScanner.importWords`' packages: where a module a declaration needs may be named.
  let packageImports: Pattern

  init() throws(PatternError) {
    try self.init(
      callSites:
        #"(?<![A-Za-z0-9_\x80-\xff])(?:Resources|ResourceSpec|V1ResourceRequirements|V1Container|"#
        + #"PodTemplate|with_overrides|ContainerTask|ShellTask|RawShellTask|NotebookTask|"#
        + #"PythonFunctionTask|PythonInstanceTask|Worker|Master|Launcher|Chief|PS|Evaluator|"#
        + #"HeadNodeConfig|WorkerNodeConfig|AutoscalerOptionsConfig|Scheduler|WorkerGroup|"#
        + #"TaskEnvironment|clone_with|override)"#
        + #"(?:[ \t\f\r\n]|\\\r?\n)*+\("#,
      decorators: #"^[ \t\f]*@"#,
      packageImports: #"\b(?:import|from)\b(?:\\\r?\n|[^\n])*?(?:flyte|union|kubernetes)"#)
  }

  /// Other sources, for tests of what the scanner does when a search fails.
  init(callSites: String, decorators: String, packageImports: String = "import")
    throws(PatternError)
  {
    self.callSites = try Pattern(callSites)
    self.decorators = try Pattern(decorators)
    self.packageImports = try Pattern(packageImports)
  }
}
