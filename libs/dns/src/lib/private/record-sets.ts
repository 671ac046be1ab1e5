import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { ConfigCheck, isUnresolved, type EdgeStack } from "@edge/core";
import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { comparableName, REGION_TTL_DEFAULT, WEIGHTED_RECORDS_MAX } from "./rules";

/**
 * Who can reach what a record answers with. `carrier`: a carrier IP, reachable only from the
 * carrier's network ("There is no inbound connection configuration from the internet to a
 * Wavelength Zone through the carrier gateway", Wavelength guide, "How AWS Wavelength works").
 * `internet`: an address or load balancer every client reaches.
 */
export type Audience = "carrier" | "internet";

/** What this lib knows of a record it made, beyond the resource's own attributes. */
export interface RecordMeta {
  readonly audience?: Audience;
}

/** A record set the stack will hold, as the cross-construct rules see it. */
interface Claim {
  readonly zone: string;
  readonly name: string;
  readonly type: string;
  readonly kind: "weighted" | "simple" | "other-policy";
  readonly setIdentifier?: string;
  /** Config path for messages. */
  readonly path: string;
  /** True for the carrier-IP updater's records, written at run time. */
  readonly dynamic: boolean;
  readonly audience?: Audience;
  /** True for alias records (they take the target's TTL). */
  readonly alias: boolean;
  /** TTL of a non-alias record, when known at synth. */
  readonly ttl?: number;
  /** Config path of the TTL. @default path */
  readonly ttlPath?: string;
  /** Weight of a weighted record, when known at synth. */
  readonly weight?: number;
}

const configPathOf = new WeakMap<Route53Record, string>();
const metaOf = new WeakMap<Route53Record, RecordMeta>();
const dynamicClaims = new WeakMap<EdgeStack, Claim[]>();
const validated = new WeakSet<EdgeStack>();

/** Remembers the config path of a record this lib created, for messages. */
export function trackRecord(record: Route53Record, path: string, meta: RecordMeta = {}): void {
  configPathOf.set(record, path);
  metaOf.set(record, meta);
}

/**
 * Declares that the carrier-IP updater writes weighted A records of `name` in `zone` at run time,
 * each a carrier IP with `ttl` and `weight`.
 */
export function claimUpdaterRecords(
  stack: EdgeStack,
  zoneId: string,
  name: string,
  path: string,
  values: { readonly ttl: number; readonly weight: number; readonly ttlPath: string },
): void {
  const claims = dynamicClaims.get(stack) ?? [];
  claims.push({
    zone: zoneId,
    name,
    type: "A",
    kind: "weighted",
    path,
    ttlPath: values.ttlPath,
    dynamic: true,
    audience: "carrier",
    alias: false,
    ttl: values.ttl,
    weight: values.weight,
  });

  dynamicClaims.set(stack, claims);
  ensureValidation(stack);
}

/**
 * Adds (once per stack) the synth-time check that looks across constructs, including records
 * made outside this lib: for each (zone, name, type), weighted records never share the name with
 * a simple record or another routing policy (Route 53 rejects it: "InvalidChangeBatch ... cannot
 * be created as a non-weighted set exists with the same name and type", provider issue #1852,
 * external-dns #1411; API reference, ResourceRecordSet.Weight: "You can't create latency,
 * failover, or geolocation resource record sets that have the same values for the Name and Type
 * elements as weighted resource record sets"), set identifiers are unique, and there are at most
 * 100 weighted records. It throws `EdgeConfigError`s, which the synth runner prints.
 */
export function ensureValidation(stack: EdgeStack): void {
  if (validated.has(stack)) return;
  validated.add(stack);
  stack.node.addValidation({
    validate: () => {
      validateRecordSets(stack);
      return [];
    },
  });
}

