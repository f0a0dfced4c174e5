import ResourceModel

/// `resourcelint quantity`: what each value means, or why it is not a quantity.
public enum QuantityReporter {
  public static func json(_ inputs: [String]) -> String {
    JSON.array(
      inputs.map { input in
        switch Quantity.parse(input) {
        case .success(let quantity):
          return JSON.object([
            ("input", JSON.string(input)), ("valid", "true"),
            ("value", JSON.string(quantity.exactValue)),
            ("canonical", JSON.string(quantity.canonical)),
          ])
        case .failure(let error):
          return JSON.object([
            ("input", JSON.string(input)), ("valid", "false"),
            ("error", JSON.string(QuantityTypo.explanation(for: input, error: error))),
            ("kubernetes_error", JSON.string(error.kubernetesError)),
          ])
        }
      }) + "\n"
  }

  public static func text(_ inputs: [String]) -> String {
    inputs.map { input in
      switch Quantity.parse(input) {
      case .success(let quantity):
        var line = "\(JSON.string(input)): \(quantity.exactValue)"
        if let grouped = quantity.groupedValue, grouped != quantity.exactValue {
          line += " (\(grouped))"
        }
        line += "; as bytes \(quantity.byteDescription); canonical \(quantity.canonical)"
        line += " (\(quantity.format.rawValue))"
        return line + "\n"
      case .failure(let error):
        let explanation = QuantityTypo.explanation(for: input, error: error)
        return "\(JSON.string(input)): invalid: \(explanation)\n"
      }
    }.joined()
  }
}
