export * from "./local-zone-bos-outputs";