function claimsOf(stack: EdgeStack): Claim[] {
  const text = (value: unknown): string => {
    const resolved: unknown = Tokenization.resolve(value, {
      scope: stack,
      resolver: new DefaultTokenResolver(new StringConcat()),
      preparing: false,
    });
    return typeof resolved === "string" ? resolved : JSON.stringify(resolved);
  };
  const records = stack.node
    .findAll()
    .filter((c): c is Route53Record => c instanceof Route53Record);
  const fromRecords = records.map((r): Claim => {
    const other =
      r.latencyRoutingPolicyInput ??
      r.failoverRoutingPolicyInput ??
      r.geolocationRoutingPolicyInput ??
      r.geoproximityRoutingPolicyInput ??
      r.cidrRoutingPolicyInput ??
      r.multivalueAnswerRoutingPolicyInput;
    const setIdentifier = r.setIdentifierInput;
    const ttl = r.ttlInput;
    const weight = r.weightedRoutingPolicyInput
      ? (r.weightedRoutingPolicyInput as { weight?: number }).weight
      : undefined;
    const meta = metaOf.get(r) ?? {};
    return {
      zone: text(r.zoneIdInput),
      name: comparableName(text(r.nameInput)),
      type: text(r.typeInput).toUpperCase(),
      kind:
        r.weightedRoutingPolicyInput !== undefined
          ? "weighted"
          : other !== undefined
            ? "other-policy"
            : "simple",
      ...(setIdentifier !== undefined ? { setIdentifier: text(setIdentifier) } : {}),
      path: configPathOf.get(r) ?? r.node.path,
      dynamic: false,
      ...(meta.audience ? { audience: meta.audience } : {}),
      alias: r.aliasInput !== undefined,
      ...(typeof ttl === "number" && !isUnresolved(ttl) ? { ttl } : {}),
      ...(typeof weight === "number" && !isUnresolved(weight) ? { weight } : {}),
    };
  });
  const dynamic = (dynamicClaims.get(stack) ?? []).map((c) => ({
    ...c,
    zone: text(c.zone),
    name: comparableName(text(c.name)),
  }));
  return [...fromRecords, ...dynamic];
}

/** The cross-construct rules; throws every violation found. */
export function validateRecordSets(stack: EdgeStack): void {
  const groups = new Map<string, Claim[]>();
  for (const claim of claimsOf(stack)) {
    const key = `${claim.zone}|${claim.name}|${claim.type}`;
    groups.set(key, [...(groups.get(key) ?? []), claim]);
  }
  const check = new ConfigCheck();
  for (const claims of groups.values()) {
    const weighted = claims.filter((c) => c.kind === "weighted");
    if (weighted.length === 0) continue;
    const name = weighted[0].name;
    for (const other of claims.filter((c) => c.kind !== "weighted")) {
      check.fail({
        code: "EDGE_DNS_MIXED_ROUTING",
        path: other.path,
        value: name,
        problem: `${other.kind === "simple" ? "a simple" : "a non-weighted routing"} ${other.type} record shares its name with the weighted records of ${weighted[0].path}, and route 53 rejects the second one (InvalidChangeBatch)`,
        fix: "give the record another name, or make it one more weighted endpoint with its own set identifier",
      });
    }
    const seen = new Map<string, string>();
    for (const claim of weighted) {
      if (claim.setIdentifier === undefined) continue;
      const first = seen.get(claim.setIdentifier);
      if (first !== undefined) {
        check.fail({
          code: "EDGE_DNS_SET_IDENTIFIER_DUPLICATE",
          path: claim.path,
          value: claim.setIdentifier,
          problem: `set identifier ${claim.setIdentifier} is already used for ${name} (${claim.type}) at ${first}`,
          fix: "give every weighted record of a name a distinct set identifier",
        });
      } else {
        seen.set(claim.setIdentifier, claim.path);
      }
    }
    checkAudiences(check, name, weighted);
    checkGroupTtl(check, name, weighted);
    const fixed = weighted.filter((c) => !c.dynamic);
    if (fixed.length > WEIGHTED_RECORDS_MAX) {
      check.fail({
        code: "EDGE_DNS_WEIGHTED_LIMIT",
        path: fixed[WEIGHTED_RECORDS_MAX].path,
        value: fixed.length,
        problem: `${fixed.length} weighted ${fixed[0].type} records named ${name}; route 53 allows at most ${WEIGHTED_RECORDS_MAX} per name and type`,
        fix: 'split the endpoints over sub-names and point weighted alias records at them (Route 53 guide, "Managing over 100 weighted records")',
      });
    }
  }
  check.throwIfFailed();
}

