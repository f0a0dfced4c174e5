import ResourceModel

// TEMPORARY registration group, merged into AllRules.swift when the catalog is complete.
let quantityRules: [any Rule.Type] = [
  NonStringResourceValueRule.self,
  MemoryMilliSuffixRule.self,
  CPUSuffixConfusionRule.self,
  SubMillicoreCPURule.self,
  GPURequestLimitMismatchRule.self,
  FractionalGPURule.self,
  ZeroOrEmptyQuantityRule.self,
  NegativeQuantityRule.self,
]
