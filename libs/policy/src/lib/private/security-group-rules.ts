import type { TerraformBlock } from "../terraform-view";
import { blocksOf, numberOf, stringOf, stringsOf, UNKNOWN, type Unknown } from "./values";

type Json = Record<string, unknown>;

/** Every resource type that carries security-group rules. */
export const SECURITY_GROUP_TYPES = [
  "aws_security_group",
  "aws_default_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
] as const;

/** One rule, whichever resource it came from. */
export interface SgRule {
  /** Where in the resource it sits, for messages: `ingress[0]`, or the direction for rule resources. */
  readonly label: string;
  readonly direction: "ingress" | "egress" | Unknown;
  /** Normalized protocol: `all`, `tcp`, `udp`, `icmp`, … */
  readonly protocol: string | Unknown;
  readonly fromPort: number | undefined | Unknown;
  readonly toPort: number | undefined | Unknown;
  /** IPv4 and IPv6 CIDRs the rule opens to. */
  readonly cidrs: readonly (string | Unknown)[];
  readonly description: string | undefined | Unknown;
}

/** The rules a security-group resource declares; `UNKNOWN` when they are generated dynamically. */
export function rulesOf(block: TerraformBlock): SgRule[] | Unknown {
  const { type, config } = block;
  if (type === "aws_security_group" || type === "aws_default_security_group") {
    const out: SgRule[] = [];
    for (const direction of ["ingress", "egress"] as const) {
      const blocks = blocksOf(config, direction);
      if (blocks === UNKNOWN) return UNKNOWN;
      blocks.forEach((b, i) => out.push(classic(b, `${direction}[${i}]`, direction)));
    }
    return out;
  }
  if (type === "aws_security_group_rule") {
    const t = stringOf(config.type);
    const direction = t === "ingress" || t === "egress" ? t : UNKNOWN;
    return [classic(config, typeof direction === "string" ? direction : "rule", direction)];
  }
  if (
    type === "aws_vpc_security_group_ingress_rule" ||
    type === "aws_vpc_security_group_egress_rule"
  ) {
    const direction = type.endsWith("ingress_rule") ? "ingress" : "egress";
    const cidrs = [...listOf(config.cidr_ipv4), ...listOf(config.cidr_ipv6)];
    return [
      {
        label: direction,
        direction,
        protocol: protocolOf(config.ip_protocol),
        fromPort: numberOf(config.from_port),
        toPort: numberOf(config.to_port),
        cidrs,
        description: stringOf(config.description),
      },
    ];
  }
  return [];
}

function classic(b: Json, label: string, direction: SgRule["direction"]): SgRule {
  return {
    label,
    direction,
    protocol: protocolOf(b.protocol),
    fromPort: numberOf(b.from_port),
    toPort: numberOf(b.to_port),
    cidrs: [...listOf(b.cidr_blocks), ...listOf(b.ipv6_cidr_blocks)],
    description: stringOf(b.description),
  };
}

function listOf(value: unknown): (string | Unknown)[] {
  const list = stringsOf(value);
  return list === UNKNOWN ? [UNKNOWN] : list;
}

function protocolOf(value: unknown): string | Unknown {
  const p = stringOf(value);
  if (p === UNKNOWN || p === undefined) return p === UNKNOWN ? UNKNOWN : "all";
  const lower = p.toLowerCase();
  if (lower === "-1" || lower === "all") return "all";
  if (lower === "6") return "tcp";
  if (lower === "17") return "udp";
  if (lower === "1") return "icmp";
  return lower;
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** Whether the rule opens to the whole internet: true, false, or `UNKNOWN` when a CIDR is an expression. */
export function opensToWorld(rule: SgRule): boolean | Unknown {
  if (rule.cidrs.some((c) => c !== UNKNOWN && WORLD.has(c))) return true;
  return rule.cidrs.some((c) => c === UNKNOWN) ? UNKNOWN : false;
}

/** Whether the rule covers every port of every protocol. */
export function coversAllPorts(rule: SgRule): boolean | Unknown {
  if (rule.protocol === UNKNOWN) return UNKNOWN;
  if (rule.protocol === "all") return true;
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return false;
  if (rule.fromPort === UNKNOWN || rule.toPort === UNKNOWN) return UNKNOWN;
  return (rule.fromPort ?? 0) <= 0 && (rule.toPort ?? 65535) >= 65535;
}

/** Whether the rule admits TCP traffic to `port`. */
export function coversTcpPort(rule: SgRule, port: number): boolean | Unknown {
  if (rule.protocol === UNKNOWN) return UNKNOWN;
  if (rule.protocol === "all") return true;
  if (rule.protocol !== "tcp") return false;
  if (rule.fromPort === UNKNOWN || rule.toPort === UNKNOWN) return UNKNOWN;
  if (rule.fromPort === undefined || rule.toPort === undefined) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

/** Human description of the ports of a rule, for messages. */
export function portsOf(rule: SgRule): string {
  if (rule.protocol === "all") return "all traffic";
  const proto = rule.protocol === UNKNOWN ? "?" : rule.protocol;
  const from = rule.fromPort === UNKNOWN ? "?" : rule.fromPort;
  const to = rule.toPort === UNKNOWN ? "?" : rule.toPort;
  return from === to ? `${proto}/${from}` : `${proto}/${from}-${to}`;
}
