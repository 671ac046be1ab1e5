export * from "./lib/api";
export * from "./lib/api-error";
export * from "./lib/archive";
export * from "./lib/cli";
export * from "./lib/credentials";
export * from "./lib/http-client";
export * from "./lib/publisher";
export * from "./lib/stacks";
