/** What an HTTP status means for a Terraform Cloud API call, in words a user can act on. */
export function statusMeaning(status: number): string {
  switch (status) {
    case 400:
      return "bad request: the request was malformed";
    case 401:
      return "unauthorized: the token is missing, expired or for another host";
    case 403:
      return "forbidden: the token is not allowed to do this";
    case 404:
      return "missing or forbidden: it does not exist, or the token cannot see it";
    case 409:
      return "wrong state: it cannot do this in its current state (for example a locked workspace or an upload already done)";
    case 422:
      return "bad payload: the server rejected the request body";
    case 429:
      return "rate limited: too many requests";
    default:
      return status >= 500 ? "server error: the service failed or is unavailable" : "request failed";
  }
}

/** An API call that failed with an HTTP status. Its message never holds the token. */
export class TfcApiError extends Error {
  constructor(
    readonly method: string,
    /** Path below the API root (`/workspaces/ws-1/configuration-versions`), or a redacted upload URL. */
    readonly path: string,
    readonly status: number,
    /** The server's own explanation, from its JSON:API `errors`, if any. */
    readonly detail?: string,
  ) {
    super(`${method} ${path}: ${status} ${statusMeaning(status)}${detail ? ` (${detail})` : ""}`);
    this.name = "TfcApiError";
  }

  /** The short meaning of the status, e.g. `missing or forbidden`. */
  get meaning(): string {
    return statusMeaning(this.status).split(":")[0];
  }
}

/** A call that got no HTTP answer (connection reset, refused, timed out) after every retry. */
export class TfcTransportError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** System or undici error code, e.g. `ECONNRESET`. */
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`${method} ${path}: no response after ${attempts} attempt${attempts === 1 ? "" : "s"} (${code})`);
    this.name = "TfcTransportError";
  }
}

/** Joins the `title`/`detail` (and `source.pointer`) of a JSON:API error document into one line. */
export function errorDetail(body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const parts = errors
    .map((e) => {
      if (typeof e === "string") return e;
      const { title, detail, source } = (e ?? {}) as { title?: unknown; detail?: unknown; source?: { pointer?: unknown } };
      const text = [title, detail].filter((x) => typeof x === "string" && x).join(": ");
      const pointer = typeof source?.pointer === "string" && source.pointer ? ` (at ${source.pointer})` : "";
      return text ? `${text}${pointer}` : "";
    })
    .filter(Boolean);
  return parts.length > 0 ? parts.join("; ").slice(0, 300) : undefined;
}
