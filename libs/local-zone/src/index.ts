export * from "./lib/border-group-eip";
export * from "./lib/hub-local-zones";
export * from "./lib/local-zone-network-ids";
export * from "./lib/local-zone-subnets";
export type { InterfaceEndpointOptions, TransitGatewayAttachmentOptions } from "@edge/core";
