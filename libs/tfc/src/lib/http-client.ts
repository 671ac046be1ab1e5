import { errorDetail, statusMeaning, TfcApiError, TfcTransportError } from "./api-error";

/** How calls are retried. Delays are injectable so tests need not wait. */
export interface RetryOptions {
  /** Attempts per call, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** First backoff delay for 5xx and dropped connections; doubles per attempt. @default 500 */
  readonly baseDelayMs?: number;
  /** Longest backoff delay. @default 16000 */
  readonly maxDelayMs?: number;
  /** Longest wait honoured for one 429 (`X-RateLimit-Reset` / `Retry-After`). @default 60000 */
  readonly maxRateLimitWaitMs?: number;
  /** Waits `ms`. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform random number in [0, 1) for jitter. @default Math.random */
  readonly random?: () => number;
}

/** Options of {@link TfcClient}. */
export interface TfcClientOptions {
  /** Base address, without `/api/v2`. @default "https://app.terraform.io" */
  readonly address?: string;
  /** API token, sent as `Authorization: Bearer` to the API only, never to upload URLs. */
  readonly token: string;
  readonly retry?: RetryOptions;
  /** Timeout of one HTTP request. @default 60000 */
  readonly requestTimeoutMs?: number;
  /** Receives one line per retry. @default - discarded */
  readonly log?: (line: string) => void;
  /** `fetch` implementation. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** A JSON:API response. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T | undefined;
}

/**
 * True when a failed request may still have been carried out: a 5xx, or no answer other than a
 * refused connection. A non-idempotent request that failed so must not be sent again blindly.
 */
export function isAmbiguous(err: unknown): boolean {
  if (err instanceof TfcApiError) return TRANSIENT_STATUSES.has(err.status);
  if (err instanceof TfcTransportError) return err.code !== "ECONNREFUSED";
  return false;
}

/** Server errors that usually pass: internal error, bad gateway, unavailable, gateway timeout. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Connection failures worth another try: the request may not have reached the server. */
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
  "TimeoutError",
]);

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A small Terraform Cloud / Enterprise API client on Node's `fetch`: JSON:API bodies, bearer
 * auth, and retries — 429 after the time the server names (plus jitter), 500/502/503/504 and
 * dropped connections with capped exponential backoff; anything else fails at once with its
 * meaning.
 */
export class TfcClient {
  readonly address: string;
  private readonly token: string;
  private readonly retry: Required<RetryOptions>;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly fetchImpl: typeof fetch;

