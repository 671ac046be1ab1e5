import type { EdgeConfigError } from "@edge/core";

/** Asserts a config error's exact code and its full message. */
export function expectConfigError(err: EdgeConfigError, code: string, message: string): void {
  expect(err.code).toBe(code);
  expect(err.message).toBe(message);
}
