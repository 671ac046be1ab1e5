export * from "./lib/cli";
export * from "./lib/format";
export * from "./lib/publish";
export * from "./lib/synthesize-sites";
