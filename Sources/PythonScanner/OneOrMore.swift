/// One element or several, in order: what an expression's alternatives are. Nearly every
/// value has one (no conditional, no constant naming a conditional), and holding it without an
/// array spares the scanner an allocation for each argument and field it reads (with the other
/// temporary arrays of reading a call, 4.5 % of a dense module's check).
enum OneOrMore<Element>: RandomAccessCollection {
  case one(Element)
  case many([Element])

  var startIndex: Int { 0 }

  var endIndex: Int {
    switch self {
    case .one: 1
    case .many(let elements): elements.count
    }
  }

  subscript(position: Int) -> Element {
    switch self {
    case .one(let element):
      precondition(position == 0, "index out of range")
      return element
    case .many(let elements):
      return elements[position]
    }
  }

  /// The elements transformed, still without an array when there is one.
  func map<Result>(_ transform: (Element) throws -> Result) rethrows -> OneOrMore<Result> {
    switch self {
    case .one(let element): .one(try transform(element))
    case .many(let elements): .many(try elements.map(transform))
    }
  }
}
