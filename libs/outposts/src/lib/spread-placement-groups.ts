import type { Construct } from "constructs";
import type { IOutpost } from "./outpost";
import { SpreadPlacementGroup, type SpreadPlacementGroupProps } from "./spread-placement-group";

/** Props of {@link spreadPlacementGroups}. */
export interface SpreadPlacementGroupsProps {
  /** The groups by key, as a site's config lists them. */
  readonly groups: Readonly<
    Record<string, Omit<SpreadPlacementGroupProps, "outpost" | "configPath">>
  >;
  /** The Outpost whose instances join the groups. @default - Region groups */
  readonly outpost?: IOutpost;
  /** Config path of the groups, for errors: each group's is `<configPath>.<key>`. @default "placementGroups" */
  readonly configPath?: string;
}

/** One {@link SpreadPlacementGroup} per key (construct id `placement-group-<key>`), by key. */
export function spreadPlacementGroups(
  scope: Construct,
  props: SpreadPlacementGroupsProps,
): Record<string, SpreadPlacementGroup> {
  const path = props.configPath ?? "placementGroups";
  return Object.fromEntries(
    Object.entries(props.groups).map(([key, group]) => [
      key,
      new SpreadPlacementGroup(scope, `placement-group-${key}`, {
        ...group,
        ...(props.outpost ? { outpost: props.outpost } : {}),
        configPath: `${path}.${key}`,
      }),
    ]),
  );
}
