import { errorDetail, statusMeaning, TfcApiError, TfcTransportError } from "../../src/lib/api-error";
import { isAmbiguous, rateLimitWaitMs, redactUploadUrl, TfcClient } from "../../src/lib/http-client";

describe("rateLimitWaitMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it.each([
    [{ "X-RateLimit-Reset": "0.25" }, 250],
    [{ "X-RateLimit-Reset": "3" }, 3000],
    [{ "X-RateLimit-Reset": String(now / 1000 + 2) }, 2000], // a Unix time
    [{ "Retry-After": "5" }, 5000],
    [{ "Retry-After": "Wed, 01 Jan 2025 00:00:07 GMT" }, 7000],
    [{ "X-RateLimit-Reset": "1", "Retry-After": "9" }, 1000],
  ])("%j -> %d ms", (headers, ms) => expect(rateLimitWaitMs(new Headers(headers), now)).toBe(ms));

  it("is undefined without a usable header", () => {
    expect(rateLimitWaitMs(new Headers({ "X-RateLimit-Reset": "soon" }), now)).toBeUndefined();
    expect(rateLimitWaitMs(new Headers(), now)).toBeUndefined();
  });
});

describe("redactUploadUrl", () => {
  it("keeps only the origin of a one-time upload url", () => {
    expect(redactUploadUrl("https://archivist.terraform.io/v1/object/dmF1bHQ6djE6c2VjcmV0")).toBe(
      "https://archivist.terraform.io/… (one-time upload url)",
    );
  });
});

describe("statusMeaning", () => {
  it.each([
    [404, /^missing or forbidden/],
    [409, /^wrong state/],
    [422, /^bad payload/],
    [503, /^server error/],
  ])("%d", (status, meaning) => expect(statusMeaning(status)).toMatch(meaning));
});

describe("errorDetail", () => {
  // JSON:API error objects (jsonapi.org/format/#error-objects), which the HCP Terraform API uses
  // for every error ("JSON API error object", api-docs index): `title`, `detail`, and
  // `source.pointer` naming the member of the request document at fault.
  it("joins title, detail and the pointer to the attribute at fault", () => {
    const body = {
      errors: [
        { status: "422", title: "invalid attribute", detail: "Name has already been taken", source: { pointer: "/data/attributes/name" } },
        { status: 429, title: "Too many requests", detail: "You have exceeded the API's rate limit." },
      ],
    };
    expect(errorDetail(body)).toBe("invalid attribute: Name has already been taken (at /data/attributes/name); Too many requests: You have exceeded the API's rate limit.");
  });
});

describe("non-idempotent requests", () => {
  /** A fetch that answers `statuses` in turn (or throws a transport error for a string), counting calls. */
  function fakeFetch(answers: (number | string)[]) {
    const calls: string[] = [];
    const impl = (async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method} ${url}`);
      const next = answers.shift() ?? 201;
      if (typeof next === "string") throw Object.assign(new TypeError("fetch failed"), { cause: { code: next } });
      return new Response(next === 201 ? '{"data":{"id":"run-1"}}' : "", { status: next, headers: next === 429 ? { "Retry-After": "0" } : {} });
    }) as unknown as typeof fetch;
    return { calls, impl };
  }
  const client = (impl: typeof fetch) => new TfcClient({ token: "t", address: "http://127.0.0.1:9", fetch: impl, retry: { sleep: async () => undefined } });

  it("are not retried after a 502 or a reset, which may have been carried out", async () => {
    for (const answer of [502, "ECONNRESET"]) {
      const f = fakeFetch([answer]);
      const err = await client(f.impl).request("POST", "/runs", {}, { idempotent: false }).catch((e: unknown) => e);
      expect(isAmbiguous(err)).toBe(true);
      expect(f.calls).toEqual(["POST http://127.0.0.1:9/api/v2/runs"]);
    }
  });

  it("are retried after a 429 or a refused connection, which the server did not act on", async () => {
    for (const answer of [429, "ECONNREFUSED"]) {
      const f = fakeFetch([answer, 201]);
      const res = await client(f.impl).request<{ data: { id: string } }>("POST", "/runs", {}, { idempotent: false });
      expect(res.body?.data.id).toBe("run-1");
      expect(f.calls).toHaveLength(2);
    }
  });

  it("a 501 or a 4xx is not ambiguous: nothing was created", () => {
    expect(isAmbiguous(new TfcApiError("POST", "/runs", 501))).toBe(false);
    expect(isAmbiguous(new TfcApiError("POST", "/runs", 422))).toBe(false);
    expect(isAmbiguous(new TfcTransportError("POST", "/runs", "ECONNREFUSED", 1))).toBe(false);
    expect(isAmbiguous(new TfcTransportError("POST", "/runs", "TimeoutError", 1))).toBe(true);
  });
});
