import { contains } from "../cidr";
import { zoneKindLabel } from "../zones";
import type { NetworkModel, SubnetFact } from "./model";
import type { PathContext, Step, Workload } from "./path-types";
import { block, describeRoute, routeFor, TARGET_LABEL } from "./routes";
import { PATH_SOURCES } from "./sources";

/** Internet egress of `workload` from `subnet`. */
export function egress(
  model: NetworkModel,
  subnet: SubnetFact,
  table: string,
  workload: Workload,
): Step {
  const kind = subnet.zoneKind;
  const route = routeFor(model, table, "0.0.0.0/0");
  const outpost = kind === "outpost";
  const noRoute: Step = outpost
    ? {
        ok: false,
        code: "EDGE_PATH_OUTPOST_REGION",
        missing:
          "0.0.0.0/0 -> the hub's NAT gateway (through the service link), or -> the local gateway when the on-premises network is the egress",
        problem:
          "the outpost subnet has no path to the region: no default route through the service link and no endpoint for this service",
        fix: "give the outpost subnets the hub's nat gateway in the outpost's availability zone as their region egress (OutpostSubnets regionEgress), or set defaultRouteToLocalGateway when the factory network carries internet traffic",
        source: PATH_SOURCES.serviceLink,
      }
    : {
        ok: false,
        code: "EDGE_PATH_EGRESS",
        missing: `0.0.0.0/0 -> a NAT gateway${kind === "wavelength-zone" ? " or the carrier gateway" : ""}`,
        problem: `the ${zoneKindLabel(kind === "unknown" ? "availability-zone" : kind)} subnet has no default route out of the VPC`,
        fix: "route 0.0.0.0/0 to a NAT gateway in a public subnet (or give the workload an endpoint for each AWS service it calls)",
        source: PATH_SOURCES.natGateway,
      };
  if (!route) return noRoute;
  const link = outpost ? " through the service link" : "";
  switch (route.target) {
    case "nat-gateway": {
      if (route.remote)
        return {
          ok: true,
          via: `NAT gateway ${route.targetRef}${link}`,
          carriedBy: [route.address],
        };
      const nat = model.natGateways.find((n) => n.address === route.targetRef);
      const natSubnet = nat?.subnet ? model.subnets.get(nat.subnet) : undefined;
      const natRoute = natSubnet?.routeTable
        ? routeFor(model, natSubnet.routeTable, "0.0.0.0/0")
        : undefined;
      if (
        nat &&
        natSubnet &&
        natRoute?.target !== "internet-gateway" &&
        natRoute?.target !== "carrier-gateway"
      ) {
        return {
          ok: false,
          code: "EDGE_PATH_EGRESS",
          missing: `0.0.0.0/0 -> internet gateway in ${natSubnet.routeTable ?? "the route table"} of ${natSubnet.address}, the NAT gateway's subnet`,
          problem: `the nat gateway ${nat.address} sits in a subnet with no route to an internet gateway`,
          fix: "put the nat gateway in a public subnet (default route to the internet gateway)",
          source: PATH_SOURCES.natGateway,
        };
      }
      return {
        ok: true,
        via: `NAT gateway ${route.targetRef}${link}`,
        carriedBy: [route.address, ...(natRoute ? [natRoute.address] : [])],
      };
    }
    case "carrier-gateway":
      // The carrier gateway "allows outbound traffic to the carrier network and internet" from
      // carrier IPs (PATH_SOURCES.carrierGateway, carrierIp): the Region's public service
      // endpoints too, which Wavelength subnets need as they can hold no VPC endpoint.
      if (kind !== "wavelength-zone" || !workload.carrierIp) {
        return {
          ok: false,
          code: "EDGE_PATH_CARRIER_IP",
          missing: "a carrier IP on the workload's network interface in a Wavelength Zone subnet",
          problem:
            "the carrier gateway carries traffic only from carrier ip addresses of wavelength zone subnets",
          fix: "launch the workload in a wavelength zone subnet with associate_carrier_ip_address = true",
          source: PATH_SOURCES.carrierIp,
        };
      }
      return {
        ok: true,
        via: `carrier gateway ${route.targetRef} (from the carrier IP)`,
        carriedBy: [route.address],
      };
    case "internet-gateway":
      if (!workload.publicIp && !subnet.mapPublicIp) {
        return {
          ...noRoute,
          missing: `${noRoute.missing}; ${describeRoute(route)} needs a public IP, which the workload does not have`,
        } as Step;
      }
      return {
        ok: true,
        via: `internet gateway ${route.targetRef}${link}`,
        carriedBy: [route.address],
      };
    case "local-gateway":
      return {
        ok: true,
        via: `local gateway ${route.targetRef} to the on-premises network (the site's declared egress)`,
        carriedBy: [route.address],
      };
    case "transit-gateway":
    case "virtual-private-gateway":
      return {
        ok: true,
        via: `${TARGET_LABEL[route.target]} ${route.targetRef} (egress beyond it is not in this stack)`,
        carriedBy: [route.address],
      };
    default:
      return noRoute;
  }
}

