import ResourceModel

// TEMPORARY registration group, merged into AllRules.swift when the catalog is complete.
let platformRules: [any Rule.Type] = [
  ExceedsPlatformLimitRule.self,
  NonstandardResourceNameRule.self,
  ExtendedResourceRule.self,
  FlyteConfigSchemaRule.self,
  MissingRequestsRule.self,
  MissingLimitsRule.self,
]
