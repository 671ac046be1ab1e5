import { joinPath } from "./config-schema";
import type { EdgeStack } from "./edge-stack";
import type { EdgeSubnet } from "./edge-vpc";
import { ConfigCheck } from "./errors";
import type { ZoneFeature } from "./zone-catalog";
import { parseZone, type Zone } from "./zones";

/**
 * Checks that every subnet of a placement (interface endpoint network interfaces, a transit
 * gateway attachment) lies in a zone of the stack's region that offers `feature`, per the zone
 * catalog, and for attachments that no AZ is listed twice (Transit Gateway guide: one subnet per
 * Availability Zone per attachment). Returns the parsed zones.
 */
export function checkZonePlacement(
  stack: EdgeStack,
  subnets: readonly EdgeSubnet[],
  feature: Extract<ZoneFeature, "interfaceEndpoints" | "transitGatewayAttachment">,
  path: string,
): Zone[] {
  const check = new ConfigCheck();
  if (!Array.isArray(subnets) || subnets.length === 0) {
    check.fail({
      code: "EDGE_PLACEMENT_EMPTY",
      path: `${path}.subnets`,
      value: subnets,
      problem: "at least one subnet is required",
      fix: `give subnets of availability zones in ${stack.environment.region}, such as the hub's private subnets`,
    });
  }
  const zones: Zone[] = [];
  const byZone = new Map<string, number>();
  (Array.isArray(subnets) ? subnets : []).forEach((s, i) => {
    const zonePath = joinPath(`${path}.subnets`, [i, "zone"]);
    check.collect(() => {
      const zone = parseZone(s.zone, { region: stack.environment.region, path: zonePath });
      stack.catalog.requireFeature(zone, feature, zonePath);
      const first = byZone.get(zone.name);
      if (feature === "transitGatewayAttachment" && first !== undefined) {
        check.fail({
          code: "EDGE_TGW_SUBNET_PER_AZ",
          path: zonePath,
          value: zone.name,
          problem: `${zone.name} already has a subnet in this attachment at ${path}.subnets[${first}]`,
          fix: "give one subnet per availability zone",
        });
      }
      byZone.set(zone.name, i);
      zones.push(zone);
    });
  });
  check.throwIfFailed();
  return zones;
}
