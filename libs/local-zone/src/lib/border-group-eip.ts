import { Eip } from "@cdktf/provider-aws/lib/eip";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { ConfigCheck, EdgeStack, isUnresolved, parseZone, type Zone } from "@edge/core";
import { Construct } from "constructs";

/** Props of {@link BorderGroupEip}. */
export interface BorderGroupEipProps {
  /** The Local Zone the address is used in, e.g. `us-east-1-bos-1a`. */
  readonly zone: string;
  /**
   * Network border group to allocate from. Must be the zone's: an address of the Region (or of
   * another zone) cannot be associated in this zone.
   * @default - the zone's network border group (`us-east-1-bos-1` for `us-east-1-bos-1a`)
   */
  readonly networkBorderGroup?: string;
  /** Network interface to associate the address with. @default - not associated */
  readonly networkInterfaceId?: string;
  /** Instance to associate the address with. @default - not associated */
  readonly instanceId?: string;
  /** Name tag suffix. @default - the construct id */
  readonly name?: string;
  /** Config path of these props, for errors. @default "eip" */
  readonly configPath?: string;
}

/**
 * An Elastic IP allocated in a Local Zone's network border group (`domain = "vpc"`,
 * `network_border_group`), optionally associated with an instance or network interface. A
 * Region address fails in a Local Zone with "Primary elastic IP and subnet belong in different
 * network border groups" (Amazon VPC UG, Local Zones: "You must provision public IP addresses for
 * use in a Local Zone … you cannot move them between the Local Zone and the parent Region").
 */
export class BorderGroupEip extends Construct {
  readonly eip: Eip;
  readonly association?: EipAssociation;
  readonly zone: Zone;
  /** The allocation id. */
  readonly allocationId: string;
  readonly publicIp: string;

  constructor(scope: Construct, id: string, props: BorderGroupEipProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "eip";
    const check = new ConfigCheck();
    let zone: Zone | undefined;
    check.collect(() => {
      zone = parseZone(props.zone, {
        region: stack.environment.region,
        path: `${path}.zone`,
        kinds: ["local-zone"],
      });
    });
    // Rule 7: EIPs in an edge zone carry that zone's network border group.
    if (zone && props.networkBorderGroup !== undefined) {
      check.expect(props.networkBorderGroup === zone.networkBorderGroup, {
        code: "EDGE_EIP_BORDER_GROUP",
        path: `${path}.networkBorderGroup`,
        value: props.networkBorderGroup,
        problem: `an Elastic IP used in ${zone.name} must come from its network border group ${zone.networkBorderGroup}`,
        fix: `set networkBorderGroup to "${zone.networkBorderGroup}" or leave it unset`,
      });
    }
    check.expect(!(props.networkInterfaceId !== undefined && props.instanceId !== undefined), {
      code: "EDGE_EIP_TARGET",
      path,
      value: { instanceId: props.instanceId, networkInterfaceId: props.networkInterfaceId },
      problem: "an Elastic IP associates with one instance or one network interface, not both",
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
    this.publicIp = this.eip.publicIp;
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
