import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { BorderGroupEip, type BorderGroupEipProps } from "../src";

function synthEip(props: Partial<BorderGroupEipProps> = {}) {
  const stack = testStack({ site: "local-zone-bos" });
  new BorderGroupEip(stack, "lb-ip", { zone: "us-east-1-bos-1a", ...props });
  return synthJson(stack);
}

describe("BorderGroupEip", () => {
  it("allocates the address in the Local Zone's network border group", () => {
    expect(resourcesOf(synthEip(), "aws_eip")["lb-ip_eip"]).toEqual({
      domain: "vpc",
      network_border_group: "us-east-1-bos-1",
      tags: { Name: "local-zone-bos-dev-lb-ip" },
    });
  });

  it("associates the address with a network interface when asked", () => {
    const json = synthEip({ networkInterfaceId: "eni-0abc" });
    expect(resourcesOf(json, "aws_eip_association")["lb-ip_association"]).toEqual({
      allocation_id: "${aws_eip.lb-ip_eip.allocation_id}",
      network_interface_id: "eni-0abc",
    });
  });

  it("rule 7: rejects a network border group that is not the zone's", () => {
    const err = configError(() => synthEip({ networkBorderGroup: "us-east-1" }));
    expect(err.code).toBe("EDGE_EIP_BORDER_GROUP");
    expect(err.message).toBe(
      'EDGE_EIP_BORDER_GROUP at eip.networkBorderGroup: an Elastic IP used in us-east-1-bos-1a must come from its network border group us-east-1-bos-1 (got "us-east-1"); fix: set networkBorderGroup to "us-east-1-bos-1" or leave it unset',
    );
  });

  it("rule 2: rejects a Wavelength Zone given as the Local Zone", () => {
    const err = configError(() => synthEip({ zone: "us-east-1-wl1-bos-wlz-1" }));
    expect(err.code).toBe("EDGE_ZONE_KIND");
    expect(err.message).toBe(
      'EDGE_ZONE_KIND at eip.zone: us-east-1-wl1-bos-wlz-1 is a Wavelength Zone, expected a Local Zone (got "us-east-1-wl1-bos-wlz-1"); fix: put us-east-1-wl1-bos-wlz-1 in the Wavelength Zone site\'s config, not here',
    );
  });

  it("rejects two association targets", () => {
    const err = configError(() =>
      synthEip({ networkInterfaceId: "eni-0abc", instanceId: "i-0abc" }),
    );
    expect(err.message).toBe(
      'EDGE_EIP_TARGET at eip.networkInterfaceId: an Elastic IP associates with one instance or one network interface, not both, and instanceId i-0abc is given too (got "eni-0abc"); fix: set instanceId or networkInterfaceId',
    );
  });
});
