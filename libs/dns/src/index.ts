export * from "./lib/audience-routed-name";
export * from "./lib/carrier-clients";
export * from "./lib/carrier-ip-dns-updater";
export * from "./lib/weighted-endpoints";
export * from "./lib/ad-hoc-record-name";
