import ResourceModel

/// Every rule. A test checks that each `*Rule.swift` file in `Rules/` is listed here.
public let allRules: [any Rule.Type] =
  [
    ParseErrorRule.self,
    LimitBelowRequestRule.self,
    BareIntegerMemoryRule.self,
    GPUWithoutAcceleratorRule.self,
    InvalidQuantityRule.self,
  ] + quantityRules + flytekitRules + platformRules
