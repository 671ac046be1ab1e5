import { Eip } from "@cdktf/provider-aws/lib/eip";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { Construct } from "constructs";
import { EdgeStack } from "./edge-stack";
import { ConfigCheck, isUnresolved } from "./errors";
import { parseZone, type Zone } from "./zones";

/** Props of {@link ZoneEip}. */
export interface ZoneEipProps {
  /** The edge zone the address is used in: its name, or the zone already parsed. */
  readonly zone: string | Zone;
  /** Zone kinds accepted when `zone` is a name. @default ["local-zone", "wavelength-zone"] */
  readonly kinds?: readonly ("local-zone" | "wavelength-zone")[];
  /**
   * Network border group to allocate from. Must be the zone's: an address of the Region (or of
   * another zone) cannot be associated in this zone.
   * @default - the zone's network border group
   */
  readonly networkBorderGroup?: string;
  /** Network interface to associate the address with. @default - not associated */
  readonly networkInterfaceId?: string;
  /** Instance to associate the address with. @default - not associated */
  readonly instanceId?: string;
  /** Name tag suffix. @default - the construct id */
  readonly name?: string;
  /** How errors name the address. @default "an Elastic IP" */
  readonly label?: string;
  /** Config path of these props, for errors. @default "eip" */
  readonly configPath?: string;
}

/** A rule a zone-specific address adds to the zone EIP's own, collected with them. */
export type ZoneEipRule = (check: ConfigCheck, zone: Zone, path: string) => void;

/**
 * An Elastic IP of an edge zone: `domain = "vpc"` with the zone's `network_border_group`,
 * optionally associated with one instance or network interface. The one construct behind Local
 * Zone addresses (`BorderGroupEip`) and Wavelength carrier IPs (`CarrierIp`): public addresses of
 * an edge zone come from its network border group and cannot move to the Region or another zone
 * (Amazon VPC UG, Local Zones; Wavelength carrier IPs, `--network-border-group`).
 *
 * Addresses: `<id>_eip`, `<id>_association`.
 */
export class ZoneEip extends Construct {
  readonly eip: Eip;
  readonly association?: EipAssociation;
  readonly zone: Zone;
  /** The allocation id. */
  readonly allocationId: string;

  constructor(scope: Construct, id: string, props: ZoneEipProps, rule?: ZoneEipRule) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "eip";
    const label = props.label ?? "an Elastic IP";
    const check = new ConfigCheck(this.node.path);
    let zone: Zone | undefined = typeof props.zone === "string" ? undefined : props.zone;
    if (typeof props.zone === "string") {
      const name = props.zone;
      check.collect(() => {
        zone = parseZone(name, {
          region: stack.environment.region,
          path: `${path}.zone`,
          kinds: props.kinds ?? ["local-zone", "wavelength-zone"],
        });
      });
    }
    // EIPs in an edge zone carry that zone's network border group.
    if (zone && props.networkBorderGroup !== undefined) {
      check.expect(props.networkBorderGroup === zone.networkBorderGroup, {
        code: "EDGE_EIP_BORDER_GROUP",
        path: `${path}.networkBorderGroup`,
        value: props.networkBorderGroup,
        problem: `${label} used in ${zone.name} must come from its network border group ${zone.networkBorderGroup}`,
        fix: `set networkBorderGroup to "${zone.networkBorderGroup}" or leave it unset`,
      });
    }
    if (zone && rule) rule(check, zone, path);
    check.expect(!(props.networkInterfaceId !== undefined && props.instanceId !== undefined), {
      code: "EDGE_EIP_TARGET",
      path: `${path}.networkInterfaceId`,
      value: props.networkInterfaceId,
      problem: `an Elastic IP associates with one instance or one network interface, not both, and instanceId ${String(props.instanceId)} is given too`,
      fix: "set instanceId or networkInterfaceId",
    });
    check.throwIfFailed();
    this.zone = zone!;

    this.eip = new Eip(this, "eip", {
      domain: "vpc", // provider v6 removed `vpc = true`
      networkBorderGroup: isUnresolved(props.networkBorderGroup)
        ? props.networkBorderGroup
        : this.zone.networkBorderGroup,
      tags: { Name: stack.physicalName(props.name ?? id) },
    });
    this.allocationId = this.eip.allocationId;
    if (props.networkInterfaceId !== undefined || props.instanceId !== undefined) {
      this.association = new EipAssociation(this, "association", {
        allocationId: this.eip.allocationId,
        ...(props.networkInterfaceId !== undefined
          ? { networkInterfaceId: props.networkInterfaceId }
          : {}),
        ...(props.instanceId !== undefined ? { instanceId: props.instanceId } : {}),
      });
    }
  }
}
