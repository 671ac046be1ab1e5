import { ConfigCheck, isUnresolved } from "@edge/core";
import * as ipaddr from "ipaddr.js";

// CIDR location names: 1-16 of [0-9A-Za-z_-] (CloudFormation AWS::Route53::RecordSet
// CidrRoutingConfig.LocationName, Pattern [0-9A-Za-z_\-\*]+, Maximum 16); "*" is the default
// location every other client falls into.
const LOCATION = /^[0-9A-Za-z_-]{1,16}$/;
// Route 53 Developer Guide, "IP-based routing": "For IPv4, you can use CIDR blocks between 1 and
// 24 bits of length, inclusive, while for IPv6, you can use CIDR blocks between 1 and 48 bits";
// a zero-bit block is the default ("*") location.
const IPV4_MAX_PREFIX = 24;
const IPV6_MAX_PREFIX = 48;
// CloudFormation AWS::Route53::CidrCollection Location.CidrList: Minimum 1, Maximum 1000.
const BLOCKS_MAX = 1000;

/** The clients of one carrier network: who gets the carrier name. */
export interface CarrierClients {
  /** CIDR location name, 1-16 letters, digits, `-` or `_`, such as `verizon-bos`. */
  readonly location: string;
  /**
   * The carrier's client CIDR blocks. Route 53 matches the resolver's address or the EDNS
   * client subnet it forwards, so list the carrier's DNS resolver ranges as well as its client
   * ranges (IPv4 /1-/24, IPv6 /1-/48).
   */
  readonly cidrBlocks: readonly string[];
  /** Where the blocks come from (the carrier's document or portal, and its date). */
  readonly source: string;
}

/** Checks a carrier's client blocks (literal values only). */
export function checkCarrierClients(
  check: ConfigCheck,
  clients: CarrierClients,
  path: string,
): void {
  if (!isUnresolved(clients.location)) {
    check.expect(LOCATION.test(clients.location), {
      code: "EDGE_DNS_CIDR_LOCATION",
      path: `${path}.location`,
      value: clients.location,
      problem:
        "a cidr location name is 1 to 16 letters, digits, '-' or '_' (\"*\" is the default location)",
      fix: 'name it after the carrier and site, such as "verizon-bos"',
    });
  }
  check.expect(typeof clients.source === "string" && clients.source.trim().length > 0, {
    code: "EDGE_DNS_CIDR_SOURCE",
    path: `${path}.source`,
    value: clients.source,
    problem:
      "carrier client blocks change, and nobody can check them without knowing where they came from",
    fix: "say where the blocks were taken from: the carrier's document or portal, and the date",
  });
  if (isUnresolved(clients.cidrBlocks as string[])) return;
  check.expect(clients.cidrBlocks.length >= 1 && clients.cidrBlocks.length <= BLOCKS_MAX, {
    code: "EDGE_DNS_CIDR_BLOCK",
    path: `${path}.cidrBlocks`,
    value: clients.cidrBlocks.length,
    problem: `a cidr location holds 1 to ${BLOCKS_MAX} blocks`,
    fix: "list the carrier's client and resolver blocks, or split them over several locations",
  });
  clients.cidrBlocks.forEach((block, i) => {
    if (isUnresolved(block)) return;
    const problem = blockProblem(block);
    if (problem) {
      check.fail({
        code: "EDGE_DNS_CIDR_BLOCK",
        path: `${path}.cidrBlocks[${i}]`,
        value: block,
        problem,
        fix: `give an ipv4 block of /1 to /${IPV4_MAX_PREFIX} or an ipv6 block of /1 to /${IPV6_MAX_PREFIX}, such as "198.51.100.0/24"`,
      });
    }
  });
}

function blockProblem(block: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(block);
  } catch {
    return "not a cidr block";
  }
  const [addr, prefix] = parsed;
  const max = addr.kind() === "ipv4" ? IPV4_MAX_PREFIX : IPV6_MAX_PREFIX;
  if (prefix < 1 || prefix > max) {
    return `route 53 ip-based routing takes ${addr.kind()} blocks of /1 to /${max}; /0 is the default location`;
  }
  return undefined;
}

/** Checks a location name given to the construct. */
export function checkLocationUnique(
  check: ConfigCheck,
  locations: readonly string[],
  path: string,
): void {
  const seen = new Map<string, number>();
  locations.forEach((location, i) => {
    const first = seen.get(location);
    if (first === undefined) {
      seen.set(location, i);
      return;
    }
    check.fail({
      code: "EDGE_DNS_CIDR_LOCATION",
      path: `${path}[${i}].location`,
      value: location,
      problem: `location ${location} is already used at ${path}[${first}], and a cidr collection names each location once`,
      fix: "give every carrier network its own location name",
    });
  });
}
