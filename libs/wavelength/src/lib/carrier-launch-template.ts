import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { ConfigCheck, EdgeStack, instanceTypeOfferingPrecondition, isUnresolved } from "@edge/core";
import { Construct } from "constructs";
import type { WavelengthTier, WavelengthZone } from "./wavelength-zone";

/** Props of {@link CarrierLaunchTemplate}. */
export interface CarrierLaunchTemplateProps {
  /** The Wavelength Zone the instances launch in. */
  readonly wavelength: WavelengthZone;
  /** Instance type; must be one the zone offers. */
  readonly instanceType: string;
  /** AMI id (or `resolve:ssm:<parameter>`). @default - none: given when launching */
  readonly imageId?: string;
  /** The tier whose subnet the network interface is in. @default "carrier" */
  readonly tier?: WavelengthTier;
  /**
   * Give the primary network interface a carrier IP. Needs the carrier tier, whose route table
   * sends 0.0.0.0/0 to the carrier gateway.
   * @default true on the carrier tier, false on the private tier
   */
  readonly associateCarrierIpAddress?: boolean;
  /** Public IPv4 addresses do not exist in a Wavelength Zone: only false is accepted. @default false */
  readonly associatePublicIpAddress?: boolean;
  /** Root volume type; must be offered in the zone. @default - from the zone catalog (gp2) */
  readonly rootVolumeType?: string;
  /** Root volume size in GiB. @default 8 */
  readonly rootVolumeSizeGiB?: number;
  /** Root device name of the AMI. @default "/dev/xvda" */
  readonly rootDeviceName?: string;
  /** Security groups of the network interface. @default - the zone's host security group */
  readonly securityGroupIds?: readonly string[];
  /** Instance profile name. @default - none */
  readonly iamInstanceProfileName?: string;
  /** Key pair name. @default - none (use EC2 Instance Connect) */
  readonly keyName?: string;
  /** Base64 user data. @default - none */
  readonly userData?: string;
  /** One-minute CloudWatch metrics (detailed monitoring). @default true */
  readonly detailedMonitoring?: boolean;
  /** Config path of these props, for errors. @default "launchTemplate" */
  readonly configPath?: string;
}

/**
 * A launch template for hosts in a Wavelength Zone: one network interface in the carrier subnet
 * with `associate_carrier_ip_address = true` (provider v6 accepts only true, false or unset),
 * no public IP, an encrypted root volume of a type the zone offers, IMDSv2 required, detailed
 * monitoring, and a
 * plan-time precondition that the instance type is offered in the zone.
 */
export class CarrierLaunchTemplate extends Construct {
  readonly launchTemplate: LaunchTemplate;
  readonly launchTemplateId: string;

  constructor(scope: Construct, id: string, props: CarrierLaunchTemplateProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const wl = props.wavelength;
    const zone = wl.zone;
    const path = props.configPath ?? "launchTemplate";
    const tier = props.tier ?? "carrier";
    const carrierIp = props.associateCarrierIpAddress ?? tier === "carrier";
    const check = new ConfigCheck(this.node.path);

    // Rule 5: instance type from the zone's list, EBS types the zone offers, no public IPs.
    const allowed = wl.allowedInstanceTypes;
    check.expect(allowed === "region" || allowed.includes(props.instanceType), {
      code: "EDGE_ZONE_INSTANCE_TYPE",
      path: `${path}.instanceType`,
      value: props.instanceType,
      problem: `${zone.name} does not offer ${props.instanceType} (offers ${allowed === "region" ? "every Region type" : allowed.join(", ")})`,
      fix: `use one of ${allowed === "region" ? "the Region's types" : allowed.join(", ")}, or override allowedInstanceTypes with the source you read`,
    });
    const offeredVolumes = stack.catalog.factsFor(zone).ebsVolumeTypes.value;
    const volumeType = props.rootVolumeType ?? stack.catalog.defaultEbsVolumeType(zone);
    check.expect(offeredVolumes.includes(volumeType), {
      code: "EDGE_ZONE_EBS_TYPE",
      path: `${path}.rootVolumeType`,
      value: volumeType,
      problem: `${zone.name} does not offer EBS volume type ${volumeType} (offers ${offeredVolumes.join(", ")})`,
      fix: `use ${offeredVolumes.join(" or ")}`,
    });
    check.expect(props.associatePublicIpAddress !== true, {
      code: "EDGE_WLZ_PUBLIC_IP",
      path: `${path}.associatePublicIpAddress`,
      value: props.associatePublicIpAddress,
      problem: "instances in a Wavelength Zone get carrier IPs, not public IPs",
      fix: "remove associatePublicIpAddress and keep associateCarrierIpAddress on the carrier tier",
    });
    // Rule 6: a carrier IP needs a subnet whose route table sends 0.0.0.0/0 to the carrier gateway.
    const subnet = tier === "carrier" ? wl.carrierSubnet : wl.privateSubnet;
    if (!subnet) {
      check.fail({
        code: "EDGE_WLZ_TIER_MISSING",
        path: `${path}.tier`,
        value: tier,
        problem: `the Wavelength Zone has no ${tier} tier`,
        fix: `add "${tier}" to the zone's tiers, or launch in a tier it has`,
      });
    } else if (carrierIp && (tier !== "carrier" || !wl.carrierRoute)) {
      check.fail({
        code: "EDGE_WLZ_CARRIER_ROUTE",
        path: `${path}.tier`,
        value: tier,
        problem: `a carrier IP needs a subnet that routes 0.0.0.0/0 to a carrier gateway, and the ${tier} tier of ${zone.name} does not`,
        fix: 'launch in the "carrier" tier, or set associateCarrierIpAddress to false',
      });
    }
    check.throwIfFailed();

    // Plan time: the account's offerings are the truth (skipped for a type known only at apply).
    const preconditions = isUnresolved(props.instanceType)
      ? []
      : [
          instanceTypeOfferingPrecondition(this, "instance-type-offering", zone, [
            props.instanceType,
          ]).precondition,
        ];
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: stack.physicalName(id),
      description: `Carrier-IP hosts in ${zone.name}`,
      ...(props.imageId !== undefined ? { imageId: props.imageId } : {}),
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      ...(props.keyName !== undefined ? { keyName: props.keyName } : {}),
      ...(props.userData !== undefined ? { userData: props.userData } : {}),
      ...(props.iamInstanceProfileName !== undefined
        ? { iamInstanceProfile: { name: props.iamInstanceProfileName } }
        : {}),
      networkInterfaces: [
        {
          deviceIndex: 0,
          subnetId: subnet!.id,
          securityGroups: [...(props.securityGroupIds ?? [wl.hostSecurityGroup.id])],
          // Provider v6: a nullable bool given as "true"/"false" (unset when not a carrier host).
          ...(carrierIp ? { associateCarrierIpAddress: "true" } : {}),
          associatePublicIpAddress: "false",
          deleteOnTermination: "true",
        },
      ],
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName ?? "/dev/xvda",
          ebs: {
            volumeType,
            volumeSize: props.rootVolumeSizeGiB ?? 8,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
      },
      monitoring: { enabled: props.detailedMonitoring ?? true },
      tagSpecifications: [
        {
          resourceType: "instance",
          tags: { Name: stack.physicalName(id), "zone-type": zone.kind },
        },
        { resourceType: "volume", tags: { Name: stack.physicalName(id) } },
      ],
      lifecycle: { precondition: preconditions },
      tags: { Name: stack.physicalName(id) },
    });
    this.launchTemplateId = this.launchTemplate.id;
  }
}
