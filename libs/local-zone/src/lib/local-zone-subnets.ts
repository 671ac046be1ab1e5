import { Ec2AvailabilityZoneGroup } from "@cdktf/provider-aws/lib/ec2-availability-zone-group";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointRouteTableAssociation } from "@cdktf/provider-aws/lib/vpc-endpoint-route-table-association";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import {
  EdgeStack,
  instanceTypeOfferingPrecondition,
  isUnresolved,
  zoneOptInPrecondition,
  type IEdgeVpc,
  type Zone,
  ZonePlacement,
  type InterfaceEndpointOptions,
  type TransitGatewayAttachmentOptions,
  validateFor,
  addEdgeWarning,
} from "@edge/core";
import { Op, type Precondition } from "cdktf";
import { Construct } from "constructs";
import { BorderGroupEip } from "./border-group-eip";
import { validateLocalZoneProps } from "./private/validate-props";

/**
 * How private Local Zone subnets reach the internet: `auto` uses an in-zone NAT gateway where
 * the zone catalog says the zone offers one and the parent AZ's NAT in the Region otherwise;
 * `zone-nat` and `region-nat` force one; `none` gives private subnets no internet route.
 */
export type LocalZoneEgress = "auto" | "zone-nat" | "region-nat" | "none";

/** The Region NAT gateway a Local Zone's private subnets use when the zone has none. */
export interface RegionEgress {
  /** The availability zone the NAT gateway lives in: ideally the Local Zone's parent AZ. */
  readonly availabilityZone: string;
  /** The NAT gateway id, e.g. the hub's `natGatewayIds.get(availabilityZone)`. */
  readonly natGatewayId: string;
  /**
   * Config path of `availabilityZone`, for errors, e.g. where the site config names it.
   * @default `<configPath>.regionEgress.<zone>.availabilityZone`
   */
  readonly configPath?: string;
}

/** A port instances reach on the internet through the workload security group. */
export interface EgressPort {
  readonly port: number;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

/** Props of {@link LocalZoneSubnets}. */
export interface LocalZoneSubnetsProps {
  /**
   * The VPC to extend, usually the hub VPC read from `region-hub`'s outputs. When its CIDR is a
   * token, subnets are checked against the environment's `network.vpcCidr` at synth time, and a
   * plan-time precondition checks that the VPC really has that CIDR.
   */
  readonly vpc: IEdgeVpc;
  /** Local Zone names of the stack's region, e.g. `["us-east-1-bos-1a"]`. */
  readonly zones: readonly string[];
  /**
   * Block the subnets are carved from; inside the VPC CIDR and disjoint from every other site's
   * block of the environment.
   * @default - this site's block from the environment's plan (`network.sites.<site>`)
   */
  readonly subnetBlock?: string;
  /** Prefix length of each zone's public subnet. @default 24 */
  readonly publicSubnetPrefixLength?: number;
  /** Prefix length of each zone's private subnet. @default 22 */
  readonly privateSubnetPrefixLength?: number;
  /**
   * Give instances in the public subnets a public IP at launch (allocated by AWS from the zone's
   * network border group).
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /** Private subnet egress. @default "auto" */
  readonly privateEgress?: LocalZoneEgress;
  /**
   * Region NAT gateway per Local Zone name, for zones that egress through the Region.
   * @default - none: a zone without an in-zone NAT gateway then needs privateEgress "none"
   */
  readonly regionEgress?: Readonly<Record<string, RegionEgress>>;
  /**
   * Manage the zone group opt-in (`aws_ec2_availability_zone_group`, `opted-in`). Terraform
   * adopts an existing opt-in without import and does nothing on removal.
   * @default false - the opt-in is only checked at plan time
   */
  readonly manageOptIn?: boolean;
  /**
   * Instance types the site will run in these zones: checked against the zone catalog at synth
   * time and against the account's offerings at plan time.
   * @default []
   */
  readonly instanceTypes?: readonly string[];
  /** EBS volume type for volumes in these zones. @default - gp3 where the catalog lists it, else gp2 */
  readonly ebsVolumeType?: string;
  /**
   * Ports the workload security group may reach on the internet (0.0.0.0/0); traffic inside the
   * VPC CIDR is always allowed out.
   * @default [{ port: 443 }] - HTTPS, for AWS APIs and package repositories
   */
  readonly egressPorts?: readonly EgressPort[];
  /**
   * The VPC's S3 gateway endpoint (the hub's), associated with every private route table so S3
   * traffic from the zones takes the endpoint rather than a NAT gateway: Local Zone subnets
   * "follow the same routing rules as Availability Zone subnets, including route tables" (Amazon
   * VPC UG, Local Zones), and a gateway endpoint serves the subnets whose route tables it is on
   * (Amazon VPC UG, gateway endpoints).
   * @default - no association
   */
  readonly s3GatewayEndpointId?: string;
  /** Config path of these props, for errors. @default "localZones" */
  readonly configPath?: string;
}

/**
 * Extends a VPC into one or more Local Zones: the zone-group opt-in (optional), a public and a
 * private subnet per zone with CIDRs from the planner, a public route table to the VPC's internet
 * gateway, private egress through an in-zone NAT gateway (EIP in the zone's network border
 * group) where the zone catalog says the zone offers one or through the parent AZ's NAT in the
 * Region otherwise, a workload security group, and plan-time preconditions for the opt-in and
 * the instance types.
 */
export class LocalZoneSubnets extends Construct {
  readonly zones: readonly Zone[];
  readonly vpcId: string;
  /** Public subnets by zone name. */
  readonly publicSubnets: Readonly<Record<string, Subnet>>;
  /** Private subnets by zone name. */
  readonly privateSubnets: Readonly<Record<string, Subnet>>;
  readonly publicRouteTable: RouteTable;
  /** Private route tables by zone name. */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** In-zone NAT gateways by zone name (zones that have one). */
  readonly natGateways: Readonly<Record<string, NatGateway>>;
  /** Zone group opt-ins by group name, when managed. */
  readonly optIns: Readonly<Record<string, Ec2AvailabilityZoneGroup>>;
  /** Default EBS volume type per zone name. */
  readonly ebsVolumeTypes: Readonly<Record<string, string>>;
  readonly workloadSecurityGroup: SecurityGroup;
  /** The S3 gateway endpoint association of each private route table, by zone name. */
  readonly s3EndpointAssociations: Readonly<Record<string, VpcEndpointRouteTableAssociation>>;
  private readonly configPath: string;

