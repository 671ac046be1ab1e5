export * from "./lib/region-vpc";
export type { NatGatewayMode } from "./lib/private/validate-props";
export * from "./lib/hub-peering";
export * from "./lib/region-vpc-network-ids";
