import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import {
  LaunchTemplate,
  type LaunchTemplateNetworkInterfaces,
} from "@cdktf/provider-aws/lib/launch-template";
import { PlacementGroup } from "@cdktf/provider-aws/lib/placement-group";
import {
  ConfigCheck,
  declareNeeds,
  EdgeStack,
  instanceTypeOfferingPrecondition,
  isNitro,
  isUnresolved,
  addEdgeWarning,
  placementGroupFacts,
} from "@edge/core";
import type { Precondition, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { OSV_ROOT_DEVICE } from "./osv-image";
import type {
  OsvBootMode,
  OsvImdsV1Exception,
  OsvLaunchTemplateProps,
} from "./osv-launch-template-props";
import { hostPolicy, hostTrustPolicy } from "./private/iam-documents";
import {
  validateTemplateProps,
  type HostLaunch,
  type TemplateSettings,
} from "./private/validate-template";

const IMDS_RULE = "EDGE-EC2-1";

/** How fixed instances launch: settings the template carries for instances that name a subnet. */
export interface OsvInstanceLaunchSettings {
  readonly terminationProtection: boolean;
  readonly shutdownBehavior: "stop" | "terminate";
}

/**
 * The launch template of a set of hosts, with what it needs: a least-privilege role and instance
 * profile, an optional placement group, plan-time checks (instance type offerings in Local and
 * Wavelength Zones, ENA of an existing AMI for Nitro types) and the launch template itself
 * (encrypted root volume, detailed monitoring, IMDSv2 unless user-data boot, network interface
 * per zone kind: carrier IP in a Wavelength Zone, the subnet's customer-owned IP on an Outpost,
 * private elsewhere).
 *
 * On its own it is a template for hosts launched elsewhere; {@link OsvAutoScalingFleet} and
 * {@link OsvFixedHosts} are launch templates that also launch their hosts, under the same id, so
 * their resources keep the addresses `<id>_launch-template`, `<id>_role`, …
 */
export class OsvLaunchTemplate extends Construct {
  readonly launchTemplate: LaunchTemplate;
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly placementGroup?: PlacementGroup;
  /** Plan-time check of an existing AMI's ENA support (Nitro types only). */
  readonly imageCheck?: DataAwsAmi;
  readonly bootMode: OsvBootMode;
  /** OSv command line of `command`, when given (`--env=K=V … /app --port=8080`). */
  readonly commandLine?: string;
  /** User data in plain text (user-data mode only); the launch template holds it base64-encoded. */
  readonly userData?: string;
  /** Root volume type of the hosts. */
  readonly rootVolumeType: string;
  /** The name every resource of the hosts carries: `<site>-<env>-<id>`. */
  readonly physicalName: string;
  /** Config path of the props, for errors and warnings. */
  protected readonly configPath: string;

  /** Plan-time checks that instances launched by name must carry too. */
  protected readonly preconditions: readonly Precondition[];
  /** The instance metadata options of the hosts. */
  protected readonly metadataOptions: {
    readonly httpEndpoint: string;
    readonly httpTokens: string;
    readonly httpPutResponseHopLimit: number;
    readonly instanceMetadataTags: string;
  };
  /** The placement group the hosts launch in, when any. */
  protected readonly placementGroupName?: string;
  protected readonly settings: TemplateSettings;
  private imds?: OsvImdsV1Exception;

  /**
   * @param launch how a fleet launches from the template (fleets pass it; a template on its own
   *   is for an Auto Scaling group launched elsewhere)
   * @param instanceLaunch settings of instances that name their subnet (fixed hosts only)
   */
  constructor(
    scope: Construct,
    id: string,
    props: OsvLaunchTemplateProps,
    launch?: HostLaunch & { readonly check?: ConfigCheck },
    instanceLaunch?: OsvInstanceLaunchSettings,
  ) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const env = stack.environment;
    const name = stack.physicalName(id);
    this.physicalName = name;
    this.configPath = props.configPath ?? "osv";
    const s = validateTemplateProps(
      props,
      {
        region: env.region,
        path: props.configPath ?? "osv",
        catalog: stack.catalog,
        production: env.profile === "production",
        physicalName: name,
        placementGroup: (group) => placementGroupFacts(this, group),
      },
      launch ?? { by: "group", maxHosts: 0, maxHostsAt: { key: "maxSize", value: undefined } },
      launch?.check ?? new ConfigCheck(this.node.path),
    );
    this.settings = s;
    const byGroup = instanceLaunch === undefined;
    this.bootMode = s.bootMode;
    this.rootVolumeType = s.rootVolumeType;
    if (s.commandLine !== undefined) this.commandLine = s.commandLine;
    if (s.userData !== undefined) this.userData = s.userData;

    // --- IAM: least privilege; the permissions boundary comes from the stack's aspect. ---------
    this.role = new IamRole(this, "role", {
      name,
      description: "OSv hosts: read their config and secrets, publish metrics to their namespace",
      assumeRolePolicy: JSON.stringify(hostTrustPolicy()),
    });
    new IamRolePolicy(this, "role-policy", {
      name: "osv-host",
      role: this.role.id,
      policy: JSON.stringify(
        hostPolicy({
          region: env.region,
          account: env.account,
          ...(props.configBucket !== undefined
            ? { config: { bucket: props.configBucket, prefix: s.configPrefix! } }
            : {}),
          ...(props.secretPathPrefix !== undefined
            ? { secretPathPrefix: props.secretPathPrefix }
            : {}),
          ...(props.secretKmsKeyArn !== undefined
            ? { secretKmsKeyArn: props.secretKmsKeyArn }
            : {}),
          metricNamespace: s.metricNamespace,
        }),
      ),
    });
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
      name,
      role: this.role.name,
    });

    // --- Placement ---------------------------------------------------------------------------
    if (s.placement?.create) {
      this.placementGroup = new PlacementGroup(this, "placement-group", {
        name,
        strategy: s.placement.strategy,
        ...(s.placement.partitionCount !== undefined
          ? { partitionCount: s.placement.partitionCount }
          : {}),
        ...(s.placement.spreadLevel !== undefined ? { spreadLevel: s.placement.spreadLevel } : {}),
        tags: { Name: name },
      });
      this.placementGroupName = this.placementGroup.name;
    } else if (s.placement) {
      this.placementGroupName = s.placement.name;
    }

    // --- Plan-time checks --------------------------------------------------------------------
    const preconditions: Precondition[] = [...(props.outpost?.placementPreconditions ?? [])];
    const literalTypes = s.instanceTypes.filter((t) => !isUnresolved(t));
    if (s.zones.kind === "local-zone" || s.zones.kind === "wavelength-zone") {
      // The catalog's lists are checked at synth; the account's real offerings at plan time.
      for (const zone of s.zones.zones) {
        if (literalTypes.length === 0) break;
        preconditions.push(
          instanceTypeOfferingPrecondition(
            this,
            `instance-type-offering-${zone.name}`,
            zone,
            literalTypes,
          ).precondition,
        );
      }
    }
    this.preconditions = preconditions;
    // Nitro types refuse AMIs without ENA (InvalidParameterCombination at launch). An image this
    // library registered has it; an existing AMI is looked up by id and checked at plan time.
    const needsEna = s.instanceTypes.some((t) => isUnresolved(t) || isNitro(t) !== false);
    if (props.image.enaSupport !== true && needsEna) {
      const nitroTypes = literalTypes.filter((t) => isNitro(t) !== false);
      this.imageCheck = new DataAwsAmi(this, "image-check", {
        filter: [{ name: "image-id", values: [props.image.imageId] }],
        lifecycle: {
          postcondition: [
            {
              condition: "${self.ena_support == true}",
              errorMessage: `AMI ${props.image.imageId} is registered without ENA support, and Nitro instance types (${nitroTypes.length > 0 ? nitroTypes.join(", ") : "the fleet's"}) need it: register the AMI with ena_support = true (OsvImage does) from an OSv build with the ENA driver, or use a Xen type such as t2.`,
            },
            {
              condition: '${self.architecture == "x86_64"}',
              errorMessage: `AMI ${props.image.imageId} is not x86_64: OSv runs on EC2 as x86_64 only (osv#1295).`,
            },
          ],
        },
      });
    }

    // --- Launch template ---------------------------------------------------------------------
    this.metadataOptions = {
      httpEndpoint: "enabled",
      // IMDSv2 unless the fleet boots from user data: OSv's cloud-init reads it without a token.
      httpTokens: s.bootMode === "baked" ? "required" : "optional",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    };
    const hostTags = { Name: name, ...(props.tags ?? {}), ...stack.defaultTags };
    const networkInterface: LaunchTemplateNetworkInterfaces = {
      deviceIndex: 0,
      securityGroups: [...props.securityGroupIds],
      deleteOnTermination: "true",
      // Wavelength: a carrier IP (provider v6 takes "true"/"false"). Outposts: the subnet's
      // map_customer_owned_ip_on_launch assigns the customer-owned IP, so nothing is set here.
      // Elsewhere: private hosts, never a public IP.
      ...(s.carrierIp
        ? { associateCarrierIpAddress: "true" }
        : s.zones.kind === "outpost"
          ? {}
          : { associatePublicIpAddress: "false" }),
    };
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name,
      description: `OSv hosts, ${s.bootMode} boot`,
      imageId: props.image.imageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      monitoring: { enabled: true },
      // An Auto Scaling group chooses the subnet per launch, so the security groups go on the
      // network interface; fixed instances name their subnet, so the groups stay top-level (a
      // launch request cannot carry both a network interface and an instance-level subnet).
      ...(byGroup
        ? { networkInterfaces: [networkInterface] }
        : {
            vpcSecurityGroupIds: [...props.securityGroupIds],
            disableApiTermination: instanceLaunch.terminationProtection,
            instanceInitiatedShutdownBehavior: instanceLaunch.shutdownBehavior,
          }),
      metadataOptions: this.metadataOptions,
      ...(s.userData !== undefined
        ? { userData: Buffer.from(s.userData, "utf8").toString("base64") }
        : {}),
      blockDeviceMappings: [
        {
          deviceName: OSV_ROOT_DEVICE,
          ebs: {
            volumeType: s.rootVolumeType,
            ...(props.rootVolumeSizeGiB !== undefined
              ? { volumeSize: props.rootVolumeSizeGiB }
              : {}),
            encrypted: "true",
            ...(props.ebsKmsKeyArn !== undefined ? { kmsKeyId: props.ebsKmsKeyArn } : {}),
            deleteOnTermination: "true",
          },
        },
      ],
      ...(this.placementGroupName !== undefined
        ? { placement: { groupName: this.placementGroupName } }
        : {}),
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { ...hostTags },
      })),
      ...(preconditions.length > 0 ? { lifecycle: { precondition: preconditions } } : {}),
      ...(this.imageCheck ? { dependsOn: [this.imageCheck] } : {}),
      tags: { Name: name },
    });

    // What the hosts call: the services their role allows. A fleet (which passes `launch`) holds
    // the hosts, so synth proves a path to each service from the fleet's subnets.
    if (launch !== undefined) {
      declareNeeds(this, {
        description: `OSv hosts ${name}`,
        calls: [
          { service: "monitoring" },
          ...(props.configBucket !== undefined ? [{ service: "s3" as const }] : []),
          ...(props.secretPathPrefix !== undefined ? [{ service: "secretsmanager" as const }] : []),
          ...(props.secretKmsKeyArn !== undefined ? [{ service: "kms" as const }] : []),
        ],
      });
    }

    if (launch === undefined) this.declareImdsV1Exception([]);
  }

  /** Set in user-data mode: what the site suppresses in the policy pack, with the reason. */
  get imdsV1Exception(): OsvImdsV1Exception | undefined {
    return this.imds;
  }

  /**
   * The IMDSv1 exception of a user-data boot, visible and explicit: marks the launch template
   * and `instances` and warns. Fleets call it once their hosts exist.
   */
  protected declareImdsV1Exception(instances: readonly TerraformResource[]): void {
    if (this.bootMode !== "user-data") return;
    const reason = this.settings.imdsV1Reason!;
    const resources: TerraformResource[] = [this.launchTemplate, ...instances];
    for (const r of resources) {
      r.addOverride("//.edge_osv", {
        boot_mode: "user-data",
        http_tokens: "optional",
        imdsv1_reason: reason,
        policy_rule: IMDS_RULE,
      });
    }
    addEdgeWarning(this, {
      code: "EDGE_OSV_IMDSV1",
      path: `${this.configPath}.bootMode`,
      problem: `OSv user-data boot: IMDSv1 is enabled (http_tokens = "optional") because OSv's cloud-init reads user data without a session token; reason: ${reason}. The policy pack reports ${IMDS_RULE} on ${resources.length === 1 ? "the launch template" : "the launch template and instances"} until the site suppresses it with this reason (fleet.imdsV1Exception)`,
    });
    this.imds = { ruleId: IMDS_RULE, reason, resources };
  }
}
