/// The tasks and container tasks of one file by name, as positions in its declarations.
///
/// An open-addressing table of positions keyed by the name's hash, where a lookup compares the
/// name against the declaration's own: the names are not copied. A dictionary from name to
/// position held a second copy of every name and cost a dense module (400,000 tasks) 24 MiB,
/// 60 bytes a declaration; this table is 4 bytes a slot, two slots a task.
struct TaskNameIndex: Sendable {
  /// The lookup answer for a name.
  enum Entry: Equatable {
    /// Exactly one task has the name, at this position.
    case task(Int)
    /// Several tasks share it: none of them is "the task" of that name.
    case shared
  }

  /// Positions into the declarations, `empty` where no task is; a position with `sharedBit`
  /// set means several tasks have its name.
  private var slots: [UInt32]
  private static let empty = UInt32.max
  private static let sharedBit: UInt32 = 1 << 31

  /// Indexes every task and container task with a name among `declarations`.
  init(_ declarations: [Declaration]) {
    slots = []
    // Read in place: a subscript of the array, or `count(where:)`'s test, copied each
    // declaration whole (retaining all it holds: 0.1 s of serial time on a dense module).
    declarations.withUnsafeBufferPointer { declarations in
      var count = 0
      for position in declarations.indices where Self.indexes(declarations[position].kind) {
        count += 1
      }
      // A power of two at least twice the tasks: probes stay short, and a mask finds the slot.
      var capacity = 1
      while capacity < 2 * count { capacity <<= 1 }
      slots = count == 0 ? [] : [UInt32](repeating: Self.empty, count: capacity)
      // Positions fit in 31 bits: a declaration takes over a hundred bytes, so 2^31 of them
      // cannot be in memory at once.
      for position in declarations.indices where position < Int(Self.sharedBit) {
        guard Self.indexes(declarations[position].kind), let name = declarations[position].name
        else { continue }
        insert(name, at: position, in: declarations)
      }
    }
  }

  /// Tasks and container tasks are indexed: what a rule may look up by name.
  private static func indexes(_ kind: DeclarationKind) -> Bool {
    kind == .task || kind == .containerTask
  }

  private mutating func insert(
    _ name: String, at position: Int, in declarations: UnsafeBufferPointer<Declaration>
  ) {
    let mask = slots.count - 1
    var slot = name.hashValue & mask
    while slots[slot] != Self.empty {
      let held = Int(slots[slot] & ~Self.sharedBit)
      if declarations[held].name == name {
        slots[slot] |= Self.sharedBit
        return
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = UInt32(position)
  }

  /// What the index holds for `name`, or nil when no task of the file has it.
  func entry(for name: String, in declarations: [Declaration]) -> Entry? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    var slot = name.hashValue & mask
    while slots[slot] != Self.empty {
      let held = Int(slots[slot] & ~Self.sharedBit)
      if declarations[held].name == name {
        return slots[slot] & Self.sharedBit != 0 ? .shared : .task(held)
      }
      slot = (slot + 1) & mask
    }
    return nil
  }
}
