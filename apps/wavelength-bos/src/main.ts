import { EdgeContainers } from "@edge/containers";
import { declareNeeds, defineSite } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { wavelengthBosOutputs } from "@edge/wavelength-bos-contract";
import { CarrierIpDnsUpdater, describeCarrierIpDnsUpdater, validateCarrierClients } from "@edge/dns";
import { OsvAutoScalingFleet, OsvImage } from "@edge/osv";
import { edgePolicyPack, suppressRules } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { WavelengthZone } from "@edge/wavelength";
import { WavelengthBosConfigSchema, wavelengthBosAdHoc, wavelengthBosEnvironments } from "./site";

/**
 * The Boston Wavelength Zone: a VPC of its own with a carrier gateway and a carrier subnet,
 * checked against the hub VPC read from region-hub's outputs; OSv hosts in an Auto Scaling group
 * with carrier IPs; and the carrier-IP DNS updater, which gives each running host a weighted
 * record under the environment's global name. Published to later sites through the
 * wavelength-bos contract.
 */
export const wavelengthBos = defineSite({
  name: "wavelength-bos",
  schema: WavelengthBosConfigSchema,
  environments: wavelengthBosEnvironments,
  adHoc: wavelengthBosAdHoc,
  build(stack, config, configPath) {
    const hub = regionHubOutputs.read(stack);
    const wl = new WavelengthZone(stack, "wavelength", {
      zone: config.zone,
      regionAvailabilityZone: config.regionAvailabilityZone,
      hubVpc: { vpcId: hub.vpcId, cidrBlock: hub.vpcCidr },
      tiers: config.tiers,
      manageOptIn: config.manageOptIn,
      publicPorts: config.publicPorts,
      allowedInstanceTypes: config.allowedInstanceTypes,
      configPath,
    });
    // The public ports are this site's decision: the hosts serve mobile clients on the carrier
    // network, which reach them only through their carrier IPs.
    for (const [key, rule] of Object.entries(wl.publicIngressRules)) {
      suppressRules(rule, [
        {
          id: "EDGE-SG-4",
          reason: `${key} is served to mobile clients on the carrier network (site config publicPorts)`,
        },
      ]);
    }

    // Created before the hosts: they carry its managed tag, the only thing that makes the
    // updater's Lambda act on an instance.
    // Carrier IPs are answered only to the carrier's clients (global-dns routes the public name
    // by client network); when no host is healthy they fall back to the hub's load balancer.
    if (config.dns) {
      validateCarrierClients(
        { location: stack.site, ...config.dns.carrierClients },
        `${configPath}.dns.carrierClients`,
      );
    }
    const updater = config.dns
      ? new CarrierIpDnsUpdater(stack, "dns-updater", {
          hostedZoneId: config.dns.hostedZoneId,
          recordName: config.dns.recordName,
          weight: config.dns.weight,
          ttl: config.dns.ttl,
          fallback: { name: hub.edgeEndpointDnsName, zoneId: hub.edgeEndpointZoneId },
          configPath: `${configPath}.dns`,
        })
      : undefined;

    const image = new OsvImage(stack, "osv-image", {
      ...config.hosts.image,
      // A Wavelength Zone offers gp2 only, so an image imported from S3 registers a gp2 root. An
      // existing AMI (amiId) is used as it is: its root volume type is the AMI's.
      ...(config.hosts.image.amiId === undefined ? { zones: [config.zone] } : {}),
      configPath: `${configPath}.hosts.image`,
    });
    // The hosts use the zone's host security group: the declared public ports from the carrier
    // network in, the VPC and HTTPS out. No SSH rule: an OSv image runs one application and no
    // SSH daemon.
    const fleet = new OsvAutoScalingFleet(stack, "osv", {
      image,
      instanceType: config.hosts.instanceType,
      subnets: [{ subnetId: wl.carrierSubnet!.id, zone: wl.zone.name }],
      securityGroupIds: [wl.hostSecurityGroup.id],
      allowedInstanceTypes: wl.allowedInstanceTypes,
      minSize: config.hosts.minSize,
      maxSize: config.hosts.maxSize,
      desiredCapacity: config.hosts.desiredCapacity,
      rootVolumeSizeGiB: config.hosts.rootVolumeSizeGiB,
      ...(updater
        ? { tags: { [updater.managedTag.key]: updater.managedTag.value ?? "true" } }
        : {}),
      configPath: `${configPath}.hosts`,
    });

    // Mobile devices on the carrier network reach the hosts' carrier IPs; nobody else can.
    declareNeeds(fleet, { clients: ["carrier-network"] });

    // Containers beside the hosts on carrier-IP capacity in the carrier subnet, reached as the
    // hosts are: their port on the carrier IP from the carrier network and, with the updater,
    // a weighted record per instance (its tag). ECS, ECR, S3 and Logs through the carrier gateway.
    const serving = Object.values(config.containers?.services ?? {}).some((s) => s.carrierClients);
    if (config.containers) {
      new EdgeContainers(stack, "containers", {
        vpcId: wl.vpcId,
        subnets: [{ subnetId: wl.carrierSubnet!.id, zone: wl.zone.name }],
        config: config.containers,
        carrierClients: {
          cidrBlocks: [wl.publicIngressCidr],
          publicPortReason: "mobile clients on the carrier network, as the hosts (site config publicPorts)",
        },
        ...(config.allowedInstanceTypes ? { allowedInstanceTypes: wl.allowedInstanceTypes } : {}),
        ...(updater && serving
          ? { instanceTags: { [updater.managedTag.key]: updater.managedTag.value ?? "true" } }
          : {}),
        configPath: `${configPath}.containers`,
      });
    }

    if (updater) {
      const hosts = serving ? "OSv host and container instance" : "OSv host";
      stack.note(describeCarrierIpDnsUpdater(updater, stack.node.id, hosts));
    }

    wavelengthBosOutputs.publish(stack, {
      vpcId: wl.vpcId,
      vpcCidr: wl.cidrBlock,
      zoneName: wl.zone.name,
      carrierGatewayId: wl.carrierGatewayId!,
      carrierSubnetId: wl.carrierSubnet!.id,
      carrierRouteTableId: wl.carrierRouteTable!.id,
      privateSubnetId: wl.privateSubnet?.id ?? "",
      regionSubnetIds: {
        public: wl.regionVpc!.publicSubnets[config.regionAvailabilityZone].id,
        private: wl.regionVpc!.privateSubnets[config.regionAvailabilityZone].id,
      },
      hostSecurityGroupId: wl.hostSecurityGroup.id,
      launchTemplateId: fleet.launchTemplate.id,
      dnsRecordName: updater?.recordName ?? "",
      carrierClientCidrs: config.dns ? [...config.dns.carrierClients.cidrBlocks] : [],
    });
  },
});

if (require.main === module)
  runSynthCli([wavelengthBos], {
    policy: edgePolicyPack,
    catalog: environmentCatalog,
    command: "npx nx run wavelength-bos:synth --",
  });
