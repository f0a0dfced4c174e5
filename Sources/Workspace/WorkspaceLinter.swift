import Dispatch
import FileIO
import Linting
import ResourceModel
import Synchronization

extension Linter {
  /// Walks `paths` and lints the files while the walk goes on: this thread walks and hands
  /// batches of files to the worker threads, so the cores lint instead of waiting for the
  /// whole list (on a big tree the walk alone takes a tenth of the run). Results are in no
  /// particular order; the files counted are those linted, without the unreadable paths.
  public func lint(discovering paths: [String], selector: FileSelector?) throws
    -> (results: [FileResult], unreadable: [(path: String, reason: String)], files: Int)
  {
    let collected = ResultCollector()
    let group = DispatchGroup()
    let linter = self
    // Small enough that both cores get work early and finish together, large enough that
    // queueing costs nothing next to reading and checking the files.
    let batchSize = 32
    var batch: [InputFile] = []
    var count = 0
    func dispatch() {
      let files = batch
      batch.removeAll(keepingCapacity: true)
      DispatchQueue.global().async(group: group) {
        let buffer = ReadBuffer()
        let results = files.map { linter.lint($0, reading: buffer) }
        collected.append(results)
      }
    }
    let unreadable: [(path: String, reason: String)]
    do {
      unreadable = try Discovery.forEachFile(in: paths, selector: selector) { file in
        batch.append(file)
        count += 1
        if batch.count == batchSize { dispatch() }
      }
    } catch {
      group.wait()
      throw error
    }
    if !batch.isEmpty { dispatch() }
    group.wait()
    return (collected.take(), unreadable, count)
  }

}

/// Results handed back by worker threads.
private final class ResultCollector: Sendable {
  private let results = Mutex<[FileResult]>([])

  func append(_ more: [FileResult]) {
    results.withLock { $0.append(contentsOf: more) }
  }

  func take() -> [FileResult] {
    results.withLock { results in
      defer { results = [] }
      return results
    }
  }
}
