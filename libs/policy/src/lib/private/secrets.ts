/** Patterns of credentials that must never sit in plain text in synthesized configuration. */
const SECRET_PATTERNS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: "an AWS access key id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/ },
  {
    kind: "an AWS secret access key",
    pattern: /aws_?secret_?access_?key["']?\s*[=:]\s*["']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/i,
  },
  {
    kind: "a private key",
    pattern: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/,
  },
  { kind: "a GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { kind: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  {
    kind: "a password or secret assignment",
    // key = value where the value is a literal (not $VAR, ${…}, {{…}} or a path to a secret store)
    pattern:
      /(?<![A-Za-z0-9])(?:password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)["']?\s*[=:]\s*["']?(?![$"'{<\s])[^\s"'\\]{6,}/i,
  },
];

/** One secret found in a text: what it looks like and on which line, never the secret itself. */
export interface SecretHit {
  readonly kind: string;
  readonly line: number;
}

/** Scans a text for credentials. */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const { kind, pattern } of SECRET_PATTERNS) {
      if (pattern.test(line)) hits.push({ kind, line: i + 1 });
    }
  });
  return hits;
}

/** Decodes base64 user data; undefined when it is not base64 or not text (e.g. gzip). */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact))
    return undefined;
  const bytes = Buffer.from(compact, "base64");
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return undefined; // gzip
  const text = bytes.toString("utf8");
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? undefined : text;
}
