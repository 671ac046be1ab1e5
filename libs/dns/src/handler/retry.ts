import type { Logger } from "./log";

/** How failed AWS calls are retried. */
export interface RetryOptions {
  /** Attempts per call, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff, in milliseconds. @default 200 */
  readonly baseDelayMs?: number;
  /** Cap of one backoff delay, in milliseconds. @default 5000 */
  readonly maxDelayMs?: number;
}

/** Waits `ms` milliseconds; injectable so tests do not sleep. */
export type Delay = (ms: number) => Promise<void>;

export const sleep: Delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Error codes worth retrying. Route 53 answers a busy zone with PriorRequestNotComplete ("If Amazon
// Route 53 can't process a request before the next request arrives, it will reject subsequent
// requests for the same hosted zone", ChangeResourceRecordSets errors) and rate limits with
// Throttling / ThrottlingException; EC2 throttles with RequestLimitExceeded (EC2 API reference,
// "Request throttling").
const RETRYABLE_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "PriorRequestNotComplete",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "ServiceUnavailable",
  "InternalError",
  "TimeoutError",
  "RequestTimeout",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
]);

interface AwsErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The error code of an AWS SDK v3 error (its `name`), or of a Node.js network error. */
export function errorCode(err: unknown): string {
  const e = (err ?? {}) as AwsErrorShape;
  return String(e.name && e.name !== "Error" ? e.name : (e.code ?? e.name ?? "Error"));
}

/** True for throttling, busy-zone, server-side and network errors. */
export function isRetryable(err: unknown): boolean {
  const e = (err ?? {}) as AwsErrorShape;
  if (RETRYABLE_CODES.has(errorCode(err)) || (e.code !== undefined && RETRYABLE_CODES.has(e.code)))
    return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/**
 * Runs `call`, retrying retryable errors with capped exponential backoff and full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"). The SDK clients are created with
 * `maxAttempts: 1`, so this is the one retry policy and tests can observe every attempt.
 */
export async function withRetry<T>(
  operation: string,
  call: () => Promise<T>,
  ctx: {
    readonly options?: RetryOptions;
    readonly delay: Delay;
    readonly random: () => number;
    readonly log: Logger;
    readonly context?: Record<string, unknown>;
  },
): Promise<T> {
  const maxAttempts = ctx.options?.maxAttempts ?? 6;
  const base = ctx.options?.baseDelayMs ?? 200;
  const cap = ctx.options?.maxDelayMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isRetryable(err) || attempt >= maxAttempts) throw err;
      const delayMs = Math.round(ctx.random() * Math.min(cap, base * 2 ** (attempt - 1)));
      ctx.log({
        level: "warn",
        event: "retry",
        operation,
        attempt,
        error: errorCode(err),
        delayMs,
        ...ctx.context,
      });
      await ctx.delay(delayMs);
    }
  }
}
