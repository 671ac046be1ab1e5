export * from "./outpost-factory-outputs";
