export * from "./check-stack";
export * from "./model";
export * from "./needs";
export * from "./paths-report";
export * from "./prove";
export * from "./sources";
export * from "./workloads";
