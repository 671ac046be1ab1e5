import { contains, parseCidr, type Ipv4Block } from "../cidr";
import type { NetworkModel, RouteFact } from "./model";

export const block = (cidr: string): Ipv4Block | undefined => {
  try {
    return parseCidr(cidr, "route");
  } catch {
    return undefined;
  }
};

/** The most specific route of `table` whose destination contains `cidr`. */
export function routeFor(model: NetworkModel, table: string, cidr: string): RouteFact | undefined {
  const want = block(cidr);
  if (!want) return undefined;
  let best: { route: RouteFact; prefix: number } | undefined;
  for (const route of model.routes) {
    if (route.routeTable !== table) continue;
    const dest = block(route.destination);
    if (!dest || !contains(dest, want)) continue;
    if (!best || dest.prefixLength > best.prefix) best = { route, prefix: dest.prefixLength };
  }
  return best?.route;
}

export const TARGET_LABEL: Record<RouteFact["target"], string> = {
  "internet-gateway": "internet gateway",
  "nat-gateway": "NAT gateway",
  "carrier-gateway": "carrier gateway",
  "local-gateway": "local gateway",
  "transit-gateway": "transit gateway",
  "virtual-private-gateway": "virtual private gateway",
  other: "other target",
};

export const describeRoute = (r: RouteFact) =>
  `${r.destination} -> ${TARGET_LABEL[r.target]} ${r.remote ? `${r.targetRef} (another site's output)` : r.targetRef} (${r.address})`;
