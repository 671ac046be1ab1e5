import { isUnresolved, type ConfigCheck } from "@edge/core";

// EC2 resource ids: a prefix and 8 (older resources) or 17 hex digits, e.g. lgw-rtb-059615ef7dEXAMPLE
// in the Outposts UG and AWS CLI reference examples.

/** `lgw-rtb-…` (EC2 API `LocalGatewayRouteTableId`). */
export const LOCAL_GATEWAY_ROUTE_TABLE_ID = /^lgw-rtb-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** `ipv4pool-coip-…` (EC2 API `CoipPool.PoolId`; AWS SDK pattern `^(ipv4pool-coip-)[a-zA-Z0-9]+$`). */
export const COIP_POOL_ID = /^ipv4pool-coip-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Adds an `EDGE_OUTPOST_LGW_ROUTE_TABLE_ID` error to `check` unless `id` is absent, well formed,
 * or known only at deploy time (a reference or a typed placeholder).
 */
export function checkLocalGatewayRouteTableId(
  check: ConfigCheck,
  id: string | undefined,
  path: string,
): void {
  check.expect(id === undefined || isUnresolved(id) || LOCAL_GATEWAY_ROUTE_TABLE_ID.test(id), {
    code: "EDGE_OUTPOST_LGW_ROUTE_TABLE_ID",
    path,
    value: id,
    problem: "not a local gateway route table id",
    fix: "use the lgw-rtb-… id of the Outpost's local gateway route table, or leave it out to look it up by Outpost ARN",
  });
}
