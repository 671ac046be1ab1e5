import type { TerraformBlock } from "../terraform-view";
import { blocksOf, isExpression, isRecord, stringsOf, UNKNOWN, type Unknown } from "./values";

type Json = Record<string, unknown>;

/** One statement of an IAM policy, from a JSON document or an `aws_iam_policy_document` data source. */
export interface IamStatement {
  /** `Statement[0]`, `statement[1]`, for messages. */
  readonly label: string;
  readonly effect: "Allow" | "Deny" | Unknown;
  readonly actions: readonly (string | Unknown)[];
  /** True when the statement uses NotAction. */
  readonly notAction: boolean;
  readonly resources: readonly (string | Unknown)[];
  /** True when the statement uses NotResource. */
  readonly notResource: boolean;
  /** Principals as `<type>:<id>` (`AWS:*`, `Service:lambda.amazonaws.com`, `*`); empty for identity policies. */
  readonly principals: readonly (string | Unknown)[];
  readonly hasCondition: boolean;
}

/** One policy document found in a resource: where it sits and its statements. */
export interface IamDocument {
  /** The attribute holding it: `policy`, `inline_policy[0].policy`, `assume_role_policy`, `statement`. */
  readonly attribute: string;
  /** `permissions` for identity policies, `trust` for role trust policies, `resource` for data documents with principals. */
  readonly kind: "permissions" | "trust" | "document";
  readonly statements: readonly IamStatement[] | Unknown;
}

/** Resource types whose `policy` attribute is an identity (permissions) policy. */
export const POLICY_TYPES = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
] as const;

/** Resource types whose policy attribute is a resource policy (it names principals). */
export const RESOURCE_POLICY_TYPES = [
  "aws_sqs_queue_policy",
  "aws_sns_topic_policy",
  "aws_s3_bucket_policy",
  "aws_cloudwatch_log_resource_policy",
] as const;

/** Every type the IAM rules look at. */
export const IAM_DOCUMENT_TYPES = [
  ...POLICY_TYPES,
  ...RESOURCE_POLICY_TYPES,
  "aws_iam_role",
  "data.aws_iam_policy_document",
] as const;

/** Documents per block: every IAM rule reads the same block's documents (parsed once). */
const DOCUMENTS = new WeakMap<TerraformBlock, readonly IamDocument[]>();

/** The policy documents a resource carries (parsed once per block; read them, never change them). */
export function documentsOf(block: TerraformBlock): readonly IamDocument[] {
  let docs = DOCUMENTS.get(block);
  if (!docs) {
    docs = parseDocuments(block);
    DOCUMENTS.set(block, docs);
  }
  return docs;
}

function parseDocuments(block: TerraformBlock): IamDocument[] {
  const { type, config } = block;
  const key = block.mode === "data" ? `data.${type}` : type;
  if ((POLICY_TYPES as readonly string[]).includes(key)) {
    return [
      { attribute: "policy", kind: "permissions", statements: parseJsonPolicy(config.policy) },
    ];
  }
  if (key === "aws_iam_role") {
    const docs: IamDocument[] = [];
    if (config.assume_role_policy !== undefined) {
      docs.push({
        attribute: "assume_role_policy",
        kind: "trust",
        statements: parseJsonPolicy(config.assume_role_policy),
      });
    }
    const inline = blocksOf(config, "inline_policy");
    if (inline === UNKNOWN)
      docs.push({ attribute: "inline_policy", kind: "permissions", statements: UNKNOWN });
    else
      inline.forEach((p, i) => {
        if (p.policy !== undefined)
          docs.push({
            attribute: `inline_policy[${i}].policy`,
            kind: "permissions",
            statements: parseJsonPolicy(p.policy),
          });
      });
    return docs;
  }
  if ((RESOURCE_POLICY_TYPES as readonly string[]).includes(key)) {
    const attribute = key === "aws_cloudwatch_log_resource_policy" ? "policy_document" : "policy";
    return [{ attribute, kind: "document", statements: parseJsonPolicy(config[attribute]) }];
  }
  if (key === "data.aws_iam_policy_document") {
    return [{ attribute: "statement", kind: "document", statements: fromDataDocument(config) }];
  }
  return [];
}

