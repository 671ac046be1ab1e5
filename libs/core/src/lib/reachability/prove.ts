import type { NetworkModel, SubnetFact } from "./model";
import { needLabel, type CallNeed, type ClientNeed } from "./needs";
import type { MissingPath, PathContext, PathProof, ProvenPath, Step, Workload } from "./path-types";
import { routeFor } from "./routes";
import { egress, privateRoute, serviceRoute, siteRoute } from "./route-steps";
import { PATH_SOURCES } from "./sources";

function clientStep(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  w: Workload,
  need: ClientNeed,
): Step {
  if (need === "internet") {
    if (subnet.zoneKind === "wavelength-zone") {
      return {
        ok: false,
        code: "EDGE_PATH_CARRIER_INTERNET_CLIENTS",
        missing: "an inbound path from the internet (a carrier gateway has none)",
        problem:
          "internet clients cannot reach a wavelength zone: the carrier gateway admits only the carrier network",
        fix: 'declare "carrier-network" clients for this workload and serve internet clients from a region or local zone endpoint; answer carrier ips only to carrier clients',
        source: PATH_SOURCES.carrierGateway,
      };
    }
    const route = routeFor(model, table, "0.0.0.0/0");
    if (route?.target === "internet-gateway" && (w.publicIp || subnet.mapPublicIp)) {
      return { ok: true, via: `internet gateway ${route.targetRef}`, carriedBy: [route.address] };
    }
    return {
      ok: false,
      code: "EDGE_PATH_INTERNET_CLIENTS",
      missing:
        route?.target === "internet-gateway"
          ? "a public address on the workload (an internet-facing load balancer)"
          : "0.0.0.0/0 -> internet gateway",
      problem:
        "internet clients have no path to the workload: it needs a public address in a subnet routed to an internet gateway",
      fix: "put an internet-facing load balancer in public subnets (default route to the internet gateway) in front of the workload",
      source: PATH_SOURCES.internetGateway,
    };
  }
  if (need === "carrier-network") {
    const route = routeFor(model, table, "0.0.0.0/0");
    if (
      subnet.zoneKind === "wavelength-zone" &&
      route?.target === "carrier-gateway" &&
      w.carrierIp
    ) {
      return {
        ok: true,
        via: `carrier gateway ${route.targetRef} to the carrier IP`,
        carriedBy: [route.address],
      };
    }
    return {
      ok: false,
      code: "EDGE_PATH_CARRIER_CLIENTS",
      missing:
        subnet.zoneKind !== "wavelength-zone"
          ? "a Wavelength Zone subnet (carrier clients reach only carrier-IP hosts)"
          : route?.target !== "carrier-gateway"
            ? "0.0.0.0/0 -> carrier gateway"
            : "a carrier IP on the workload (associate_carrier_ip_address)",
      problem:
        "carrier clients reach only carrier-ip hosts of wavelength zone subnets through the carrier gateway",
      fix: "run the workload in a wavelength zone subnet routed to the carrier gateway, with a carrier ip",
      source: `${PATH_SOURCES.carrierGateway}; ${PATH_SOURCES.carrierIp}`,
    };
  }
  if ("onPremises" in need)
    return firstFailure(
      need.onPremises.map((c) => privateRoute(model, table, c, "the on-premises clients")),
    );
  return siteRoute(model, ctx, subnet, table, need.site);
}

function callStep(
  model: NetworkModel,
  ctx: PathContext,
  subnet: SubnetFact,
  table: string,
  w: Workload,
  need: CallNeed,
): Step {
  if (need === "internet") return egress(model, subnet, table, w);
  if ("service" in need) return serviceRoute(model, subnet, table, w, need.service);
  if ("onPremises" in need)
    return firstFailure(
      need.onPremises.map((c) => privateRoute(model, table, c, "the on-premises network")),
    );
  return siteRoute(model, ctx, subnet, table, need.site);
}

function firstFailure(steps: Step[]): Step {
  const failed = steps.find((s) => !s.ok);
  if (failed) return failed;
  const ok = steps as Extract<Step, { ok: true }>[];
  return {
    ok: true,
    via: [...new Set(ok.map((s) => s.via))].join("; "),
    carriedBy: ok.flatMap((s) => s.carriedBy),
  };
}

/**
 * Proves a path for every need of every workload, from each subnet the workload runs in, by
 * route and zone kind. Pure function of the model, the workloads and the context.
 */

/**
 * Proves a path for every need of every workload, from each subnet the workload runs in, by
 * route and zone kind. Pure function of the model, the workloads and the context.
 */
export function provePaths(
  model: NetworkModel,
  workloads: readonly Workload[],
  ctx: PathContext,
): PathProof {
  const proven: ProvenPath[] = [];
  const missing: MissingPath[] = [];
  for (const w of workloads) {
    const needs = [
      ...w.clients.map((n) => ({ direction: "client" as const, n })),
      ...w.calls.map((n) => ({ direction: "call" as const, n })),
    ];
    if (w.outsideVpc) {
      for (const { direction, n } of needs) {
        if (direction === "call") {
          proven.push({
            workload: w.path,
            direction,
            need: needLabel(n),
            via: "Lambda service network (the function is not attached to a VPC)",
            carriedBy: [],
          });
        } else {
          missing.push({
            code: "EDGE_PATH_NO_SUBNET",
            workload: w.path,
            direction,
            need: needLabel(n),
            missing: "a subnet",
            problem: "a function outside every vpc has no network clients",
            fix: "declare its clients on the endpoint that invokes it, not on the function",
            source: PATH_SOURCES.lambdaNetwork,
          });
        }
      }
      continue;
    }
    if (w.subnets.length === 0 && needs.length > 0) {
      missing.push({
        code: "EDGE_PATH_NO_SUBNET",
        workload: w.path,
        direction: needs[0].direction,
        need: needLabel(needs[0].n),
        missing: "the workload's subnets",
        problem: "no subnet of this stack was found for the workload",
        fix: "pass subnetIds to declareNeeds, or declare the needs on the construct that holds the workload's instances, load balancer or function",
        source: PATH_SOURCES.subnetRouteTable,
      });
      continue;
    }
    for (const address of w.subnets) {
      const subnet = model.subnets.get(address);
      for (const { direction, n } of needs) {
        const base = {
          workload: w.path,
          direction,
          need: needLabel(n),
          subnet: address,
          ...(subnet ? { zoneKind: subnet.zoneKind } : {}),
        };
        if (!subnet?.routeTable) {
          missing.push({
            ...base,
            code: "EDGE_PATH_ROUTE_TABLE",
            missing: "a route table associated with the subnet",
            problem: subnet
              ? "the subnet has no route table association of this stack, so it uses the vpc's main table, whose routes are not known here"
              : "the subnet is not in this stack",
            fix: "associate the subnet with a route table of its own (aws_route_table_association)",
            source: PATH_SOURCES.subnetRouteTable,
          });
          continue;
        }
        const step =
          direction === "client"
            ? clientStep(model, ctx, subnet, subnet.routeTable, w, n as ClientNeed)
            : callStep(model, ctx, subnet, subnet.routeTable, w, n as CallNeed);
        if (step.ok)
          proven.push({
            ...base,
            routeTable: subnet.routeTable,
            via: step.via,
            carriedBy: step.carriedBy,
          });
        else
          missing.push({
            ...base,
            routeTable: subnet.routeTable,
            code: step.code,
            missing: step.missing,
            problem: step.problem,
            fix: step.fix,
            source: step.source,
          });
      }
    }
  }
  return { proven, missing };
}
