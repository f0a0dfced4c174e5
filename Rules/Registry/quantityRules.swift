import ResourceModel

// TEMPORARY registration group, merged into AllRules.swift when the catalog is complete.
let quantityRules: [any Rule.Type] = [
]
