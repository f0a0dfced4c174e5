import ResourceModel

// TEMPORARY registration group, merged into AllRules.swift when the catalog is complete.
let flytekitRules: [any Rule.Type] = [
  AcceleratorWithoutGPURule.self,
  InvalidAcceleratorReferenceRule.self,
  ResourcesMixedWithRequestsLimitsRule.self,
  TupleOutsideResourcesRule.self,
  MalformedResourcesArgumentRule.self,
  OverrideRequestsWithoutLimitsRule.self,
  PodTemplateResourcesShadowedRule.self,
  PodTemplatePrimaryContainerMissingRule.self,
  PluginPodTemplateIgnoredRule.self,
]
