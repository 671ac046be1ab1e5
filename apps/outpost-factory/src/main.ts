import { declareNeeds, defineSite } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { runSynthCli } from "@edge/synth";
import { EdgeContainers } from "@edge/containers";
import { outpostFactoryOutputs } from "@edge/outpost-factory-contract";
import { regionHubOutputs } from "@edge/region-hub-contract";
import { OsvFixedHosts, OsvHostSecurityGroup, OsvImage } from "@edge/osv";
import {
  extendHubOntoOutpost,
  formatRackUplinkPlan,
  Outpost,
  outpostEdgeSubnets,
  outpostNetworkIds,
  spreadPlacementGroups,
} from "@edge/outposts";
import {
  OutpostFactoryConfigSchema,
  outpostFactoryAdHoc,
  outpostFactoryEnvironments,
} from "./site";

/**
 * The factory Outpost: subnets on the Outpost extending region-hub's VPC (read through the hub's
 * outputs contract), routed to the factory network through the local gateway, spread placement
 * groups for its hosts, the OSv line hosts (fixed instances with auto-recovery alarms, reached
 * from the factory networks), and the outpost-factory outputs for later sites. Each build records
 * the Outpost's rack uplink plan as a stack note, which the synth command prints after its table.
 */
export const outpostFactory = defineSite({
  name: "outpost-factory",
  schema: OutpostFactoryConfigSchema,
  environments: outpostFactoryEnvironments,
  adHoc: outpostFactoryAdHoc,
  build(stack, config, configPath) {
    const hub = regionHubOutputs.read(stack);
    const outpost = new Outpost(stack, "factory", {
      ...config.outpost,
      configPath: `${configPath}.outpost`,
    });
    // In the hub VPC, egressing through the hub's NAT gateway in the Outpost's AZ (or the factory
    // network, with defaultRouteToLocalGateway); its block comes from the environment's plan.
    const network = extendHubOntoOutpost(stack, "factory-network", {
      ...config.network,
      hub,
      outpost,
      configPath: `${configPath}.network`,
    });
    const placementGroups = spreadPlacementGroups(stack, {
      groups: config.placementGroups,
      outpost,
      configPath: `${configPath}.placementGroups`,
    });

    // --- OSv line hosts ----------------------------------------------------------------------
    const osv = config.osv;
    // Region AZ snapshot and AMI; the Outpost hosts' root volumes are gp2 (the @edge/osv default
    // on Outposts, conservative: not confirmed in a primary source), and so is the AMI's.
    const image = new OsvImage(stack, "osv-image", {
      ...osv.image,
      rootVolumeType: "gp2",
      configPath: `${configPath}.osv.image`,
    });
    const hosts = new OsvHostSecurityGroup(stack, "osv-hosts", {
      vpcId: hub.vpcId,
      appPort: osv.appPort,
      // The factory networks behind the local gateway are the declared sources: in CoIP mode the
      // local gateway translates only the destination (CoIP to private IP), so the source is the
      // on-premises client's address; with direct VPC routing it is anyway.
      appSourceCidrs: config.network.onPremisesCidrs,
      // region-hub publishes "" when it runs without an Instance Connect Endpoint.
      sshSourceSecurityGroupId: hub.instanceConnectSecurityGroupId,
      sshSourceMayBeEmpty: true,
      configPath: `${configPath}.osv`,
    });
    const lineHosts = new OsvFixedHosts(stack, "osv-line", {
      image,
      outpost,
      instanceType: osv.instanceType,
      // CoIP comes from each subnet's map_customer_owned_ip_on_launch (true in CoIP mode unless
      // a subnet opts out); the fleet sets no IP flag on Outposts.
      subnets: outpostEdgeSubnets(outpost, network, osv.subnets),
      securityGroupIds: [hosts.securityGroupId],
      instanceCount: osv.instanceCount,
      // The resource's name attribute, not the literal: Terraform then creates the group first.
      placementGroupName: placementGroups[osv.placementGroup ?? ""]?.placementGroup.name,
      configPath: `${configPath}.osv`,
    });

    // Clients: the factory networks behind the local gateway, and SSH from the hub.
    declareNeeds(lineHosts, {
      clients: [{ onPremises: config.network.onPremisesCidrs }, { site: "region-hub" }],
    });

    // Containers on ECS on the Outpost, reached from the factory networks.
    if (config.containers) {
      new EdgeContainers(stack, "containers", {
        vpcId: hub.vpcId,
        subnets: outpostEdgeSubnets(outpost, network, config.containers.subnets),
        config: config.containers,
        outpost,
        clientCidrs: config.network.onPremisesCidrs,
        configPath: `${configPath}.containers`,
      });
    }

    outpostFactoryOutputs.publish(stack, {
      ...outpostNetworkIds(outpost, network, placementGroups),
      onPremisesCidrs: [...config.network.onPremisesCidrs],
    });

    // Printed by the synth command after its table, and only when the whole synth succeeded.
    stack.note(formatRackUplinkPlan(outpost.uplinkPlan, stack.node.id));
  },
});

if (require.main === module) runSynthCli([outpostFactory], { policy: edgePolicyPack, catalog: environmentCatalog, command: "npx nx run outpost-factory:synth --" });
