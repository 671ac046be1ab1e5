export * from "./lib/osv-command-line";
export * from "./lib/osv-host-fleet";
export * from "./lib/osv-host-security-group";
export * from "./lib/osv-image";
export * from "./lib/osv-site-config";
