import { configError, configErrors, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { RegionVpc, type RegionVpcProps } from "../src";

const base: RegionVpcProps = {
  cidrBlock: "10.10.0.0/16",
  availabilityZones: ["us-east-1a", "us-east-1b"],
};

function synthVpc(props: Partial<RegionVpcProps> = {}, env = "dev") {
  const stack = testStack({ site: "region-hub", env });
  const vpc = new RegionVpc(stack, "hub", { ...base, ...props });
  return { json: synthJson(stack), vpc };
}

const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;

// ARNs carry the partition of their Region (AWS General Reference, "Amazon Resource Names (ARNs)",
// https://docs.aws.amazon.com/general/latest/gr/aws-arns-and-namespaces.html: "aws-us-gov - AWS
// GovCloud (US) Regions"; AWS GovCloud (US) User Guide, using-govcloud-arns: "In the AWS GovCloud
// (US) Regions, ARNs begin with: arn:aws-us-gov").
// A trust condition on arn:aws:ec2:us-gov-west-1:… never matches, so flow logs could not assume
// the role there.
describe("RegionVpc in AWS GovCloud (US)", () => {
  it("writes the flow-log role's ARNs in the aws-us-gov partition", () => {
    const stack = testStack({ site: "region-hub", environment: { region: "us-gov-west-1" } });
    new RegionVpc(stack, "hub", { ...base, availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] });
    const json = synthJson(stack);
    const account = stack.environment.account;
    const trust = JSON.parse(resourcesOf(json, "aws_iam_role")["hub_flow-log-role"].assume_role_policy);
    expect(trust.Statement[0].Condition.ArnLike).toEqual({
      "aws:SourceArn": `arn:aws-us-gov:ec2:us-gov-west-1:${account}:vpc-flow-log/*`,
    });
    const policy = JSON.parse(resourcesOf(json, "aws_iam_role_policy")["hub_flow-log-policy"].policy);
    expect(policy.Statement[1].Resource).toBe(`arn:aws-us-gov:logs:us-gov-west-1:${account}:log-group:*`);
  });
});

