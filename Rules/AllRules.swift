import ResourceModel

/// Every rule, in code order. A test checks that each `*Rule.swift` file in `Rules/` is listed.
public let allRules: [any Rule.Type] = [
  ParseErrorRule.self,
  LimitBelowRequestRule.self,
  BareIntegerMemoryRule.self,
  GPUWithoutAcceleratorRule.self,
  InvalidQuantityRule.self,
]
