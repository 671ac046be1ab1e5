import { TerraformStack, Token, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * What a placement group created in a stack keeps apart, for constructs that launch instances
 * into it by name only (a launch template's `placement.group_name`).
 */
export interface PlacementGroupFacts {
  /** Spread groups: hosts or racks. */
  readonly spreadLevel: "host" | "rack";
  /** Compute racks of the Outpost the group is on. @default - not on an Outpost */
  readonly racks?: number;
  /** Config path of the rack count, for errors. @default - none */
  readonly racksPath?: string;
  /** Config path of the group, for errors. */
  readonly configPath: string;
}

const registries = new WeakMap<IConstruct, Map<string, PlacementGroupFacts>>();

/**
 * A name as a key: a literal as is, a resource attribute by the address it references
 * (`aws_placement_group.x.name`): each read of an attribute is a new token of the same reference.
 */
function keyOf(name: string): string {
  if (!Token.isUnresolved(name)) return name;
  const fragments = Tokenization.reverseString(name);
  const [token] = fragments.tokens;
  const identifier = (token as { identifier?: unknown } | undefined)?.identifier;
  return fragments.length === 1 && typeof identifier === "string" ? `ref:${identifier}` : name;
}

/**
 * Records `facts` of the placement group named `names` (its literal name and its resource's name
 * attribute, whichever a construct is given: a reference is matched by the address it names) in
 * `scope`'s stack.
 */
export function registerPlacementGroup(scope: IConstruct, names: readonly string[], facts: PlacementGroupFacts): void {
  const stack = TerraformStack.of(scope);
  const registry = registries.get(stack) ?? new Map<string, PlacementGroupFacts>();
  registries.set(stack, registry);
  for (const name of names) registry.set(keyOf(name), facts);
}

/** The facts of the placement group `name` created in `scope`'s stack, if it was registered. */
export function placementGroupFacts(scope: IConstruct, name: string): PlacementGroupFacts | undefined {
  return registries.get(TerraformStack.of(scope))?.get(keyOf(name));
}
