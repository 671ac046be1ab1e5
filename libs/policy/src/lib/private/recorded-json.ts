import {
  DefaultTokenResolver,
  StringConcat,
  TerraformBackend,
  TerraformDataSource,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from "cdktf";
import { terraformElementsOf } from "@edge/core";
import type { IConstruct } from "constructs";

type Json = Record<string, unknown>;
const RESOLVER = new DefaultTokenResolver(new StringConcat());
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `//.metadata.overrides` of the stack JSON as cdktf computes it: the stack's own override keys
 * (under `stack`), then every element's `toMetadata().overrides`, arrays concatenated in
 * element order (cdktf's deepMerge).
 */
function overridesMetadata(
  stack: TerraformStack,
  stackKeys: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = stackKeys.length > 0 ? { stack: [...stackKeys] } : {};
  for (const e of terraformElementsOf(stack)) {
    const overrides = (e.toMetadata() as { overrides?: Record<string, string[]> }).overrides;
    for (const [type, keys] of Object.entries(overrides ?? {}))
      out[type] = [...(out[type] ?? []), ...keys];
  }
  return out;
}

/**
 * `json` (the stack resolved before the policy pack recorded suppressions) as `toTerraform()`
 * gives it now that `recorded` has been written with `addOverride` at `//.<key>` of each
 * resource or data source and at `//.<key>.backend` of the stack: the metadata block of each
 * accepting resource, the stack's `//` block for the backend, and the override list of
 * `//.metadata`. Undefined when a construct is of a kind this does not place (the caller then
 * resolves the stack again). `json` is changed in place.
 */
export function withRecordedOverrides(
  stack: TerraformStack,
  json: Json,
  key: string,
  recorded: ReadonlyMap<IConstruct, unknown>,
): Json | undefined {
  if (recorded.size === 0) return json;
  const root = json["//"];
  if (!isObject(root) || !isObject(root.metadata)) return undefined;
  const before = isObject(root.metadata.overrides)
    ? (root.metadata.overrides as Record<string, string[]>)
    : {};
  const touched = new Set<string>();
  let stackKeys = before.stack ?? [];
  for (const [construct, value] of recorded) {
    // Resolved as toTerraform() resolves the whole stack (plain data comes out as it went in).
    const resolved = Tokenization.resolve(value, {
      scope: stack,
      resolver: RESOLVER,
      preparing: false,
    }) as unknown;
    if (construct instanceof TerraformBackend) {
      const current = isObject(root[key]) ? root[key] : {};
      root[key] = { ...current, backend: resolved };
      if (!stackKeys.includes("//")) stackKeys = [...stackKeys, "//"];
      touched.add("stack");
      continue;
    }
    const isResource = construct instanceof TerraformResource;
    if (!isResource && !(construct instanceof TerraformDataSource)) return undefined;
    const block = isResource ? "resource" : "data";
    const { terraformResourceType: type, friendlyUniqueId: id } = construct;
    const byType = json[block];
    const body = isObject(byType) && isObject(byType[type]) ? byType[type][id] : undefined;
    if (!isObject(body)) return undefined;
    body["//"] = { ...(isObject(body["//"]) ? body["//"] : {}), [key]: resolved };
    touched.add(type);
  }
  const after = overridesMetadata(stack, stackKeys);
  // Every list not touched here must come out as it was: a cross-check of this computation.
  for (const type of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!touched.has(type) && JSON.stringify(before[type]) !== JSON.stringify(after[type]))
      return undefined;
  }
  if (Object.keys(after).length > 0) root.metadata = { ...root.metadata, overrides: after };
  return json;
}
