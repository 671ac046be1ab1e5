/**
 * Tag keys and values (Tagging AWS Resources user guide, "Tag naming limits and requirements",
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html):
 * a key has 1 to 128 Unicode characters, a value 0 to 256; allowed are letters, numbers and
 * spaces representable in UTF-8 and `_ . : / = + - @`; "The aws: prefix is prohibited for tags;
 * it's reserved for AWS use" (any case).
 */
export const TAG_RULES_SOURCE =
  "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html";

const ALLOWED = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]*$/u;

/** The first rule tag key `key` breaks, or undefined. */
export function tagKeyProblem(key: string): string | undefined {
  const length = [...key].length;
  if (length < 1 || length > 128) return `a tag key has 1 to 128 characters, this one ${length}`;
  if (/^aws:/i.test(key)) return 'the "aws:" prefix is reserved for AWS';
  if (!ALLOWED.test(key)) return "a tag key has letters, numbers, spaces and _ . : / = + - @ only";
  return undefined;
}

/** The first rule tag value `value` breaks, or undefined. */
export function tagValueProblem(value: string): string | undefined {
  const length = [...value].length;
  if (length > 256) return `a tag value has at most 256 characters, this one ${length}`;
  if (!ALLOWED.test(value))
    return "a tag value has letters, numbers, spaces and _ . : / = + - @ only";
  return undefined;
}

/** What a valid key looks like, for an error's fix. */
export const TAG_KEY_FIX = `use 1 to 128 letters (any script), numbers, spaces and _ . : / = + - @, not starting with "aws:", such as "cost-center" or "équipe" (${TAG_RULES_SOURCE})`;
