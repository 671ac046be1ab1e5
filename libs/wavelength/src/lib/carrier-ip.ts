import { Eip } from "@cdktf/provider-aws/lib/eip";
import { EipAssociation } from "@cdktf/provider-aws/lib/eip-association";
import { ConfigCheck, EdgeStack, isUnresolved } from "@edge/core";
import { Construct } from "constructs";
import type { WavelengthZone } from "./wavelength-zone";

/** Props of {@link CarrierIp}. */
export interface CarrierIpProps {
  /** The Wavelength Zone the address is used in. */
  readonly wavelength: WavelengthZone;
  /**
   * Network border group to allocate from. Must be the zone's: a carrier IP is allocated in the
   * Wavelength Zone's network border group (Amazon VPC UG, carrier IP example
   * `--network-border-group us-east-1-wl1-bos-wlz-1`).
   * @default - the zone's network border group (the zone name)
   */
  readonly networkBorderGroup?: string;
  /** Network interface (in the carrier subnet) to associate. @default - not associated */
  readonly networkInterfaceId?: string;
  /** Instance (in the carrier subnet) to associate. @default - not associated */
  readonly instanceId?: string;
  /** Config path of these props, for errors. @default "carrierIp" */
  readonly configPath?: string;
}

/**
 * A carrier IP: an Elastic IP with `domain = "vpc"` and `network_border_group` set to the
 * Wavelength Zone (its `carrier_ip` attribute is the address), optionally associated with an
 * instance or network interface in the zone's carrier subnet.
 */
export class CarrierIp extends Construct {
  readonly eip: Eip;
  readonly association?: EipAssociation;
  readonly allocationId: string;
  /** The carrier IP address. */
  readonly carrierIp: string;

  constructor(scope: Construct, id: string, props: CarrierIpProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const wl = props.wavelength;
    const zone = wl.zone;
    const path = props.configPath ?? "carrierIp";
    const check = new ConfigCheck();
    // Rule 7: EIPs in an edge zone carry that zone's network border group.
    if (props.networkBorderGroup !== undefined) {
      check.expect(props.networkBorderGroup === zone.networkBorderGroup, {
        code: "EDGE_EIP_BORDER_GROUP",
        path: `${path}.networkBorderGroup`,
        value: props.networkBorderGroup,
        problem: `a carrier IP used in ${zone.name} must come from its network border group ${zone.networkBorderGroup}`,
        fix: `set networkBorderGroup to "${zone.networkBorderGroup}" or leave it unset`,
      });
    }
    // Rule 6: carrier IPs only work behind a carrier route.
    if (!wl.carrierRoute) {
      check.fail({
        code: "EDGE_WLZ_CARRIER_ROUTE",
        path,
        value: zone.name,
        problem: `a carrier IP needs a subnet that routes 0.0.0.0/0 to a carrier gateway, and ${zone.name} has no carrier tier with that route`,
        fix: 'add the "carrier" tier to the Wavelength Zone, with a carrier gateway',
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

    this.eip = new Eip(this, "eip", {
      domain: "vpc", // provider v6 removed `vpc = true`
      networkBorderGroup: isUnresolved(props.networkBorderGroup)
        ? props.networkBorderGroup
        : zone.networkBorderGroup,
      tags: { Name: stack.physicalName(id) },
    });
    this.allocationId = this.eip.allocationId;
    this.carrierIp = this.eip.carrierIp;
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
