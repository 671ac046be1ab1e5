import { ZoneEip } from "@edge/core";
import type { Construct } from "constructs";

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
 * `network_border_group`), optionally associated with an instance or network interface: the
 * shared {@link ZoneEip} for Local Zones. A Region address fails in a Local Zone with "Primary
 * elastic IP and subnet belong in different network border groups" (Amazon VPC UG, Local Zones:
 * "You must provision public IP addresses for use in a Local Zone … you cannot move them between
 * the Local Zone and the parent Region").
 */
export class BorderGroupEip extends ZoneEip {
  readonly publicIp: string;

  constructor(scope: Construct, id: string, props: BorderGroupEipProps) {
    super(scope, id, { ...props, kinds: ["local-zone"] });
    this.publicIp = this.eip.publicIp;
  }
}
