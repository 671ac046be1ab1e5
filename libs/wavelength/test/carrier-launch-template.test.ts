import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import {
  CarrierLaunchTemplate,
  WavelengthZone,
  type CarrierLaunchTemplateProps,
  type WavelengthZoneProps,
} from "../src";

const WLZ = "us-east-1-wl1-bos-wlz-1";

function build(
  props: Partial<CarrierLaunchTemplateProps> = {},
  zone: Partial<WavelengthZoneProps> = {},
) {
  const stack = testStack({ site: "wavelength-bos" });
  const wavelength = new WavelengthZone(stack, "wl", {
    zone: WLZ,
    regionAvailabilityZone: "us-east-1a",
    tiers: ["carrier", "private"],
    ...zone,
  });
  new CarrierLaunchTemplate(stack, "hosts", { wavelength, instanceType: "t3.medium", ...props });
  return synthJson(stack);
}

describe("CarrierLaunchTemplate", () => {
  const json = build({ imageId: "ami-0123456789abcdef0" });
  const template = resourcesOf(json, "aws_launch_template")["hosts_launch-template"];

  it("gives the network interface in the carrier subnet a carrier IP and no public IP", () => {
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        subnet_id: "${aws_subnet.wl_carrier-subnet.id}",
        security_groups: ["${aws_security_group.wl_host-security-group.id}"],
        associate_carrier_ip_address: "true",
        associate_public_ip_address: "false",
        delete_on_termination: "true",
      },
    ]);
  });

  it("uses the zone's instance type, an encrypted gp2 root volume, IMDSv2 and detailed monitoring", () => {
    expect(template).toMatchObject({
      name: "wavelength-bos-dev-hosts",
      image_id: "ami-0123456789abcdef0",
      instance_type: "t3.medium",
      block_device_mappings: [
        {
          device_name: "/dev/xvda",
          ebs: {
            volume_type: "gp2",
            volume_size: 8,
            encrypted: "true",
            delete_on_termination: "true",
          },
        },
      ],
      metadata_options: {
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
      },
      monitoring: { enabled: true },
    });
  });

  it("checks at plan time that the instance type is offered in the zone", () => {
    const offerings = "data.aws_ec2_instance_type_offerings.hosts_instance-type-offering";
    expect(json.data?.aws_ec2_instance_type_offerings?.["hosts_instance-type-offering"]).toEqual({
      location_type: "availability-zone",
      filter: [
        { name: "location", values: [WLZ] },
        { name: "instance-type", values: ["t3.medium"] },
      ],
    });
    expect(template.lifecycle.precondition).toEqual([
      {
        condition: `\${length(setsubtract(["t3.medium"], ${offerings}.instance_types)) == 0}`,
        error_message: `Instance types not offered in ${WLZ} for this account: \${join(", ", setsubtract(["t3.medium"], ${offerings}.instance_types))}.`,
      },
    ]);
  });

  it("launches a back end in the private tier without a carrier IP", () => {
    const priv = resourcesOf(build({ tier: "private" }), "aws_launch_template")[
      "hosts_launch-template"
    ];
    expect(priv.network_interfaces[0].subnet_id).toBe("${aws_subnet.wl_private-subnet.id}");
    expect(priv.network_interfaces[0]).not.toHaveProperty("associate_carrier_ip_address");
  });

  it("accepts an instance type from an override that cites its source", () => {
    const json2 = build(
      { instanceType: "c5.2xlarge" },
      {
        allowedInstanceTypes: {
          instanceTypes: ["c5.2xlarge"],
          source: "aws ec2 describe-instance-type-offerings, 2026-05-01",
        },
      },
    );
    expect(resourcesOf(json2, "aws_launch_template")["hosts_launch-template"].instance_type).toBe(
      "c5.2xlarge",
    );
  });
});

describe("CarrierLaunchTemplate rules", () => {
  it("rule 5: rejects an instance type outside the zone's list", () => {
    const err = configError(() => build({ instanceType: "m5.large" }));
    expect(err.code).toBe("EDGE_ZONE_INSTANCE_TYPE");
    expect(err.message).toBe(
      `EDGE_ZONE_INSTANCE_TYPE at launchTemplate.instanceType: ${WLZ} does not offer m5.large (offers t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge) (got "m5.large"); fix: use one of t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge, or override allowedInstanceTypes with the source you read`,
    );
  });

  it("rule 5: rejects an EBS type other than gp2", () => {
    const err = configError(() => build({ rootVolumeType: "gp3" }));
    expect(err.code).toBe("EDGE_ZONE_EBS_TYPE");
    expect(err.message).toBe(
      `EDGE_ZONE_EBS_TYPE at launchTemplate.rootVolumeType: ${WLZ} does not offer EBS volume type gp3 (offers gp2) (got "gp3"); fix: use gp2`,
    );
  });

  it("rule 5: rejects a public IP", () => {
    const err = configError(() => build({ associatePublicIpAddress: true }));
    expect(err.code).toBe("EDGE_WLZ_PUBLIC_IP");
    expect(err.message).toBe(
      "EDGE_WLZ_PUBLIC_IP at launchTemplate.associatePublicIpAddress: instances in a Wavelength Zone get carrier IPs, not public IPs (got true); fix: remove associatePublicIpAddress and keep associateCarrierIpAddress on the carrier tier",
    );
  });

  it("rule 6: rejects a carrier IP in a subnet without the carrier route", () => {
    const err = configError(() => build({ tier: "private", associateCarrierIpAddress: true }));
    expect(err.code).toBe("EDGE_WLZ_CARRIER_ROUTE");
    expect(err.message).toBe(
      `EDGE_WLZ_CARRIER_ROUTE at launchTemplate.tier: a carrier IP needs a subnet that routes 0.0.0.0/0 to a carrier gateway, and the private tier of ${WLZ} does not (got "private"); fix: launch in the "carrier" tier, or set associateCarrierIpAddress to false`,
    );
  });

  it("rejects the carrier tier when the zone has none", () => {
    const err = configError(() => build({}, { tiers: ["private"] }));
    expect(err.message).toBe(
      'EDGE_WLZ_TIER_MISSING at launchTemplate.tier: the Wavelength Zone has no carrier tier (got "carrier"); fix: add "carrier" to the zone\'s tiers, or launch in a tier it has',
    );
  });

  it("rejects a tier the zone does not have", () => {
    const err = configError(() => build({ tier: "private" }, { tiers: ["carrier"] }));
    expect(err.message).toBe(
      'EDGE_WLZ_TIER_MISSING at launchTemplate.tier: the Wavelength Zone has no private tier (got "private"); fix: add "private" to the zone\'s tiers, or launch in a tier it has',
    );
  });
});
