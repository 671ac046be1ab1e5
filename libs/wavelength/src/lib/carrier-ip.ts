import { ZoneEip } from "@edge/core";
import type { Construct } from "constructs";
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
 * A carrier IP: the shared {@link ZoneEip} in the Wavelength Zone's network border group (its
 * `carrier_ip` attribute is the address), optionally associated with an instance or network
 * interface in the zone's carrier subnet, which must route to a carrier gateway.
 */
export class CarrierIp extends ZoneEip {
  /** The carrier IP address. */
  readonly carrierIp: string;

  constructor(scope: Construct, id: string, props: CarrierIpProps) {
    const { wavelength: wl, ...rest } = props;
    super(
      scope,
      id,
      { ...rest, zone: wl.zone, label: "a carrier IP", configPath: props.configPath ?? "carrierIp" },
      // Carrier IPs only work behind a carrier route.
      (check, zone, path) => {
        if (wl.carrierRoute) return;
        check.fail({
          code: "EDGE_WLZ_CARRIER_ROUTE",
          path,
          value: zone.name,
          problem: `a carrier IP needs a subnet that routes 0.0.0.0/0 to a carrier gateway, and ${zone.name} has no carrier tier with that route`,
          fix: 'add the "carrier" tier to the Wavelength Zone, with a carrier gateway',
        });
      },
    );
    this.carrierIp = this.eip.carrierIp;
  }
}