describe("RegionVpc resources", () => {
  const { json } = synthVpc();

  it("creates the VPC with DNS support and hostnames", () => {
    expect(resourcesOf(json, "aws_vpc")).toEqual({
      hub_vpc: {
        cidr_block: "10.10.0.0/16",
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: { Name: "region-hub-dev-hub" },
      },
    });
  });

  it("takes over the default security group with no rules", () => {
    expect(resourcesOf(json, "aws_default_security_group")["hub_default-security-group"]).toEqual({
      vpc_id: ref("aws_vpc", "hub_vpc"),
      ingress: [],
      egress: [],
      tags: { Name: "region-hub-dev-hub-default-do-not-use" },
    });
  });

  it("places public and private subnets in every AZ, none with public IPs at launch", () => {
    const subnets = resourcesOf(json, "aws_subnet");
    expect(Object.fromEntries(Object.entries(subnets).map(([k, v]) => [k, [v.availability_zone, v.cidr_block, v.map_public_ip_on_launch]]))).toEqual({
      "hub_public-subnet-us-east-1a": ["us-east-1a", "10.10.8.0/24", false],
      "hub_private-subnet-us-east-1a": ["us-east-1a", "10.10.0.0/22", false],
      "hub_public-subnet-us-east-1b": ["us-east-1b", "10.10.9.0/24", false],
      "hub_private-subnet-us-east-1b": ["us-east-1b", "10.10.4.0/22", false],
    });
  });

  it("routes the public tier to the internet gateway", () => {
    expect(resourcesOf(json, "aws_internet_gateway")["hub_internet-gateway"].vpc_id).toBe(ref("aws_vpc", "hub_vpc"));
    expect(resourcesOf(json, "aws_route")["hub_public-default-route"]).toEqual({
      route_table_id: ref("aws_route_table", "hub_public-route-table"),
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: ref("aws_internet_gateway", "hub_internet-gateway"),
    });
    const assoc = resourcesOf(json, "aws_route_table_association");
    expect(assoc["hub_public-route-table-association-us-east-1b"]).toEqual({
      subnet_id: ref("aws_subnet", "hub_public-subnet-us-east-1b"),
      route_table_id: ref("aws_route_table", "hub_public-route-table"),
    });
  });

  it("allocates NAT EIPs with domain = vpc (provider v6) and a single NAT gateway in dev", () => {
    expect(resourcesOf(json, "aws_eip")).toEqual({
      "hub_nat-eip-us-east-1a": { domain: "vpc", tags: { Name: "region-hub-dev-hub-nat-us-east-1a" } },
    });
    expect(resourcesOf(json, "aws_nat_gateway")["hub_nat-gateway-us-east-1a"]).toMatchObject({
      allocation_id: ref("aws_eip", "hub_nat-eip-us-east-1a", "allocation_id"),
      subnet_id: ref("aws_subnet", "hub_public-subnet-us-east-1a"),
      connectivity_type: "public",
      depends_on: ["aws_internet_gateway.hub_internet-gateway"],
    });
    expect(resourcesOf(json, "aws_route")["hub_private-default-route"]).toEqual({
      route_table_id: ref("aws_route_table", "hub_private-route-table"),
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: ref("aws_nat_gateway", "hub_nat-gateway-us-east-1a"),
    });
  });

  it("attaches the S3 gateway endpoint to the private route tables", () => {
    expect(resourcesOf(json, "aws_vpc_endpoint")["hub_s3-gateway-endpoint"]).toEqual({
      vpc_id: ref("aws_vpc", "hub_vpc"),
      service_name: "com.amazonaws.us-east-1.s3",
      vpc_endpoint_type: "Gateway",
      route_table_ids: [ref("aws_route_table", "hub_private-route-table")],
      tags: { Name: "region-hub-dev-hub-s3" },
    });
  });

  it("creates one EC2 Instance Connect Endpoint in a private subnet with its own SSH-only security group", () => {
    expect(resourcesOf(json, "aws_ec2_instance_connect_endpoint")).toEqual({
      "hub_instance-connect-endpoint": {
        subnet_id: ref("aws_subnet", "hub_private-subnet-us-east-1a"),
        security_group_ids: [ref("aws_security_group", "hub_instance-connect-security-group")],
        preserve_client_ip: false,
        tags: { Name: "region-hub-dev-hub" },
      },
    });
    expect(resourcesOf(json, "aws_security_group")["hub_instance-connect-security-group"]).toMatchObject({
      vpc_id: ref("aws_vpc", "hub_vpc"),
      name: "region-hub-dev-hub-instance-connect",
    });
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule")["hub_instance-connect-ssh-egress"]).toEqual({
      security_group_id: ref("aws_security_group", "hub_instance-connect-security-group"),
      description: "SSH to instances in the VPC",
      ip_protocol: "tcp",
      from_port: 22,
      to_port: 22,
      cidr_ipv4: ref("aws_vpc", "hub_vpc", "cidr_block"),
    });
  });

  it("sends flow logs to CloudWatch Logs (log_destination, v6) with retention and a scoped role", () => {
    expect(resourcesOf(json, "aws_cloudwatch_log_group")["hub_flow-log-group"]).toEqual({
      name: "/edge/region-hub/dev/hub/flow-logs",
      retention_in_days: 30,
    });
    expect(resourcesOf(json, "aws_flow_log")["hub_flow-log"]).toEqual({
      vpc_id: ref("aws_vpc", "hub_vpc"),
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: ref("aws_cloudwatch_log_group", "hub_flow-log-group", "arn"),
      iam_role_arn: ref("aws_iam_role", "hub_flow-log-role", "arn"),
      max_aggregation_interval: 600,
      tags: { Name: "region-hub-dev-hub" },
    });
    const trust = JSON.parse(resourcesOf(json, "aws_iam_role")["hub_flow-log-role"].assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "111111111111" },
          ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:111111111111:vpc-flow-log/*" },
        },
      },
    ]);
    const policy = JSON.parse(resourcesOf(json, "aws_iam_role_policy")["hub_flow-log-policy"].policy);
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toEqual(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"]);
    expect(actions.some((a: string) => a.includes("*"))).toBe(false);
    expect(policy.Statement[0].Resource).toEqual([
      ref("aws_cloudwatch_log_group", "hub_flow-log-group", "arn"),
      `${ref("aws_cloudwatch_log_group", "hub_flow-log-group", "arn")}:*`,
    ]);
  });
});

describe("RegionVpc NAT layouts", () => {
  it("gives each AZ its own NAT gateway and private route table in production", () => {
    const { json, vpc } = synthVpc({}, "prod");
    expect(Object.keys(resourcesOf(json, "aws_nat_gateway")).sort()).toEqual(["hub_nat-gateway-us-east-1a", "hub_nat-gateway-us-east-1b"]);
    expect(resourcesOf(json, "aws_route")["hub_private-default-route-us-east-1b"]).toEqual({
      route_table_id: ref("aws_route_table", "hub_private-route-table-us-east-1b"),
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: ref("aws_nat_gateway", "hub_nat-gateway-us-east-1b"),
    });
    expect(resourcesOf(json, "aws_vpc_endpoint")["hub_s3-gateway-endpoint"].route_table_ids).toEqual([
      ref("aws_route_table", "hub_private-route-table-us-east-1a"),
      ref("aws_route_table", "hub_private-route-table-us-east-1b"),
    ]);
    expect(Object.keys(vpc.natGateways)).toEqual(["us-east-1a", "us-east-1b"]);
    expect(resourcesOf(json, "aws_cloudwatch_log_group")["hub_flow-log-group"].retention_in_days).toBe(365);
  });

  it("shares one NAT gateway when asked, even in production", () => {
    const { json } = synthVpc({ natGateways: "single" }, "prod");
    expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toEqual(["hub_nat-gateway-us-east-1a"]);
    expect(Object.keys(resourcesOf(json, "aws_route_table")).sort()).toEqual(["hub_private-route-table", "hub_public-route-table"]);
  });

  it("creates no NAT, EIP or private default route with natGateways none", () => {
    const { json } = synthVpc({ natGateways: "none" });
    expect(resourcesOf(json, "aws_nat_gateway")).toEqual({});
    expect(resourcesOf(json, "aws_eip")).toEqual({});
    expect(Object.keys(resourcesOf(json, "aws_route"))).toEqual(["hub_public-default-route"]);
  });

  it("can leave out the Instance Connect Endpoint and the S3 endpoint", () => {
    const { json } = synthVpc({ instanceConnectEndpoint: false, s3GatewayEndpoint: false });
    expect(resourcesOf(json, "aws_ec2_instance_connect_endpoint")).toEqual({});
    expect(resourcesOf(json, "aws_vpc_endpoint")).toEqual({});
  });

  it("carves subnets from the site's block inside the VPC", () => {
    const { json } = synthVpc({ subnetBlock: "10.10.64.0/18" });
    expect(resourcesOf(json, "aws_subnet")["hub_private-subnet-us-east-1a"].cidr_block).toBe("10.10.64.0/22");
  });
});

describe("RegionVpc bad input", () => {
  const fail = (props: Partial<RegionVpcProps>) => configError(() => synthVpc(props));

  it("rejects a malformed CIDR", () => {
    expect(fail({ cidrBlock: "10.10.0.0/33" }).message).toBe(
      'EDGE_CIDR_INVALID at vpc.cidrBlock: not an IPv4 CIDR block (got "10.10.0.0/33"); fix: write it as address/prefix, for example "10.10.0.0/16"',
    );
  });

  it("rejects a VPC CIDR larger than /16", () => {
    expect(fail({ cidrBlock: "10.0.0.0/12" }).message).toBe(
      'EDGE_CIDR_SIZE at vpc.cidrBlock: prefix length /12 is outside the allowed /16 to /28 (got "10.0.0.0/12"); fix: use a block between /16 and /28',
    );
  });

  it("rejects a CIDR too small for the tiers and says what would fit", () => {
    expect(fail({ cidrBlock: "10.10.0.0/24" }).message).toBe(
      'EDGE_CIDR_TOO_SMALL at vpc.cidrBlock: 10.10.0.0/24 has 256 addresses but 2 x /22 + 2 x /24 need 2560 (got "10.10.0.0/24"); fix: use a /20 or larger block, or smaller subnets',
    );
  });

  it("rejects a subnet block outside the VPC", () => {
    expect(fail({ subnetBlock: "10.20.0.0/18" }).message).toBe(
      'EDGE_CIDR_OUTSIDE_VPC at vpc.subnetBlock: 10.20.0.0/18 is not inside the VPC CIDR 10.10.0.0/16 (got "10.20.0.0/18"); fix: choose a block inside 10.10.0.0/16',
    );
  });

  it("rejects an AZ outside the region", () => {
    expect(fail({ availabilityZones: ["us-east-1a", "us-west-2b"] }).message).toBe(
      'EDGE_ZONE_REGION at vpc.availabilityZones[1]: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2b"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    );
  });

  it("rejects a Local Zone given as an availability zone", () => {
    expect(fail({ availabilityZones: ["us-east-1a", "us-east-1-bos-1a"] }).message).toBe(
      'EDGE_ZONE_KIND at vpc.availabilityZones[1]: us-east-1-bos-1a is a Local Zone, expected an availability zone (got "us-east-1-bos-1a"); fix: put us-east-1-bos-1a in the Local Zone site\'s config, not here',
    );
  });

  it("rejects duplicate AZs", () => {
    expect(fail({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1a"] }).message).toBe(
      'EDGE_AZ_DUPLICATE at vpc.availabilityZones[2]: us-east-1a is already listed at vpc.availabilityZones[0] (got "us-east-1a"); fix: list each availability zone once',
    );
  });

  it("rejects an empty AZ list", () => {
    expect(fail({ availabilityZones: [] }).message).toBe(
      'EDGE_AZ_COUNT at vpc.availabilityZones: at least one availability zone is required (got []); fix: list the AZs explicitly, e.g. ["us-east-1a", "us-east-1b"]',
    );
  });

  it("rejects a retention period CloudWatch Logs does not offer", () => {
    expect(fail({ flowLogRetentionDays: 45 }).code).toBe("EDGE_LOG_RETENTION");
  });

  it("reports every problem at once and creates nothing", () => {
    const stack = testStack({ site: "region-hub" });
    const errors = configErrors(
      () => new RegionVpc(stack, "hub", { cidrBlock: "nope", availabilityZones: ["us-west-2a", "us-east-1-bos-1a"], flowLogRetentionDays: 2 }),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      "EDGE_CIDR_INVALID vpc.cidrBlock",
      "EDGE_ZONE_REGION vpc.availabilityZones[0]",
      "EDGE_ZONE_KIND vpc.availabilityZones[1]",
      "EDGE_LOG_RETENTION vpc.flowLogRetentionDays",
    ]);
    expect(stack.node.findAll().filter((c) => c.node.path.includes("/hub/"))).toEqual([]);
  });
});
