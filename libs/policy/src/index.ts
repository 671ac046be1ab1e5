export * from "./lib/evaluate";
export * from "./lib/policy-pack";
export * from "./lib/policy-report";
export * from "./lib/rule";
export * from "./lib/rule-catalog";
export * from "./lib/suppressions";
export * from "./lib/terraform-view";