/**
 * A weighted group answers every client that resolves its name, so carrier IPs (reachable only
 * from the carrier's network, Wavelength guide, "How AWS Wavelength works") never share a group
 * with internet endpoints: an internet client would get a carrier IP for that share of answers,
 * and Route 53's checkers, which probe from the internet, could not take it out. A zero-weight
 * internet record is allowed next to carrier records: Route 53 answers with zero-weight records
 * only when every record of non-zero weight is unhealthy or absent (Developer Guide, "Values
 * specific for weighted records", Weight; "How health checks work in complex configurations"),
 * so it is the carrier clients' fallback, never an internet client's carrier answer.
 */
function checkAudiences(check: ConfigCheck, name: string, weighted: readonly Claim[]): void {
  const carrier = weighted.filter((c) => c.audience === "carrier");
  const internet = weighted.filter((c) => c.audience === "internet" && c.weight !== 0);
  if (carrier.length === 0 || internet.length === 0) return;
  check.fail({
    code: "EDGE_DNS_MIXED_AUDIENCE",
    path: internet[0].path,
    value: name,
    problem: `the weighted group ${name} mixes carrier ips (${carrier.map((c) => c.path).join(", ")}) with internet endpoints (${internet.map((c) => c.path).join(", ")}), so internet clients would get carrier ips they cannot reach`,
    fix: "keep carrier ips under a carrier name and internet endpoints under an internet name, and answer the public name by client network (AudienceRoutedName); a weight-0 internet record may stay as the carrier group's fallback",
  });
}

/**
 * Route 53 Developer Guide, "Values specific for weighted records", TTL: "You must specify the
 * same value for TTL for all of the records in this group of weighted records" (different values
 * are all changed to the last one given), and "If a group of weighted records includes one or
 * more weighted alias records that route traffic to an ELB load balancer, we recommend that you
 * specify a TTL of 60 seconds for all of the non-alias weighted records that have the same name
 * and type. Values other than 60 seconds (the TTL for load balancers) will change the effect of
 * the values that you specify for Weight." An alias to another record takes that record's TTL,
 * so a group that holds any alias keeps its non-alias records at 60 s too.
 */
function checkGroupTtl(check: ConfigCheck, name: string, weighted: readonly Claim[]): void {
  const plain = weighted.filter((c) => !c.alias && c.ttl !== undefined);
  const ttls = [...new Set(plain.map((c) => c.ttl!))];
  if (ttls.length > 1) {
    const odd = plain.find((c) => c.ttl !== plain[0].ttl)!;
    check.fail({
      code: "EDGE_DNS_GROUP_TTL",
      path: ttlPathOf(odd),
      value: odd.ttl,
      problem: `the weighted group ${name} holds ttls ${ttls.join(" and ")} (${plain.map((c) => `${ttlPathOf(c)} ${c.ttl}`).join(", ")}); route 53 needs one ttl per weighted group and otherwise changes every record to the last one written, skewing the weights`,
      fix: `give every record of ${name} the same ttl`,
    });
    return;
  }
  const aliases = weighted.filter((c) => c.alias);
  if (aliases.length === 0) return;
  for (const c of plain.filter((p) => p.ttl !== REGION_TTL_DEFAULT)) {
    check.fail({
      code: "EDGE_DNS_ALIAS_GROUP_TTL",
      path: ttlPathOf(c),
      value: c.ttl,
      problem: `the weighted group ${name} holds alias records (${aliases.map((a) => a.path).join(", ")}), which answer with the load balancer's 60 s ttl, so a ttl of ${c.ttl} s on a non-alias record changes the effect of the weights`,
      fix: `set the ttl to ${REGION_TTL_DEFAULT}; only a group without aliases may use a shorter one`,
    });
  }
}

function ttlPathOf(claim: Claim): string {
  return claim.ttlPath ?? `${claim.path}.ttl`;
}
