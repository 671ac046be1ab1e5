/**
 * What the regular expressions of the config schemas accept, in words and with an example, so
 * a value that does not match gets a fix that says what a valid one looks like (not the regex).
 * Keyed by the pattern's source text.
 */
const DESCRIPTIONS: Readonly<Record<string, { readonly what: string; readonly example: string }>> =
  {
    "^\\d{12}$": { what: "the 12-digit account id, as a string", example: '"111111111111"' },
    "^[a-z][a-z0-9-]{0,23}$": {
      what: "lowercase letters, digits and dashes, starting with a letter, at most 24 characters",
      example: '"feature-42"',
    },
    "^[a-z][a-z0-9-]{1,40}$": {
      what: "a site name: lowercase letters, digits and dashes, starting with a letter",
      example: '"region-hub"',
    },
    "^[a-z][a-z0-9-]{0,30}$": {
      what: "lowercase letters, digits and dashes, starting with a letter, at most 31 characters",
      example: '"controllers"',
    },
    "^arn:aws[a-z-]*:iam::\\d{12}:role\\/[\\w+=,.@/-]+$": {
      what: "an IAM role ARN",
      example: '"arn:aws:iam::111111111111:role/edge-blueprints-deploy"',
    },
    "^arn:aws[a-z-]*:iam::(\\d{12}|aws):policy\\/[\\w+=,.@/-]+$": {
      what: "an IAM managed policy ARN",
      example: '"arn:aws:iam::111111111111:policy/edge-blueprints-boundary"',
    },
    "^[\\w.-]+(\\/[\\w.-]+)*$": {
      what: "letters, digits, _ . and - in segments separated by single slashes, without a slash at either end",
      example: '"edge/blueprints"',
    },
    "^[\\w-]+$": { what: "letters, digits, _ and -", example: '"edge-platform"' },
    "^[a-z0-9.-]+(:\\d+)?$": {
      what: "a lowercase host name, optionally with :port",
      example: '"app.terraform.io"',
    },
  };

/** A fix for a value that does not match `pattern` (as `/source/` or the source), or undefined. */
export function describePattern(pattern: string): string | undefined {
  const source = pattern.startsWith("/") ? pattern.slice(1, pattern.lastIndexOf("/")) : pattern;
  const found = DESCRIPTIONS[source];
  return found ? `use ${found.what}, such as ${found.example}` : undefined;
}
