export * from "./lib/catalog";
export * from "./lib/shipped-environments";
