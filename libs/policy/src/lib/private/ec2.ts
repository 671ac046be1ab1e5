import { blocksOf, UNKNOWN, type Unknown } from "./values";

type Json = Record<string, unknown>;

/** Resource types that launch instances: each carries metadata options, volumes and user data. */
export const LAUNCH_TYPES = [
  "aws_instance",
  "aws_launch_template",
  "aws_launch_configuration",
] as const;

/** The `metadata_options` block, `undefined` when absent. */
export function metadataOptions(config: Readonly<Json>): Json | undefined | Unknown {
  const found = blocksOf(config, "metadata_options");
  if (found === UNKNOWN) return UNKNOWN;
  return found[0];
}
