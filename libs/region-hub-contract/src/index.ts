export * from "./region-hub-outputs";
