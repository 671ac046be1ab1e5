export * from "./lib/container-cluster-props";
export * from "./lib/container-facts";
export * from "./lib/container-service-props";
export * from "./lib/edge-container-cluster";
export * from "./lib/edge-container-repository";
export * from "./lib/edge-container-service";
export * from "./lib/containers-site-config";
export * from "./lib/edge-containers";
