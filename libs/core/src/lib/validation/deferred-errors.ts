import type { EdgeConfigError } from "../errors";

/** Rewrites an error to point at where the user wrote the value (see {@link withConfigSources}). */
export type ErrorSource = (error: EdgeConfigError) => EdgeConfigError;

interface Collector {
  /** One batch per failed check, in the order the constructs ran. */
  readonly batches: EdgeConfigError[][];
}

// Synth is synchronous: a plain stack of the collectors and source maps in force is enough.
const collectors: Collector[] = [];
const sources: ErrorSource[][] = [];

/** Applies every source map in force, innermost first. */
export function pointAtSource(error: EdgeConfigError): EdgeConfigError {
  let out = error;
  for (let i = sources.length - 1; i >= 0; i--) for (const map of sources[i]) out = map(out);
  return out;
}

/**
 * Records `errors` in the innermost {@link collectConfigErrors} in force and returns true, or
 * returns false when none is (the caller then throws). A construct whose props failed goes on
 * building with them, so the constructs after it still check theirs.
 */
export function deferConfigErrors(errors: readonly EdgeConfigError[]): boolean {
  const collector = collectors[collectors.length - 1];
  if (!collector) return false;
  collector.batches.push(errors.map(pointAtSource));
  return true;
}

/** What {@link collectConfigErrors} saw: the deferred errors and whatever `fn` threw. */
export interface CollectedErrors<T> {
  readonly result?: T;
  /** Deferred errors, one batch per failed check, in order. */
  readonly deferred: readonly (readonly EdgeConfigError[])[];
  /** What `fn` threw, if it threw. */
  readonly thrown?: { readonly error: unknown };
}

/** Runs `fn` with config checks recording their errors instead of throwing them. */
export function collectConfigErrors<T>(fn: () => T): CollectedErrors<T> {
  const collector: Collector = { batches: [] };
  collectors.push(collector);
  try {
    return { result: fn(), deferred: collector.batches };
  } catch (error) {
    return { deferred: collector.batches, thrown: { error } };
  } finally {
    collectors.pop();
  }
}

/**
 * Runs `fn` (typically `new SomeConstruct(...)`) with its errors re-pointed by `maps`: thrown ones
 * are rewritten and rethrown, deferred ones are rewritten when recorded. A site uses it where it
 * passes a construct a value that it did not take from the construct's own config path (an
 * environment value, a list it prepended to).
 */
export function withConfigSources<T>(maps: readonly ErrorSource[], fn: () => T): T {
  sources.push([...maps]);
  try {
    return fn();
  } catch (err) {
    throw rewriteThrown(err, maps);
  } finally {
    sources.pop();
  }
}

function rewriteThrown(err: unknown, maps: readonly ErrorSource[]): unknown {
  const apply = (e: EdgeConfigError) => maps.reduce((acc, map) => map(acc), e);
  if (isConfigError(err)) return apply(err);
  if (err instanceof AggregateError && err.errors.every(isConfigError)) {
    return new AggregateError(err.errors.map(apply), err.message);
  }
  return err;
}

function isConfigError(err: unknown): err is EdgeConfigError {
  return (
    err instanceof Error &&
    err.name === "EdgeConfigError" &&
    typeof (err as EdgeConfigError).with === "function"
  );
}
