export * from "./wavelength-bos-outputs";