  constructor(options: TfcClientOptions) {
    this.address = (options.address ?? "https://app.terraform.io").replace(/\/+$/, "");
    this.token = options.token;
    this.retry = {
      maxAttempts: options.retry?.maxAttempts ?? 6,
      baseDelayMs: options.retry?.baseDelayMs ?? 500,
      maxDelayMs: options.retry?.maxDelayMs ?? 16_000,
      maxRateLimitWaitMs: options.retry?.maxRateLimitWaitMs ?? 60_000,
      sleep: options.retry?.sleep ?? sleepFor,
      random: options.retry?.random ?? Math.random,
    };
    this.timeoutMs = options.requestTimeoutMs ?? 60_000;
    this.log = options.log ?? (() => undefined);
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /**
   * Calls `method path` below `/api/v2`; 404 on GET is returned (status 404, no body) when
   * `allow404`. A request that is not `idempotent` (one that creates something, such as
   * `POST /runs`) is retried only when the server cannot have acted on it (a 429, or a refused
   * connection); a 5xx, a reset or a timeout is thrown at once for the caller to look up what
   * exists (see {@link isAmbiguous}).
   */
  async request<T>(
    method: string,
    apiPath: string,
    body?: unknown,
    opts: { allow404?: boolean; idempotent?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const url = `${this.address}/api/v2${apiPath}`;
    const res = await this.send(method, url, apiPath, opts.idempotent ?? true, () => ({
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: "application/vnd.api+json",
        // Every write carries the JSON:API media type, bodiless actions such as safe-delete included.
        ...(body === undefined && method === "GET" ? {} : { "Content-Type": "application/vnd.api+json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Never follow a redirect with the token attached.
      redirect: "error",
    }));
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (res.ok) return { status: res.status, body: parsed as T };
    if (res.status === 404 && opts.allow404) return { status: 404, body: undefined };
    throw new TfcApiError(method, apiPath, res.status, this.redact(errorDetail(parsed)));
  }

  /** PUTs an archive to a one-time upload URL: octet-stream, and no token. */
  async upload(uploadUrl: string, data: Buffer): Promise<void> {
    const shown = redactUploadUrl(uploadUrl);
    const res = await this.send("PUT", uploadUrl, shown, true, () => ({
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream" },
      body: data,
    }));
    const text = await res.text();
    if (!res.ok) throw new TfcApiError("PUT", shown, res.status, this.redact(errorDetail(text ? safeJson(text) : undefined)));
  }

  /** Replaces the token wherever it might appear in text that will be printed. */
  redact(text: string): string;
  redact(text: string | undefined): string | undefined;
  redact(text: string | undefined): string | undefined {
    if (text === undefined || !this.token) return text;
    return text.split(this.token).join("[redacted]");
  }

  private async send(method: string, url: string, shown: string, idempotent: boolean, init: () => RequestInit): Promise<Response> {
    const max = Math.max(1, this.retry.maxAttempts);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(url, { ...init(), signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (err) {
        const code = transportCode(err);
        if (!code || !RETRYABLE_CODES.has(code) || (!idempotent && code !== "ECONNREFUSED")) {
          throw new TfcTransportError(method, shown, this.redact(code ?? causeMessage(err)), attempt);
        }
        if (attempt >= max) throw new TfcTransportError(method, shown, code, attempt);
        const delay = this.backoff(attempt);
        this.log(`${method} ${shown}: ${code}, retrying in ${seconds(delay)} (attempt ${attempt + 1} of ${max})`);
        await this.retry.sleep(delay);
        continue;
      }
      const retryable = res.status === 429 || (idempotent && TRANSIENT_STATUSES.has(res.status));
      if (!retryable || attempt >= max) return res;
      const delay = res.status === 429 ? this.rateLimitDelay(res.headers, attempt) : this.backoff(attempt);
      await res.arrayBuffer().catch(() => undefined); // free the connection
      this.log(
        `${method} ${shown}: ${res.status} ${statusMeaning(res.status).split(":")[0]}, retrying in ${seconds(delay)} (attempt ${attempt + 1} of ${max})`,
      );
      await this.retry.sleep(delay);
    }
  }

  /** Capped exponential backoff with jitter: half fixed, half random. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (cap / 2) * this.retry.random());
  }

  /** The wait the server asks for after a 429, plus up to 20 % (at least 100 ms) of jitter. */
  private rateLimitDelay(headers: Headers, attempt: number): number {
    const wait = rateLimitWaitMs(headers);
    if (wait === undefined) return this.backoff(attempt);
    const bounded = Math.min(wait, this.retry.maxRateLimitWaitMs);
    return Math.round(bounded + Math.max(100, bounded * 0.2) * this.retry.random());
  }
}

/**
 * Milliseconds a 429 asks the client to wait: `X-RateLimit-Reset` (seconds until the limit
 * resets, fractional; a value that looks like a Unix time is read as one), else `Retry-After`
 * (seconds or an HTTP date). Undefined when neither header is usable.
 */
export function rateLimitWaitMs(headers: Headers, now: number = Date.now()): number | undefined {
  const reset = Number.parseFloat(headers.get("x-ratelimit-reset") ?? "");
  if (Number.isFinite(reset) && reset >= 0) {
    return Math.max(0, Math.ceil(reset > 1e9 ? reset * 1000 - now : reset * 1000));
  }
  const after = headers.get("retry-after");
  if (after) {
    const secs = Number(after);
    if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/** An upload URL carries a one-time secret: print its origin only. */
export function redactUploadUrl(url: string): string {
  try {
    return `${new URL(url).origin}/… (one-time upload url)`;
  } catch {
    return "(one-time upload url)";
  }
}

function transportCode(err: unknown): string | undefined {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string; cause?: { code?: string } } };
  if (e?.name === "TimeoutError") return "TimeoutError";
  return e?.cause?.code ?? e?.cause?.cause?.code ?? e?.code ?? (e?.cause?.name === "SocketError" ? "UND_ERR_SOCKET" : undefined);
}

function causeMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return e?.cause?.message ?? e?.message ?? String(err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
