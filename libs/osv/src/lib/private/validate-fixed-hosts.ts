import type { ConfigCheck } from "@edge/core";
import type { OsvFixedHostsProps } from "../osv-fixed-hosts";
import { isInt } from "./checks";
import type { FleetZones } from "./fleet-zones";

/** The fixed hosts' props with defaults applied. */
export interface FixedHostsSettings {
  readonly instanceCount: number;
  readonly terminationProtection: boolean;
  readonly shutdownBehavior: "stop" | "terminate";
  readonly recoveryAlarms: boolean;
}

/** The fixed hosts' own rules: count and shutdown behaviour. */
export function checkFixedHostsProps(
  props: OsvFixedHostsProps,
  path: string,
  production: boolean,
  check: ConfigCheck,
): FixedHostsSettings {
  const instanceCount = props.instanceCount ?? Math.max(props.subnets?.length ?? 1, 1);
  check.expect(isInt(instanceCount, 1), {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.instanceCount`,
    value: props.instanceCount,
    problem: "the number of fixed instances must be a whole number of at least 1",
    fix: "give the number of instances, or leave it out for one per subnet",
  });
  const shutdownBehavior = props.shutdownBehavior ?? "stop";
  check.expect(shutdownBehavior === "stop" || shutdownBehavior === "terminate", {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.shutdownBehavior`,
    value: shutdownBehavior,
    problem: "not one of the allowed values",
    fix: 'use "stop" or "terminate"',
  });
  return {
    instanceCount,
    terminationProtection: props.terminationProtection ?? production,
    shutdownBehavior,
    recoveryAlarms: props.recoveryAlarms ?? true,
  };
}

/**
 * Fixed hosts name their subnet, so they cannot get a carrier IP through the launch template's
 * network interface: a zone rule, run once the template has parsed the zones.
 */
export function checkFixedHostsZones(
  props: OsvFixedHostsProps,
  path: string,
  zones: FleetZones,
  check: ConfigCheck,
): void {
  const wavelength = zones.kind === "wavelength-zone";
  const carrierIp = props.associateCarrierIpAddress ?? wavelength;
  check.expect(!(carrierIp && wavelength), {
    code: "EDGE_OSV_CARRIER_FIXED",
    path: `${path}.associateCarrierIpAddress`,
    value: props.associateCarrierIpAddress,
    problem:
      "a carrier IP is assigned through the launch template's network interface, which fixed instances placed by subnet cannot use",
    fix: "use OsvAutoScalingFleet (minSize = maxSize for a fixed count), or set associateCarrierIpAddress to false and attach carrier IPs from @edge/wavelength",
  });
}
