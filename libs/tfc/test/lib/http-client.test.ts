import { statusMeaning } from "../../src/lib/api-error";
import { rateLimitWaitMs, redactUploadUrl } from "../../src/lib/http-client";

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
