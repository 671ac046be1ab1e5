// The security rule pack registers itself with @edge/core; synth refuses to run without it.
import "@edge/policy";
import { defineSite, regionHubOutputs, runSynthCli, wavelengthBosOutputs } from "@edge/core";
import { suppressRules } from "@edge/policy";
import { CarrierLaunchTemplate, WavelengthZone } from "@edge/wavelength";
import { WavelengthBosConfigSchema, wavelengthBosEnvironments } from "./site";

/**
 * The Boston Wavelength Zone: a VPC of its own with a carrier gateway, a carrier subnet and a
 * carrier-IP launch template, checked against the hub VPC read from region-hub's outputs, and
 * published to later sites through the wavelength-bos contract.
 */
export const wavelengthBos = defineSite({
  name: "wavelength-bos",
  schema: WavelengthBosConfigSchema,
  environments: wavelengthBosEnvironments,
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
    const hosts = new CarrierLaunchTemplate(stack, "hosts", {
      wavelength: wl,
      instanceType: config.hosts.instanceType,
      imageId: config.hosts.imageId,
      rootVolumeSizeGiB: config.hosts.rootVolumeSizeGiB,
      configPath: `${configPath}.hosts`,
    });
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
      launchTemplateId: hosts.launchTemplateId,
    });
  },
});

if (require.main === module) runSynthCli([wavelengthBos]);
