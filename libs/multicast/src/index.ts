export * from "./lib/multicast-member-rules";
export * from "./lib/transit-gateway-multicast";
export * from "./lib/vxlan-overlay";
export * from "./lib/vxlan-multicast-domain";
