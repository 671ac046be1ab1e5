export * from "./lib/carrier-ip";
export * from "./lib/carrier-launch-template";
export * from "./lib/wavelength-zone";
export type { InterfaceEndpointOptions, TransitGatewayAttachmentOptions } from "@edge/core";
