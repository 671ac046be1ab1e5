export * from "./lib/carrier-ip";
export * from "./lib/carrier-launch-template";
export * from "./lib/placement-options";
export * from "./lib/wavelength-zone";
