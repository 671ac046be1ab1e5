import { Ec2AvailabilityZoneGroup } from "@cdktf/provider-aws/lib/ec2-availability-zone-group";
import { Ec2CarrierGateway } from "@cdktf/provider-aws/lib/ec2-carrier-gateway";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import {
  EdgeStack,
  isUnresolved,
  zoneOptInPrecondition,
  type EdgeSubnet,
  type IEdgeVpc,
  type InstanceTypeOffer,
  type Zone,
  ZonePlacement,
  type InterfaceEndpointOptions,
  type TransitGatewayAttachmentOptions,
  validateFor,
  addEdgeWarning,
} from "@edge/core";
import { RegionVpc } from "@edge/region";
import { Op, type Precondition } from "cdktf";
import { Construct } from "constructs";
import { validateWavelengthProps } from "./private/validate-props";

/**
 * A Wavelength subnet tier: `carrier` routes 0.0.0.0/0 to the carrier gateway (carrier-IP
 * hosts); `private` has no route out of the VPC (back ends reached from the carrier tier).
 */
export type WavelengthTier = "carrier" | "private";

/** A port opened to the carrier network and the internet on the host security group. */
export interface PublicPort {
  readonly port: number;
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

/** An instance type list that replaces the zone catalog's, with the source it was read in. */
export interface InstanceTypeOverride {
  readonly instanceTypes: readonly string[];
  /** Where the list comes from (a URL, or a `describe-instance-type-offerings` run and its date). */
  readonly source: string;
}

/** Props of {@link WavelengthZone}. */
export interface WavelengthZoneProps {
  /** The Wavelength Zone, e.g. `us-east-1-wl1-bos-wlz-1`. */
  readonly zone: string;
  /**
   * A VPC to extend into the zone.
   * @default - a VPC of its own (a `RegionVpc` with one region-side AZ): EC2 instances in two
   * Wavelength Zones of one VPC cannot reach each other, so one VPC per Wavelength Zone is the
   * documented pattern
   */
  readonly vpc?: IEdgeVpc;
  /**
   * Availability zone of the region-side subnets of a VPC of its own (bastion access through the
   * EC2 Instance Connect Endpoint, interface endpoints, transit gateway attachment).
   * @default - required when `vpc` is not given; not allowed otherwise
   */
  readonly regionAvailabilityZone?: string;
  /**
   * The environment's hub VPC (read from `region-hub`'s outputs). A VPC of its own is checked
   * against the environment's planned hub CIDR at synth time; with this, a precondition also
   * checks at plan time that the hub really has that CIDR.
   * @default - synth-time check only
   */
  readonly hubVpc?: IEdgeVpc;
  /**
   * Block the VPC of its own (or, extending a VPC, the Wavelength subnets) is carved from.
   * @default - this site's block from the environment's plan (`network.sites.<site>`)
   */
  readonly subnetBlock?: string;
  /** Subnet tiers in the zone. @default ["carrier"] */
  readonly tiers?: readonly WavelengthTier[];
  /** Prefix length of the carrier subnet. @default 24 */
  readonly carrierSubnetPrefixLength?: number;
  /** Prefix length of the private subnet. @default 24 */
  readonly privateSubnetPrefixLength?: number;
  /**
   * Internet egress of the private tier: `zone-nat` asks for a NAT gateway in the zone, which the
   * zone catalog must say the zone offers.
   * @default "none"
   */
  readonly privateEgress?: "none" | "zone-nat";
  /**
   * Create the VPC's carrier gateway (one per VPC). Set false when the extended VPC already has
   * one and pass `carrierGatewayId`.
   * @default true
   */
  readonly carrierGateway?: boolean;
  /** The extended VPC's existing carrier gateway. @default - the one this construct creates */
  readonly carrierGatewayId?: string;
  /** IPv6 on the Wavelength subnets. Carrier gateways carry IPv4 only. @default false */
  readonly ipv6?: boolean;
  /**
   * Manage the zone group opt-in (`aws_ec2_availability_zone_group`). Wavelength also needs an
   * access request before opting in.
   * @default false - the opt-in is only checked at plan time
   */
  readonly manageOptIn?: boolean;
  /** Instance types allowed in the zone. @default - the zone catalog's list */
  readonly allowedInstanceTypes?: InstanceTypeOverride;
  /** Ports the carrier-IP hosts serve to the carrier network. @default [] */
  readonly publicPorts?: readonly PublicPort[];
  /**
   * Ports the hosts may reach on the internet (0.0.0.0/0, through the carrier gateway); traffic
   * inside the VPC CIDR is always allowed out.
   * @default [{ port: 443 }] - HTTPS, for AWS APIs and package repositories
   */
  readonly egressPorts?: readonly PublicPort[];
  /** Config path of these props, for errors. @default "wavelength" */
  readonly configPath?: string;
}

/**
 * One Wavelength Zone: its VPC (its own, or an extended one), the VPC's carrier gateway,
 * Wavelength subnets (a carrier tier routing 0.0.0.0/0 to the carrier gateway, an optional
 * private tier), a host security group, region-side subnets for what cannot live in the zone,
 * and a plan-time opt-in precondition.
 */
export class WavelengthZone extends Construct implements IEdgeVpc {
  readonly zone: Zone;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly internetGatewayId?: string;
  /** The VPC of its own, when the zone has one. */
  readonly regionVpc?: RegionVpc;
  readonly carrierGateway?: Ec2CarrierGateway;
  /** Id of the VPC's carrier gateway (created or given). */
  readonly carrierGatewayId?: string;
  readonly carrierSubnet?: Subnet;
  readonly carrierRouteTable?: RouteTable;
  /** The `0.0.0.0/0 -> carrier_gateway_id` route of the carrier tier. */
  readonly carrierRoute?: Route;
  readonly privateSubnet?: Subnet;
  readonly privateRouteTable?: RouteTable;
  readonly natGateway?: NatGateway;
  readonly optIn?: Ec2AvailabilityZoneGroup;
  readonly hostSecurityGroup: SecurityGroup;
  /** The ingress rules of the declared public ports, by `<protocol>-<port>`. */
  readonly publicIngressRules: Readonly<Record<string, VpcSecurityGroupIngressRule>>;
  /**
   * The range the public ports admit, for other carrier-IP workloads of the site (containers):
   * every address, because the carrier gateway admits inbound traffic from the carrier network
   * only ("There is no inbound connection configuration from the internet to a Wavelength Zone
   * through the carrier gateway", Wavelength developer guide, how-wavelengths-work).
   */
  readonly publicIngressCidr = "0.0.0.0/0";
  /** Instance types allowed in the zone (catalog or override). */
  readonly allowedInstanceTypes: InstanceTypeOffer;
  /** Config path of the props, for errors of constructs built on this one. */
  readonly configPath: string;

