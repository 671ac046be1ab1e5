export * from "./lib/region-vpc";
export type { NatGatewayMode } from "./lib/private/validate-props";
export * from "./lib/hub-peering";