/** A route from `subnet` to `cidr` through a local gateway, transit gateway or VPN. */
export function privateRoute(model: NetworkModel, table: string, cidr: string, what: string): Step {
  const route = routeFor(model, table, cidr);
  if (
    route &&
    ["local-gateway", "transit-gateway", "virtual-private-gateway"].includes(route.target)
  ) {
    return {
      ok: true,
      via: `${TARGET_LABEL[route.target]} ${route.targetRef}`,
      carriedBy: [route.address],
    };
  }
  return {
    ok: false,
    code: "EDGE_PATH_ON_PREMISES",
    missing: `${cidr} -> a local gateway, transit gateway or virtual private gateway${route ? ` (the table sends it to ${describeRoute(route)})` : ""}`,
    problem: `no route carries ${what} ${cidr}`,
    fix: `add ${cidr} to the routes to the local gateway (OutpostSubnets onPremisesCidrs) or to the transit gateway`,
    source: PATH_SOURCES.localGateway,
  };
}

export function siteRoute(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  site: string,
): Step {
  const target = ctx.siteBlocks[site];
  const vpcCidr =
    model.vpcCidrs.get(subnet.vpcRef) ??
    (subnet.vpcRef.startsWith("region-hub-outputs output ") ? ctx.hubVpcCidr : undefined);
  const vpc = vpcCidr ? block(vpcCidr) : undefined;
  const want = target ? block(target) : undefined;
  if (vpc && want && contains(vpc, want))
    return {
      ok: true,
      via: `the VPC's local route (${site} ${target} is inside ${vpcCidr})`,
      carriedBy: [],
    };
  if (target) {
    const step = privateRoute(model, table, target, `site ${site}`);
    if (step.ok) return step;
  }
  return {
    ok: false,
    code: "EDGE_PATH_SITE",
    missing: target
      ? `${target} -> a transit gateway`
      : `an address block for ${site} in the environment's network plan`,
    problem: target
      ? `site ${site} (${target}) is outside this subnet's vpc and no route reaches it`
      : `the environment has no block for site ${site}`,
    fix: target
      ? `attach the vpc to the hub's transit gateway and route ${target} to it`
      : `add ${site} to network.sites`,
    source: PATH_SOURCES.localGateway,
  };
}

export function serviceRoute(
  model: NetworkModel,
  subnet: SubnetFact,
  table: string,
  workload: Workload,
  service: string,
): Step {
  const outpost = subnet.zoneKind === "outpost";
  const gateway = model.gatewayEndpoints.find(
    (g) => g.routeTable === table && g.service === service,
  );
  if (gateway) {
    return {
      ok: true,
      via: `gateway endpoint ${gateway.endpointRef}${outpost ? " through the service link" : ""}`,
      carriedBy: [gateway.address],
    };
  }
  const iface = model.interfaceEndpoints.find(
    (e) => e.service === service && e.privateDns && e.vpcRef === subnet.vpcRef,
  );
  if (iface) {
    const inZone = iface.subnets
      .map((s) => model.subnets.get(s))
      .find((s) => s?.zoneKind === "local-zone");
    if (inZone) {
      return {
        ok: false,
        code: "EDGE_PATH_LZ_INTERFACE_ENDPOINT",
        missing: `an interface endpoint for ${service} in availability zone subnets`,
        problem: `the interface endpoint ${iface.address} for ${service} has a network interface in the local zone subnet ${inZone.address}, and vpc endpoints cannot be created inside local zone subnets`,
        fix: "place the endpoint's network interfaces in availability zone subnets (the local zone's parent az); local zone subnets reach them over the vpc's local route",
        source: PATH_SOURCES.localZoneEndpoints,
      };
    }
    return {
      ok: true,
      via: `interface endpoint ${iface.address} (VPC local route)`,
      carriedBy: [],
    };
  }
  const out = egress(model, subnet, table, workload);
  if (out.ok) return { ...out, via: `public ${service} endpoint through ${out.via}` };
  if (service === "s3" || service === "dynamodb") {
    return {
      ...out,
      missing: `a gateway endpoint for ${service} on ${table}, or ${out.missing}`,
      source: `${out.source}; ${PATH_SOURCES.gatewayEndpoint}`,
    };
  }
  return { ...out, missing: `an interface endpoint for ${service}, or ${out.missing}` };
}
