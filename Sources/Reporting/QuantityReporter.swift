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

extension QuantityReporter {
  /// What one written value means, for an editor's hover (Markdown): the exact amount in the
  /// resource's own unit when `key` is known (`1Gi` = 1,073,741,824 bytes, `500m` = 0.5 CPU),
  /// Kubernetes' stored value and canonical form; or why it is invalid, with the same
  /// explanation and did-you-mean as `quantity` and RL004.
  public static func hover(_ input: String, key: ResourceKey?) -> String {
    let shown = "`" + markdownCode(input) + "`"
    switch Quantity.parse(input) {
    case .failure(let error):
      let explanation = QuantityTypo.explanation(for: input, error: error, key: key)
      let subject = key.map { "**\($0.displayName)** " } ?? ""
      return "\(subject)\(shown) is invalid: \(explanation)"
    case .success(let quantity):
      var meaning = "\(shown) = "
      let amount = quantity.groupedValue ?? quantity.exactValue
      if let key, key.isByteSized {
        meaning += "\(amount) bytes"
        if quantity.byteDescription != "\(quantity.exactValue) B" {
          meaning += " (\(quantity.byteDescription))"
        }
      } else if key == .cpu {
        let plural = quantity.isWholeNumber && !quantity.isZero && quantity.exactValue != "1"
        meaning += "\(amount) \(plural ? "CPUs" : "CPU")"
      } else {
        meaning += amount
      }
      if let key { meaning = "**\(key.displayName)** " + meaning }
      return meaning + "\n\nKubernetes stores \(quantity.exactValue); canonical form `"
        + markdownCode(quantity.canonical) + "` (\(quantity.format.rawValue))."
    }
  }

  /// Backticks would end the code span early; a value holding one is shown with a look-alike.
  private static func markdownCode(_ text: String) -> String {
    Diagnostic.oneLine(text).replacing("`", with: "ˋ")
  }
}
