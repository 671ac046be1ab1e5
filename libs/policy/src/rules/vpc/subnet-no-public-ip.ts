import { boolOf, UNKNOWN } from "../../lib/private/values";
import { compliant, defineResourceRule, nonCompliant, notApplicable } from "../../lib/rule";

/** EDGE-VPC-3: subnets do not hand out public IPs (customer-owned IPs on Outposts are by design). */
export const subnetNoPublicIp = defineResourceRule({
  id: "EDGE-VPC-3",
  level: "error",
  checkov: ["CKV_AWS_130"],
  appliesTo: ["aws_subnet", "aws_default_subnet"],
  info: "subnets do not assign public IPv4 addresses at launch",
  explanation:
    "With map_public_ip_on_launch every instance started in the subnet is on the internet, whether or not it was meant to be. Public endpoints are NAT gateways and load balancers with their own addresses. Customer-owned IPs on Outpost subnets (map_customer_owned_ip_on_launch) are how an Outpost reaches the on-premises network and are not flagged",
  fix: "set map_public_ip_on_launch = false (the default of RegionVpc)",
  check({ type, config }) {
    const value = boolOf(config.map_public_ip_on_launch);
    if (value === UNKNOWN)
      return notApplicable("map_public_ip_on_launch is only known at apply time");
    if (value === undefined && type === "aws_default_subnet") {
      return nonCompliant(
        "a default subnet keeps map_public_ip_on_launch = true unless it is set to false",
      );
    }
    return value === true ? nonCompliant("map_public_ip_on_launch is true") : compliant();
  },
});