/** Parses a JSON policy string; `UNKNOWN` when it is an expression (`${data.….json}`, `jsonencode`). */
export function parseJsonPolicy(value: unknown): IamStatement[] | Unknown {
  if (typeof value !== "string") return isRecord(value) ? fromJson(value) : UNKNOWN;
  if (value.trim().startsWith("${")) return UNKNOWN;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return UNKNOWN;
  }
  return isRecord(parsed) ? fromJson(parsed) : UNKNOWN;
}

function fromJson(doc: Json): IamStatement[] {
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isRecord).map((s, i) => ({
    label: `Statement[${i}]`,
    effect: effectOf(s.Effect),
    actions: listOf(s.Action ?? s.NotAction),
    notAction: s.NotAction !== undefined && s.Action === undefined,
    resources: resourcesOf(s.Resource ?? s.NotResource),
    notResource: s.NotResource !== undefined && s.Resource === undefined,
    principals: principalsOfJson(s.Principal ?? s.NotPrincipal),
    hasCondition: isRecord(s.Condition)
      ? Object.keys(s.Condition).length > 0
      : s.Condition !== undefined,
  }));
}

function fromDataDocument(config: Readonly<Json>): IamStatement[] | Unknown {
  const statements = blocksOf(config, "statement");
  if (statements === UNKNOWN) return UNKNOWN;
  return statements.map((s, i) => {
    const principals = blocksOf(s, "principals");
    const notPrincipals = blocksOf(s, "not_principals");
    const conditions = blocksOf(s, "condition");
    return {
      label: `statement[${i}]`,
      effect: s.effect === undefined ? "Allow" : effectOf(s.effect),
      actions: listOf(s.actions ?? s.not_actions),
      notAction: s.not_actions !== undefined && s.actions === undefined,
      resources: resourcesOf(s.resources ?? s.not_resources),
      notResource: s.not_resources !== undefined && s.resources === undefined,
      principals: [...principalsOfBlocks(principals), ...principalsOfBlocks(notPrincipals)],
      hasCondition: conditions === UNKNOWN || conditions.length > 0,
    };
  });
}

function effectOf(value: unknown): "Allow" | "Deny" | Unknown {
  return value === "Allow" || value === "Deny" ? value : UNKNOWN;
}

/**
 * Resource ARNs: a string that only interpolates attributes of resources or data sources
 * (`${aws_cloudwatch_log_group.x.arn}:*`) names specific resources, so it is kept as text;
 * variables, locals and function calls could be anything and become `UNKNOWN`.
 */
function resourcesOf(value: unknown): (string | Unknown)[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v !== "string") return UNKNOWN;
    const expressions = v.match(/\$\{[^}]*\}/g) ?? [];
    const specific = expressions.every((e) =>
      /^\$\{(data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z0-9_]+\}$/.test(e),
    );
    return specific && !(isExpression(v) && expressions.length === 0) ? v : UNKNOWN;
  });
}

function listOf(value: unknown): (string | Unknown)[] {
  const list = stringsOf(value);
  return list === UNKNOWN ? [UNKNOWN] : list;
}

function principalsOfJson(value: unknown): (string | Unknown)[] {
  if (value === undefined) return [];
  if (value === "*") return ["*"];
  if (isExpression(value) || !isRecord(value)) return [UNKNOWN];
  return Object.entries(value).flatMap(([type, ids]) =>
    listOf(ids).map((id) => (id === UNKNOWN ? UNKNOWN : `${type}:${id}`)),
  );
}

function principalsOfBlocks(blocks: Json[] | Unknown): (string | Unknown)[] {
  if (blocks === UNKNOWN) return [UNKNOWN];
  return blocks.flatMap((b) => {
    const type = typeof b.type === "string" && !isExpression(b.type) ? b.type : undefined;
    return listOf(b.identifiers).map((id) =>
      id === UNKNOWN || type === undefined ? UNKNOWN : type === "*" ? "*" : `${type}:${id}`,
    );
  });
}

/** True for `*`, `AWS:*` (anyone). */
export function isAnyone(principal: string | Unknown): boolean {
  return principal === "*" || principal === "AWS:*";
}

/** Compiled action patterns: the same few patterns are matched against every statement. */
const ACTION_PATTERNS = new Map<string, RegExp>();

/** True when an action pattern (which may hold `*` and `?`) matches `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = ACTION_PATTERNS.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
      "i",
    );
    ACTION_PATTERNS.set(pattern, re);
  }
  return re.test(action);
}
