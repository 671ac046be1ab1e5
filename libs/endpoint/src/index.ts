export * from "./lib/edge-endpoint";
export * from "./lib/edge-endpoint-props";
export * from "./lib/edge-endpoint-tls-config";
export * from "./lib/elb-name";
