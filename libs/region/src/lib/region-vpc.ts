import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Ec2InstanceConnectEndpoint } from "@cdktf/provider-aws/lib/ec2-instance-connect-endpoint";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { EdgeStack, partitionOf, type EdgeSubnet, type IEdgeVpc, validateFor } from "@edge/core";
import { Construct } from "constructs";
import { validateRegionVpcProps, type NatGatewayMode } from "./private/validate-props";

/** Props of {@link RegionVpc}. */
export interface RegionVpcProps {
  /** Primary IPv4 CIDR of the VPC, /16 to /28. */
  readonly cidrBlock: string;
  /**
   * Block inside the VPC CIDR that this VPC's Region subnets are carved from, leaving the rest
   * for the Local Zone and Outpost sites that extend the VPC.
   * @default - the whole VPC CIDR
   */
  readonly subnetBlock?: string;
  /**
   * Availability zones of the stack's region, listed explicitly: never discovered, because an
   * opted-in Local Zone would be picked up as an AZ.
   */
  readonly availabilityZones: readonly string[];
  /**
   * NAT gateways: one per AZ (each private route table uses its own AZ's), a single one in the
   * first AZ, or none (private subnets have no internet egress).
   * @default "per-az" in a production environment, "single" otherwise
   */
  readonly natGateways?: NatGatewayMode;
  /** Prefix length of each public subnet. @default 24 */
  readonly publicSubnetPrefixLength?: number;
  /** Prefix length of each private subnet. @default 22 */
  readonly privateSubnetPrefixLength?: number;
  /** Give instances in public subnets a public IP at launch. @default false */
  readonly mapPublicIpOnLaunch?: boolean;
  /** Add an S3 gateway endpoint to the private route tables. @default true */
  readonly s3GatewayEndpoint?: boolean;
  /** Add the VPC's EC2 Instance Connect Endpoint in the first private subnet. @default true */
  readonly instanceConnectEndpoint?: boolean;
  /** Days flow logs are kept. @default 365 in a production environment, 30 otherwise */
  readonly flowLogRetentionDays?: number;
  /** Flow log aggregation interval in seconds, 60 or 600. @default 600 */
  readonly flowLogAggregationSeconds?: 60 | 600;
  /** KMS key for the flow log group. @default - CloudWatch Logs' own encryption */
  readonly flowLogKmsKeyArn?: string;
  /** Config path of these props, for errors. @default "vpc" */
  readonly configPath?: string;
}

/**
 * The Region VPC of a site: public and private subnets across explicit AZs, internet gateway,
 * NAT per AZ or single, an S3 gateway endpoint, the EC2 Instance Connect Endpoint, flow logs to
 * CloudWatch Logs with a least-privilege role, and the default security group emptied.
 */
export class RegionVpc extends Construct implements IEdgeVpc {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly internetGatewayId: string;
  /** The AZs, in config order. */
  readonly availabilityZones: readonly string[];
  /** Public subnets by AZ. */
  readonly publicSubnets: Readonly<Record<string, Subnet>>;
  /** Private subnets by AZ. */
  readonly privateSubnets: Readonly<Record<string, Subnet>>;
  /** Planned CIDR of each AZ's private subnet (literal values, usable in rules at synth time). */
  readonly privateSubnetCidrs: Readonly<Record<string, string>>;
  readonly publicRouteTable: RouteTable;
  /** The route table each AZ's private subnet uses (one shared table unless NAT is per AZ). */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** NAT gateways by the AZ they live in. */
  readonly natGateways: Readonly<Record<string, NatGateway>>;
  /** The S3 gateway endpoint on the private route tables (unless turned off). */
  readonly s3GatewayEndpoint?: VpcEndpoint;
  readonly instanceConnectEndpoint?: Ec2InstanceConnectEndpoint;
  readonly instanceConnectSecurityGroup?: SecurityGroup;
  readonly flowLog: FlowLog;
  readonly flowLogGroup: CloudwatchLogGroup;

  /** The private subnets as `EdgeSubnet`s, in AZ order: one per AZ, as attachments want them. */
  get privateEdgeSubnets(): EdgeSubnet[] {
    return this.availabilityZones.map((az) => ({ subnetId: this.privateSubnets[az].id, zone: az }));
  }

