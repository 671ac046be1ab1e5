export * from "./lib/carrier-ip-dns-updater";
export * from "./lib/weighted-endpoints";