  constructor(scope: Construct, id: string, props: WavelengthZoneProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    this.configPath = props.configPath ?? "wavelength";
    const settings = validateFor(this, () => validateWavelengthProps(props, stack, this.configPath));
    for (const warning of settings.warnings) addEdgeWarning(this, warning);
    const zone = settings.zone;
    this.zone = zone;
    this.allowedInstanceTypes = settings.allowedInstanceTypes;

    if (settings.ownVpc) {
      this.regionVpc = new RegionVpc(this, "vpc", {
        cidrBlock: settings.vpcCidr,
        subnetBlock: settings.cidrs.region,
        availabilityZones: [settings.regionAvailabilityZone!],
        natGateways: "none",
        publicSubnetPrefixLength: 26,
        privateSubnetPrefixLength: 24,
        configPath: `${this.configPath}.vpc`,
      });
      this.vpcId = this.regionVpc.vpcId;
      this.cidrBlock = this.regionVpc.cidrBlock;
      this.internetGatewayId = this.regionVpc.internetGatewayId;
    } else {
      this.vpcId = props.vpc!.vpcId;
      this.cidrBlock = props.vpc!.cidrBlock;
      this.internetGatewayId = props.vpc!.internetGatewayId;
    }

    if (props.manageOptIn) {
      this.optIn = new Ec2AvailabilityZoneGroup(this, "opt-in", {
        groupName: zone.groupName,
        optInStatus: "opted-in",
      });
    }
    const optIn = zoneOptInPrecondition(this, "zone", zone, {
      dependsOn: this.optIn ? [this.optIn] : [],
    });
    const preconditions: Precondition[] = [optIn.precondition];
    const planned = stack.environment.network.vpcCidr;
    if (!settings.ownVpc && isUnresolved(props.vpc!.cidrBlock)) {
      preconditions.push({
        condition: Op.eq(props.vpc!.cidrBlock, planned),
        errorMessage: `The VPC CIDR ${props.vpc!.cidrBlock} is not ${planned}, the CIDR these Wavelength subnets were planned in.`,
      });
    }
    if (settings.ownVpc && props.hubVpc && isUnresolved(props.hubVpc.cidrBlock)) {
      preconditions.push({
        condition: Op.eq(props.hubVpc.cidrBlock, planned),
        errorMessage: `The hub VPC CIDR ${props.hubVpc.cidrBlock} is not ${planned}, the CIDR this Wavelength VPC was checked against for overlaps.`,
      });
    }

    // One carrier gateway per VPC; it needs a Wavelength subnet in the VPC (checked above).
    if (settings.createCarrierGateway) {
      this.carrierGateway = new Ec2CarrierGateway(this, "carrier-gateway", {
        vpcId: this.vpcId,
        tags: { Name: stack.physicalName(id) },
      });
      this.carrierGatewayId = this.carrierGateway.id;
    } else {
      this.carrierGatewayId = props.carrierGatewayId;
    }

    const subnet = (tier: WavelengthTier) =>
      new Subnet(this, `${tier}-subnet`, {
        vpcId: this.vpcId,
        availabilityZone: zone.name,
        cidrBlock: settings.cidrs[tier],
        // Carrier IPs only: no public IPv4 addresses, no IPv6 in a Wavelength Zone.
        mapPublicIpOnLaunch: false,
        lifecycle: { precondition: preconditions },
        ...(this.optIn ? { dependsOn: [this.optIn] } : {}),
        tags: { Name: stack.physicalName(id, tier), tier, "zone-type": zone.kind },
      });
    const routeTable = (tier: WavelengthTier, s: Subnet) => {
      const table = new RouteTable(this, `${tier}-route-table`, {
        vpcId: this.vpcId,
        tags: { Name: stack.physicalName(id, tier) },
      });
      new RouteTableAssociation(this, `${tier}-route-table-association`, {
        subnetId: s.id,
        routeTableId: table.id,
      });
      return table;
    };

    if (settings.tiers.includes("carrier")) {
      this.carrierSubnet = subnet("carrier");
      this.carrierRouteTable = routeTable("carrier", this.carrierSubnet);
      this.carrierRoute = new Route(this, "carrier-default-route", {
        routeTableId: this.carrierRouteTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        carrierGatewayId: this.carrierGatewayId!,
      });
    }
    if (settings.tiers.includes("private")) {
      this.privateSubnet = subnet("private");
      this.privateRouteTable = routeTable("private", this.privateSubnet);
      if (props.privateEgress === "zone-nat") {
        // Reached only when the catalog (or an override) says the zone offers NAT gateways.
        const eip = new Eip(this, "nat-eip", {
          domain: "vpc",
          networkBorderGroup: zone.networkBorderGroup,
          tags: { Name: stack.physicalName(id, "nat") },
        });
        this.natGateway = new NatGateway(this, "nat-gateway", {
          allocationId: eip.allocationId,
          subnetId: this.carrierSubnet!.id,
          connectivityType: "public",
          tags: { Name: stack.physicalName(id) },
        });
        new Route(this, "private-default-route", {
          routeTableId: this.privateRouteTable.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: this.natGateway.id,
        });
      }
    }

    this.hostSecurityGroup = new SecurityGroup(this, "host-security-group", {
      name: stack.physicalName(id, "hosts"),
      description: `Carrier-IP hosts in ${zone.name}: declared public ports only`,
      vpcId: this.vpcId,
      tags: { Name: stack.physicalName(id, "hosts") },
    });
    new VpcSecurityGroupEgressRule(this, "host-egress-vpc", {
      securityGroupId: this.hostSecurityGroup.id,
      description: "Everything inside the VPC",
      ipProtocol: "-1",
      cidrIpv4: settings.vpcCidr,
    });
    for (const p of settings.egressPorts) {
      new VpcSecurityGroupEgressRule(this, `host-egress-${p.protocol}-${p.port}`, {
        securityGroupId: this.hostSecurityGroup.id,
        description: `${p.protocol}/${p.port} to the internet through the carrier gateway`,
        ipProtocol: p.protocol,
        fromPort: p.port,
        toPort: p.port,
        cidrIpv4: "0.0.0.0/0",
      });
    }
    const publicIngressRules: Record<string, VpcSecurityGroupIngressRule> = {};
    for (const p of settings.publicPorts) {
      publicIngressRules[`${p.protocol}-${p.port}`] = new VpcSecurityGroupIngressRule(
        this,
        `host-ingress-${p.protocol}-${p.port}`,
        {
          securityGroupId: this.hostSecurityGroup.id,
          description: `Public ${p.protocol}/${p.port} from the carrier network (declared by the site)`,
          ipProtocol: p.protocol,
          fromPort: p.port,
          toPort: p.port,
          cidrIpv4: this.publicIngressCidr,
        },
      );
    }
    this.publicIngressRules = publicIngressRules;
  }

