/**
 * IAM policy documents as plain objects, so constructs render them with `JSON.stringify` and tests
 * read them back (IAM User Guide, "IAM JSON policy element reference": Version, Statement, Sid,
 * Effect, Principal, Action, Resource, Condition).
 */

/** One statement: every construct here allows, and never denies, what it needs. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow";
  readonly Principal?: Record<string, string>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** An IAM policy document, policy language version 2012-10-17. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The document of `statements`. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}