  constructor(scope: Construct, id: string, props: LocalZoneSubnetsProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    this.configPath = props.configPath ?? "localZones";
    const settings = validateFor(this, () => validateLocalZoneProps(props, stack, this.configPath));
    for (const warning of settings.warnings) addEdgeWarning(this, warning);
    this.zones = settings.zones;
    this.ebsVolumeTypes = settings.ebsVolumeTypes;
    this.vpcId = props.vpc.vpcId;
    const vpcId = props.vpc.vpcId;

    const optIns: Record<string, Ec2AvailabilityZoneGroup> = {};
    if (props.manageOptIn) {
      for (const zone of this.zones) {
        optIns[zone.groupName] ??= new Ec2AvailabilityZoneGroup(this, `opt-in-${zone.groupName}`, {
          groupName: zone.groupName,
          optInStatus: "opted-in",
        });
      }
    }
    this.optIns = optIns;

    // Plan-time checks shared by every subnet: the hub VPC has the planned CIDR.
    const shared: Precondition[] = [];
    if (isUnresolved(props.vpc.cidrBlock)) {
      shared.push({
        condition: Op.eq(props.vpc.cidrBlock, settings.plannedVpcCidr),
        errorMessage: `The VPC CIDR ${props.vpc.cidrBlock} is not ${settings.plannedVpcCidr}, the CIDR these Local Zone subnets were planned in.`,
      });
    }

    const publicSubnets: Record<string, Subnet> = {};
    const privateSubnets: Record<string, Subnet> = {};
    for (const zone of this.zones) {
      const group = optIns[zone.groupName];
      const optIn = zoneOptInPrecondition(this, `zone-${zone.name}`, zone, {
        dependsOn: group ? [group] : [],
      });
      const preconditions = [...shared, optIn.precondition];
      if (settings.instanceTypes.length > 0) {
        preconditions.push(
          instanceTypeOfferingPrecondition(
            this,
            `instance-types-${zone.name}`,
            zone,
            settings.instanceTypes,
          ).precondition,
        );
      }
      const common = {
        vpcId,
        availabilityZone: zone.name,
        lifecycle: { precondition: preconditions },
        ...(group ? { dependsOn: [group] } : {}),
      };
      publicSubnets[zone.name] = new Subnet(this, `public-subnet-${zone.name}`, {
        ...common,
        cidrBlock: settings.subnetCidrs[`public/${zone.name}`],
        mapPublicIpOnLaunch: props.mapPublicIpOnLaunch ?? false,
        tags: {
          Name: stack.physicalName(id, "public", zone.name),
          tier: "public",
          "zone-type": zone.kind,
        },
      });
      privateSubnets[zone.name] = new Subnet(this, `private-subnet-${zone.name}`, {
        ...common,
        cidrBlock: settings.subnetCidrs[`private/${zone.name}`],
        mapPublicIpOnLaunch: false,
        tags: {
          Name: stack.physicalName(id, "private", zone.name),
          tier: "private",
          "zone-type": zone.kind,
        },
      });
    }
    this.publicSubnets = publicSubnets;
    this.privateSubnets = privateSubnets;

    // Public tier: Local Zone traffic leaves through the VPC's internet gateway from the zone.
    this.publicRouteTable = new RouteTable(this, "public-route-table", {
      vpcId,
      tags: { Name: stack.physicalName(id, "public") },
    });
    new Route(this, "public-default-route", {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: props.vpc.internetGatewayId!,
    });
    for (const zone of this.zones) {
      new RouteTableAssociation(this, `public-route-table-association-${zone.name}`, {
        subnetId: publicSubnets[zone.name].id,
        routeTableId: this.publicRouteTable.id,
      });
    }

    // Private tier: one route table per zone, since each zone's egress differs.
    const privateRouteTables: Record<string, RouteTable> = {};
    const natGateways: Record<string, NatGateway> = {};
    for (const zone of this.zones) {
      const table = new RouteTable(this, `private-route-table-${zone.name}`, {
        vpcId,
        tags: { Name: stack.physicalName(id, "private", zone.name) },
      });
      privateRouteTables[zone.name] = table;
      new RouteTableAssociation(this, `private-route-table-association-${zone.name}`, {
        subnetId: privateSubnets[zone.name].id,
        routeTableId: table.id,
      });
      const plan = settings.egress[zone.name];
      let natGatewayId: string | undefined;
      if (plan.mode === "zone-nat") {
        // The NAT's EIP comes from the zone's network border group (rule 7).
        const eip = new BorderGroupEip(this, `nat-eip-${zone.name}`, {
          zone: zone.name,
          name: `${id}-nat-${zone.name}`,
          configPath: `${this.configPath}.natGateway`,
        });
        natGateways[zone.name] = new NatGateway(this, `nat-gateway-${zone.name}`, {
          allocationId: eip.allocationId,
          subnetId: publicSubnets[zone.name].id,
          connectivityType: "public",
          tags: { Name: stack.physicalName(id, zone.name) },
        });
        natGatewayId = natGateways[zone.name].id;
      } else if (plan.mode === "region-nat") {
        natGatewayId = plan.natGatewayId;
      }
      if (natGatewayId !== undefined) {
        new Route(this, `private-default-route-${zone.name}`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId,
        });
      }
    }
    this.privateRouteTables = privateRouteTables;
    this.natGateways = natGateways;
    const s3EndpointAssociations: Record<string, VpcEndpointRouteTableAssociation> = {};
    if (props.s3GatewayEndpointId !== undefined) {
      for (const zone of this.zones) {
        const association = new VpcEndpointRouteTableAssociation(
          this,
          `s3-gateway-endpoint-${zone.name}`,
          {
            routeTableId: privateRouteTables[zone.name].id,
            vpcEndpointId: props.s3GatewayEndpointId,
          },
        );
        // The endpoint belongs to another stack: name its service for the synth path check.
        association.addOverride("//.edge_paths", { service: "s3" });
        s3EndpointAssociations[zone.name] = association;
      }
    }
    this.s3EndpointAssociations = s3EndpointAssociations;

