import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct } from "constructs";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The stack's Terraform elements in the order cdktf merges them (pre-order, no nested stacks). */
export function terraformElementsOf(stack: TerraformStack): TerraformElement[] {
  const out: TerraformElement[] = [];
  const walk = (c: IConstruct): void => {
    if (TerraformElement.isTerraformElement(c)) out.push(c);
    for (const child of c.node.children) if (!TerraformStack.isStack(child)) walk(child);
  };
  walk(stack);
  return out;
}

/**
 * The stack's Terraform JSON, built as cdktf 0.21's `TerraformStack.toTerraform()` builds it
 * (cdktf 0.21 is the final release, so that code no longer changes) with two differences:
 *  - every token is resolved in cdktf's "preparing" mode, the mode of `prepareStack()`, in which a
 *    reference to another stack's resource calls the consuming stack's
 *    `registerIncomingCrossStackReference` (an EdgeStack refuses it, see edge-stack.ts) instead
 *    of silently naming a resource the stack does not hold;
 *  - the merged document is not resolved a second time: each element's block and the stack's
 *    overrides are resolved once before they are merged, and merging resolved values gives the
 *    same document (a test compares this with cdktf's own `toTerraform()` for every shipped
 *    stack, byte for byte).
 * cdktf itself resolves every element twice per synth (once in `prepareStack()`, once in
 * `toTerraform()`) and the merged document a third time; this is one pass.
 */
export function resolveStackJson(
  stack: TerraformStack,
  rawOverrides: Record<string, unknown>,
): Record<string, unknown> {
  const outer = resolving;
  resolving = stack;
  try {
    return buildStackJson(stack, rawOverrides);
  } finally {
    resolving = outer;
  }
}

/** The stack {@link resolveStackJson} is resolving right now: the consumer of a cross-stack reference. */
export function resolvingStack(): TerraformStack | undefined {
  return resolving;
}

let resolving: TerraformStack | undefined;

function buildStackJson(stack: TerraformStack, rawOverrides: Record<string, unknown>): Record<string, unknown> {
  const resolve = <T>(value: T): T =>
    Tokenization.resolve(value, { scope: stack, preparing: true, resolver: RESOLVER }) as T;
  const overrideKeys = Object.keys(rawOverrides);
  const metadata: Record<string, unknown> = {
    // What cdktf's constructor read (private there): the `cdktfVersion` context the App sets.
    version: stack.node.tryGetContext("cdktfVersion") as unknown,
    stackName: stack.node.id,
    backend: "local", // set by the backend's own metadata
    cloud: undefined, // set by a cloud or remote backend
    ...(overrideKeys.length > 0 ? { overrides: { stack: overrideKeys } } : {}),
  };
  const elements = terraformElementsOf(stack);
  for (const e of elements) deepMerge(metadata, resolve(e.toMetadata()));
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    deepMerge(
      outputs,
      e.node.path
        .split("/")
        .reduceRight<Record<string, unknown>>(
          (inner, part) => (Object.keys(inner).length === 0 ? { [part]: e.friendlyUniqueId } : { [part]: inner }),
          {},
        ),
    );
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const e of elements) deepMerge(tf, resolve(e.toTerraform()));
  deepMerge(tf, resolve(rawOverrides));
  // The only unresolved values left: metadata keys set to undefined (`cloud` without a cloud
  // backend), which cdktf's resolve of the whole document drops.
  for (const key of Object.keys(metadata)) if (metadata[key] === undefined) delete metadata[key];
  return tf;
}
