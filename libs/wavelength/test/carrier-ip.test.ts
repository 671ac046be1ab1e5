import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { CarrierIp, WavelengthZone, type CarrierIpProps, type WavelengthZoneProps } from "../src";

const WLZ = "us-east-1-wl1-bos-wlz-1";

function build(
  props: Partial<Omit<CarrierIpProps, "wavelength">> = {},
  zone: Partial<WavelengthZoneProps> = {},
) {
  const stack = testStack({ site: "wavelength-bos" });
  const wavelength = new WavelengthZone(stack, "wl", {
    zone: WLZ,
    regionAvailabilityZone: "us-east-1a",
    ...zone,
  });
  new CarrierIp(stack, "edge-ip", { wavelength, ...props });
  return synthJson(stack);
}

describe("CarrierIp", () => {
  it("allocates an EIP in the Wavelength Zone's network border group", () => {
    expect(resourcesOf(build(), "aws_eip")["edge-ip_eip"]).toEqual({
      domain: "vpc",
      network_border_group: WLZ,
      tags: { Name: "wavelength-bos-dev-edge-ip" },
    });
  });

  it("associates it with an instance", () => {
    expect(
      resourcesOf(build({ instanceId: "i-0abc" }), "aws_eip_association")["edge-ip_association"],
    ).toEqual({
      allocation_id: "${aws_eip.edge-ip_eip.allocation_id}",
      instance_id: "i-0abc",
    });
  });
});

describe("CarrierIp rules", () => {
  it("rule 7: rejects a Region network border group", () => {
    const err = configError(() => build({ networkBorderGroup: "us-east-1" }));
    expect(err.code).toBe("EDGE_EIP_BORDER_GROUP");
    expect(err.message).toBe(
      `EDGE_EIP_BORDER_GROUP at carrierIp.networkBorderGroup: a carrier IP used in ${WLZ} must come from its network border group ${WLZ} (got "us-east-1"); fix: set networkBorderGroup to "${WLZ}" or leave it unset`,
    );
  });

  it("rule 6: rejects a carrier IP in a zone without a carrier route", () => {
    const err = configError(() => build({}, { tiers: ["private"] }));
    expect(err.code).toBe("EDGE_WLZ_CARRIER_ROUTE");
    expect(err.message).toBe(
      `EDGE_WLZ_CARRIER_ROUTE at carrierIp: a carrier IP needs a subnet that routes 0.0.0.0/0 to a carrier gateway, and ${WLZ} has no carrier tier with that route (got "${WLZ}"); fix: add the "carrier" tier to the Wavelength Zone, with a carrier gateway`,
    );
  });
});