  /** The region-side subnets of a VPC of its own, as placements (empty when extending a VPC). */
  get regionSubnets(): readonly EdgeSubnet[] {
    if (!this.regionVpc) return [];
    return this.regionVpc.availabilityZones.map((az) => ({
      subnetId: this.regionVpc!.privateSubnets[az].id,
      zone: az,
    }));
  }

  /**
   * Adds an interface VPC endpoint in availability zone subnets: VPC endpoints belong in an AZ
   * of the VPC, not in a Wavelength Zone (Wavelength guide, via the OpenShift enhancement).
   */
  addInterfaceEndpoint(id: string, options: InterfaceEndpointOptions): VpcEndpoint {
    return this.placement.addInterfaceEndpoint(id, options);
  }

  /**
   * Attaches the VPC to a transit gateway through availability zone subnets: no transit gateway
   * attachment in a Wavelength subnet (Amazon VPC UG, Extend_VPCs; Wavelength quotas).
   */
  addTransitGatewayAttachment(
    id: string,
    options: TransitGatewayAttachmentOptions,
  ): Ec2TransitGatewayVpcAttachment {
    return this.placement.addTransitGatewayAttachment(id, options);
  }

  private get placement(): ZonePlacement {
    return new ZonePlacement(this, {
      vpcId: this.vpcId,
      configPath: this.configPath,
      defaultSubnets: () => this.regionSubnets,
    });
  }
}
