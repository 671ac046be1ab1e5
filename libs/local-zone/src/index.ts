export * from "./lib/border-group-eip";
export * from "./lib/local-zone-subnets";
export type { InterfaceEndpointOptions, TransitGatewayAttachmentOptions } from "@edge/core";
