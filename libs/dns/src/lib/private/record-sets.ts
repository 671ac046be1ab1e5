import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { ConfigCheck, type EdgeStack } from "@edge/core";
import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { comparableName, WEIGHTED_RECORDS_MAX } from "./rules";

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
}

const configPathOf = new WeakMap<Route53Record, string>();
const dynamicClaims = new WeakMap<EdgeStack, Claim[]>();
const validated = new WeakSet<EdgeStack>();

/** Remembers the config path of a record this lib created, for messages. */
export function trackRecord(record: Route53Record, path: string): void {
  configPathOf.set(record, path);
}

/** Declares that the carrier-IP updater writes weighted A records of `name` in `zone` at run time. */
export function claimUpdaterRecords(
  stack: EdgeStack,
  zoneId: string,
  name: string,
  path: string,
): void {
  const claims = dynamicClaims.get(stack) ?? [];
  claims.push({ zone: zoneId, name, type: "A", kind: "weighted", path, dynamic: true });
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
