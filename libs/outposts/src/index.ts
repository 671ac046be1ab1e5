export * from "./lib/local-gateway-association";
export * from "./lib/outpost";
export * from "./lib/outpost-subnets";
export * from "./lib/rack-uplinks";
export * from "./lib/spread-placement-group";
export * from "./lib/subnet-attributes";
