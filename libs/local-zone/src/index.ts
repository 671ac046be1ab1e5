export * from "./lib/border-group-eip";
export * from "./lib/local-zone-subnets";
export * from "./lib/placement-options";
