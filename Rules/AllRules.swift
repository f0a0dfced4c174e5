import ResourceModel

/// Every rule, in code order. A test checks that each `*Rule.swift` file in `Rules/` is listed.
public let allRules: [any Rule.Type] = [
  ParseErrorRule.self,  // RL000
  LimitBelowRequestRule.self,  // RL001
  BareIntegerMemoryRule.self,  // RL002
  GPUWithoutAcceleratorRule.self,  // RL003
  InvalidQuantityRule.self,  // RL004
  NonStringResourceValueRule.self,  // RL005
  MemoryMilliSuffixRule.self,  // RL006
  CPUSuffixConfusionRule.self,  // RL007
  SubMillicoreCPURule.self,  // RL008
  GPURequestLimitMismatchRule.self,  // RL009
  FractionalGPURule.self,  // RL010
  AcceleratorWithoutGPURule.self,  // RL011
  InvalidAcceleratorReferenceRule.self,  // RL012
  ResourcesMixedWithRequestsLimitsRule.self,  // RL013
  TupleOutsideResourcesRule.self,  // RL014
  MalformedResourcesArgumentRule.self,  // RL015
  OverrideRequestsWithoutLimitsRule.self,  // RL016
  ZeroOrEmptyQuantityRule.self,  // RL017
  NegativeQuantityRule.self,  // RL018
  PodTemplateResourcesShadowedRule.self,  // RL019
  PodTemplatePrimaryContainerMissingRule.self,  // RL020
  ExceedsPlatformLimitRule.self,  // RL021
  PluginPodTemplateIgnoredRule.self,  // RL022
  NonstandardResourceNameRule.self,  // RL023
  ExtendedResourceRule.self,  // RL024
  FlyteConfigSchemaRule.self,  // RL025
  MissingRequestsRule.self,  // RL026
  MissingLimitsRule.self,  // RL027
  UnusedSuppressionRule.self,  // RL028
  InvalidSuppressionRule.self,  // RL029
  MisplacedResourcesKeyRule.self,  // RL030
  Flyte2InvalidAcceleratorRule.self,  // RL031
  Flyte2PartitionWithoutMIGRule.self,  // RL032
  Flyte2OverrideReusableRule.self,  // RL033
  Flyte2PairLengthRule.self,  // RL034
  Flyte2SharedMemoryExceedsMemoryRule.self,  // RL035
  Flyte2InvalidResourceValueRule.self,  // RL036
  Flyte2InvalidEnvironmentRule.self,  // RL037
]