    // Workload security group: outbound to the VPC and to the declared internet ports only;
    // compute adds its own ingress rules.
    this.workloadSecurityGroup = new SecurityGroup(this, "workload-security-group", {
      name: stack.physicalName(id, "workload"),
      description:
        "Instances in the Local Zone subnets: outbound to the VPC and declared ports only",
      vpcId,
      tags: { Name: stack.physicalName(id, "workload") },
    });
    new VpcSecurityGroupEgressRule(this, "workload-egress-vpc", {
      securityGroupId: this.workloadSecurityGroup.id,
      description: "Everything inside the VPC",
      ipProtocol: "-1",
      cidrIpv4: settings.plannedVpcCidr,
    });
    for (const p of settings.egressPorts) {
      new VpcSecurityGroupEgressRule(this, `workload-egress-${p.protocol}-${p.port}`, {
        securityGroupId: this.workloadSecurityGroup.id,
        description: `${p.protocol}/${p.port} to the internet`,
        ipProtocol: p.protocol,
        fromPort: p.port,
        toPort: p.port,
        cidrIpv4: "0.0.0.0/0",
      });
    }
  }

  /**
   * Adds an interface VPC endpoint for the zones' workloads. Its subnets must be availability
   * zone subnets (usually the hub's, in the zones' parent AZs): "You cannot create VPC endpoints
   * inside Local Zone subnets" (Amazon VPC UG, Extend_VPCs).
   */
  addInterfaceEndpoint(id: string, options: InterfaceEndpointOptions): VpcEndpoint {
    return this.placement.addInterfaceEndpoint(id, options);
  }

  /**
   * Attaches the VPC to a transit gateway through availability zone subnets: "You can't create
   * an attachment for a VPC subnet that resides in a Local Zone" (Transit Gateway guide, VPC
   * attachments); Local Zone traffic reaches the attachment through the parent AZ.
   */
  addTransitGatewayAttachment(
    id: string,
    options: TransitGatewayAttachmentOptions,
  ): Ec2TransitGatewayVpcAttachment {
    return this.placement.addTransitGatewayAttachment(id, options);
  }

  private get placement(): ZonePlacement {
    return new ZonePlacement(this, { vpcId: this.vpcId, configPath: this.configPath });
  }
}
