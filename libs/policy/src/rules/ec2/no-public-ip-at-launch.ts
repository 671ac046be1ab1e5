import { blocksOf, boolOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-EC2-8: instances get no public IP at launch (carrier and customer-owned IPs are by design). */
export const noPublicIpAtLaunch = defineResourceRule({
  id: "EDGE-EC2-8",
  level: "error",
  checkov: ["CKV_AWS_88"],
  appliesTo: ["aws_instance", "aws_launch_template", "aws_launch_configuration"],
  info: "instances get no public IPv4 address at launch",
  explanation:
    "A public address puts the instance on the internet whatever its subnet's routing was meant to be; reach instances through the EC2 Instance Connect Endpoint and publish services through load balancers or NAT. Carrier IPs in Wavelength Zones (associate_carrier_ip_address) and customer-owned IPs on Outposts are how those zones reach their networks and are not flagged",
  fix: "remove associate_public_ip_address (or set it to false); in a Wavelength Zone use associate_carrier_ip_address instead",
  check({ type, config }) {
    const values: { label: string; value: unknown }[] = [];
    if (type === "aws_launch_template") {
      const nics = blocksOf(config, "network_interfaces");
      if (nics === UNKNOWN) return notApplicable("network interfaces are generated dynamically");
      nics.forEach((n, i) =>
        values.push({
          label: `network_interfaces[${i}].associate_public_ip_address`,
          value: n.associate_public_ip_address,
        }),
      );
    } else {
      values.push({
        label: "associate_public_ip_address",
        value: config.associate_public_ip_address,
      });
    }
    const publicOnes = values.filter((v) => boolOf(v.value) === true);
    if (publicOnes.length > 0)
      return nonCompliant(`${publicOnes.map((v) => v.label).join(", ")} is true`);
    return values.some((v) => boolOf(v.value) === UNKNOWN)
      ? notApplicable("public IP assignment is only known at apply time")
      : compliant();
  },
});