  constructor(scope: Construct, id: string, props: RegionVpcProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const production = stack.environment.profile === "production";
    const settings = validateFor(this, () =>
      validateRegionVpcProps(props, {
      region: stack.environment.region,
      path: props.configPath ?? "vpc",
      defaults: {
        natGateways: production ? "per-az" : "single",
        flowLogRetentionDays: production ? 365 : 30,
      },
      }),
    );
    const azs = settings.availabilityZones;
    this.availabilityZones = azs;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: stack.physicalName(id) },
    });
    this.vpcId = this.vpc.id;
    this.cidrBlock = this.vpc.cidrBlock;

    // Take over the default security group and leave it with no rules (CKV2_AWS_12).
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: stack.physicalName(id, "default-do-not-use") },
    });

    const igw = new InternetGateway(this, "internet-gateway", {
      vpcId: this.vpc.id,
      tags: { Name: stack.physicalName(id) },
    });
    this.internetGatewayId = igw.id;

    const publicSubnets: Record<string, Subnet> = {};
    const privateSubnets: Record<string, Subnet> = {};
    for (const az of azs) {
      publicSubnets[az] = new Subnet(this, `public-subnet-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: settings.subnetCidrs[`public/${az}`],
        mapPublicIpOnLaunch: settings.mapPublicIpOnLaunch,
        tags: { Name: stack.physicalName(id, "public", az), tier: "public" },
      });
      privateSubnets[az] = new Subnet(this, `private-subnet-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: settings.subnetCidrs[`private/${az}`],
        mapPublicIpOnLaunch: false,
        tags: { Name: stack.physicalName(id, "private", az), tier: "private" },
      });
    }
    this.publicSubnets = publicSubnets;
    this.privateSubnets = privateSubnets;
    this.privateSubnetCidrs = Object.fromEntries(azs.map((az) => [az, settings.subnetCidrs[`private/${az}`]]));

    this.publicRouteTable = new RouteTable(this, "public-route-table", {
      vpcId: this.vpc.id,
      tags: { Name: stack.physicalName(id, "public") },
    });
    new Route(this, "public-default-route", {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    for (const az of azs) {
      new RouteTableAssociation(this, `public-route-table-association-${az}`, {
        subnetId: publicSubnets[az].id,
        routeTableId: this.publicRouteTable.id,
      });
    }

    const natAzs = settings.natGateways === "per-az" ? azs : settings.natGateways === "single" ? [azs[0]] : [];
    const natGateways: Record<string, NatGateway> = {};
    for (const az of natAzs) {
      const eip = new Eip(this, `nat-eip-${az}`, {
        domain: "vpc", // provider v6 removed `vpc = true`
        tags: { Name: stack.physicalName(id, "nat", az) },
      });
      natGateways[az] = new NatGateway(this, `nat-gateway-${az}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[az].id,
        connectivityType: "public",
        tags: { Name: stack.physicalName(id, az) },
        dependsOn: [igw],
      });
    }
    this.natGateways = natGateways;

    // One private route table per AZ when each AZ has its own NAT, so an AZ outage never takes
    // another AZ's egress with it; one shared table otherwise.
    const privateRouteTables: Record<string, RouteTable> = {};
    const tableKeys = settings.natGateways === "per-az" ? azs : ["shared"];
    const tables = new Map<string, RouteTable>();
    for (const key of tableKeys) {
      const suffix = key === "shared" ? "" : `-${key}`;
      const table = new RouteTable(this, `private-route-table${suffix}`, {
        vpcId: this.vpc.id,
        tags: { Name: stack.physicalName(id, "private", ...(key === "shared" ? [] : [key])) },
      });
      const nat = key === "shared" ? natGateways[natAzs[0]] : natGateways[key];
      if (nat) {
        new Route(this, `private-default-route${suffix}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: nat.id,
        });
      }
      tables.set(key, table);
    }
    for (const az of azs) {
      const table = tables.get(settings.natGateways === "per-az" ? az : "shared")!;
      privateRouteTables[az] = table;
      new RouteTableAssociation(this, `private-route-table-association-${az}`, {
        subnetId: privateSubnets[az].id,
        routeTableId: table.id,
      });
    }
    this.privateRouteTables = privateRouteTables;

    if (settings.s3GatewayEndpoint) {
      this.s3GatewayEndpoint = new VpcEndpoint(this, "s3-gateway-endpoint", {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${stack.environment.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...tables.values()].map((t) => t.id),
        tags: { Name: stack.physicalName(id, "s3") },
      });
    }

    if (settings.instanceConnectEndpoint) {
      // One EC2 Instance Connect Endpoint per VPC (CloudFormation AWS::EC2::InstanceConnectEndpoint:
      // "you can create only one EC2 Instance Connect Endpoint per VPC").
      this.instanceConnectSecurityGroup = new SecurityGroup(this, "instance-connect-security-group", {
        name: stack.physicalName(id, "instance-connect"),
        description: "EC2 Instance Connect Endpoint: SSH out to instances in the VPC only",
        vpcId: this.vpc.id,
        tags: { Name: stack.physicalName(id, "instance-connect") },
      });
      new VpcSecurityGroupEgressRule(this, "instance-connect-ssh-egress", {
        securityGroupId: this.instanceConnectSecurityGroup.id,
        description: "SSH to instances in the VPC",
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: this.vpc.cidrBlock,
      });
      this.instanceConnectEndpoint = new Ec2InstanceConnectEndpoint(this, "instance-connect-endpoint", {
        subnetId: privateSubnets[azs[0]].id,
        securityGroupIds: [this.instanceConnectSecurityGroup.id],
        // With the client IP not preserved, instances admit SSH from this endpoint's security
        // group rather than from every client address.
        preserveClientIp: false,
        tags: { Name: stack.physicalName(id) },
      });
    }

    this.flowLogGroup = new CloudwatchLogGroup(this, "flow-log-group", {
      name: `/edge/${stack.site}/${stack.environment.name}/${id}/flow-logs`,
      retentionInDays: settings.flowLogRetentionDays,
      ...(props.flowLogKmsKeyArn ? { kmsKeyId: props.flowLogKmsKeyArn } : {}),
    });
    const partition = partitionOf(stack.environment.region);
    const role = new IamRole(this, "flow-log-role", {
      name: stack.physicalName(id, "flow-logs"),
      description: "VPC flow logs delivery to CloudWatch Logs",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Confused-deputy guard from the VPC flow logs guide (flow-logs-iam-role).
            Condition: {
              StringEquals: { "aws:SourceAccount": stack.environment.account },
              ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${stack.environment.region}:${stack.environment.account}:vpc-flow-log/*` },
            },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "flow-log-policy", {
      name: "deliver-flow-logs",
      role: role.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
          },
          {
            Effect: "Allow",
            Action: ["logs:DescribeLogGroups"],
            Resource: `arn:${partition}:logs:${stack.environment.region}:${stack.environment.account}:log-group:*`,
          },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.flowLogGroup.arn, // provider v6 removed log_group_name
      iamRoleArn: role.arn,
      maxAggregationInterval: settings.flowLogAggregationSeconds,
      tags: { Name: stack.physicalName(id) },
    });
  }
}
