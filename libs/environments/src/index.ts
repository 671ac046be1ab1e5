export * from "./lib/catalog";
export * from "./lib/preview-environments";
export * from "./lib/shipped-environments";
