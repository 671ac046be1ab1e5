interface AwsErrorShape {
  name?: string;
  code?: string;
}

/** The error code of an AWS SDK v3 error (its `name`), or of a Node.js network error. */
export function errorCode(err: unknown): string {
  const e = (err ?? {}) as AwsErrorShape;
  return String(e.name && e.name !== "Error" ? e.name : (e.code ?? e.name ?? "Error"));
}
