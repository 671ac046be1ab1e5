import { z } from "zod";
import { describeValue, EdgeConfigError, throwAll } from "./errors";
import { describePattern } from "./validation/pattern-descriptions";

/**
 * Extra data a refinement attaches to its issue so the resulting `EdgeConfigError` has a
 * stable code and a fix, e.g. `ctx.addIssue({ code: "custom", message, params: rule(...) })`.
 */
export interface RuleParams {
  readonly edgeCode: string;
  readonly fix: string;
}

/** Shorthand for the `params` of a custom zod issue. */
export function rule(edgeCode: string, fix: string): RuleParams {
  return { edgeCode, fix };
}

/** Joins a config path: `joinPath("environments.dev", ["vpc", "azs", 0])` is `environments.dev.vpc.azs[0]`. */
export function joinPath(base: string, parts: readonly PropertyKey[]): string {
  let out = base;
  for (const part of parts) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_][\w-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/**
 * Validates `value` against `schema` and returns the parsed result, or throws one
 * `EdgeConfigError` per issue (several as an `AggregateError`). Unknown keys are errors when the
 * schema uses `z.strictObject`, which every config schema in this repo does.
 */
export function parseConfig<S extends z.ZodType>(schema: S, value: unknown, basePath: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throwAll(result.error.issues.flatMap((issue) => toConfigErrors(schema, issue, value, basePath)));
  /* c8 ignore next */
  throw new Error("unreachable");
}

function toConfigErrors(
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
  root: unknown,
  basePath: string,
): EdgeConfigError[] {
  const path = joinPath(basePath, issue.path);
  const input = "input" in issue ? issue.input : valueAt(root, issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schema, issue.path);
      return issue.keys.map(
        (key) =>
          new EdgeConfigError({
            code: "EDGE_CONFIG_UNKNOWN_KEY",
            path: joinPath(path, [key]),
            value: (input as Record<string, unknown> | undefined)?.[key],
            problem: `unknown key "${key}"`,
            fix: suggestKey(key, allowed),
          }),
      );
    }
    case "invalid_type":
      if (input === undefined) {
        return [
          new EdgeConfigError({
            code: "EDGE_CONFIG_MISSING",
            path,
            value: undefined,
            problem: `required ${issue.expected} is missing`,
            fix: `add ${path}: a ${issue.expected}, as its doc comment in the file describes`,
          }),
        ];
      }
      return [
        new EdgeConfigError({
          code: "EDGE_CONFIG_TYPE",
          path,
          value: input,
          problem: `expected ${issue.expected}, got ${typeName(input)}`,
          fix: `give ${path} a ${issue.expected} value`,
        }),
      ];
    case "invalid_value":
      return [
        new EdgeConfigError({
          code: "EDGE_CONFIG_VALUE",
          path,
          value: input,
          problem: `not one of the allowed values`,
          fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
        }),
      ];
    case "invalid_key": {
      // A record key that breaks its rule: report the key's own issue at the key's path.
      const inner = (issue as { issues?: z.core.$ZodIssue[] }).issues?.[0];
      if (inner) {
        return toConfigErrors(
          schema,
          { ...inner, path: issue.path, input } as z.core.$ZodIssue,
          root,
          basePath,
        ).map((e) => e.with({ problem: `key ${describeValue(input)}: ${e.problem}` }));
      }
      break;
    }
    case "invalid_union": {
      const literals = unionLiterals(issue);
      if (literals) {
        return [
          new EdgeConfigError({
            code: "EDGE_CONFIG_VALUE",
            path,
            value: input,
            problem: "not one of the allowed values",
            fix: `use one of ${literals.map((v) => JSON.stringify(v)).join(", ")}`,
          }),
        ];
      }
      if ("discriminator" in issue && Array.isArray((issue as { options?: unknown[] }).options)) {
        const options = (issue as { options: unknown[] }).options;
        return [
          new EdgeConfigError({
            code: "EDGE_CONFIG_VALUE",
            path,
            value: (input as Record<string, unknown> | undefined)?.[String(issue.discriminator)],
            problem: "unknown kind",
            fix: `use one of ${options.map((v) => JSON.stringify(v)).join(", ")}`,
          }),
        ];
      }
      return [
        new EdgeConfigError({
          code: "EDGE_CONFIG_VALUE",
          path,
          value: input,
          problem: "matches none of the accepted shapes",
          fix: `give ${path} one of the shapes its doc comment lists`,
        }),
      ];
    }
    case "custom": {
      const params = (issue.params ?? {}) as Partial<RuleParams>;
      return [
        new EdgeConfigError({
          code: params.edgeCode ?? "EDGE_CONFIG_INVALID",
          path,
          value: input,
          problem: lowerFirst(issue.message),
          fix: params.fix ?? `give ${path} a value as its doc comment in the file describes`,
        }),
      ];
    }
  }
  switch (issue.code) {
    default:
      return [
        new EdgeConfigError({
          code: "EDGE_CONFIG_INVALID",
          path,
          value: input,
          problem: lowerFirst(issue.message.replace(/^Invalid input: /, "")).replace(/\.$/, ""),
          fix: fixFor(issue, path),
        }),
      ];
  }
}

function fixFor(issue: z.core.$ZodIssue, path: string): string {
  if (issue.code === "too_small" || issue.code === "too_big") {
    const bound = issue.code === "too_small" ? "at least" : "at most";
    return `make ${path} ${bound} ${String(issue.code === "too_small" ? issue.minimum : issue.maximum)}`;
  }
  if (issue.code === "invalid_format" && issue.format === "regex" && "pattern" in issue) {
    return describePattern(String(issue.pattern)) ?? `make ${path} match ${String(issue.pattern)}`;
  }
  return `give ${path} a value as its doc comment in the file describes`;
}

/** The literal values of a union of literals, or undefined for any other union. */
function unionLiterals(issue: z.core.$ZodIssue): unknown[] | undefined {
  const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors;
  if (!branches || branches.length === 0) return undefined;
  const values: unknown[] = [];
  for (const branch of branches) {
    if (branch.length !== 1 || branch[0].code !== "invalid_value" || branch[0].path.length > 0)
      return undefined;
    values.push(...branch[0].values);
  }
  return values;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Keys the object schema at `path` accepts, for a did-you-mean hint. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: z.ZodType | undefined = schema;
  for (const key of path) {
    cur = cur ? child(unwrap(cur), key) : undefined;
  }
  const obj = cur ? unwrap(cur) : undefined;
  return obj instanceof z.ZodObject ? Object.keys(obj.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let cur = schema;
  for (;;) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      cur = cur.in as z.ZodType;
    } else {
      return cur;
    }
  }
}

function child(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) return (schema.shape as Record<string, z.ZodType>)[String(key)];
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  return undefined;
}

function suggestKey(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return `remove "${key}"`;
  const best = [...allowed].sort((a, b) => distance(key, a) - distance(key, b))[0];
  const hint = distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? `did you mean "${best}"? ` : "";
  return `${hint}remove "${key}" or use one of: ${allowed.join(", ")}`;
}

/** Levenshtein distance, for did-you-mean hints on small key sets. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
