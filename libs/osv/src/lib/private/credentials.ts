/**
 * Recognises values that look like credentials, so that they never reach user data (readable
 * through the instance metadata service by every process on the host, by anyone allowed to
 * describe the launch template, and stored in cdk.tf.json and Terraform state) or a baked image.
 * The match is deliberately broad: a false positive costs a rename, a leak costs a rotation.
 */

interface CredentialPattern {
  readonly kind: string;
  readonly pattern: RegExp;
}

const VALUE_PATTERNS: readonly CredentialPattern[] = [
  // AWS access key ids: AKIA (long-term) and ASIA (temporary) followed by 16 upper-case
  // alphanumerics (IAM UG, "Understanding unique ID prefixes").
  { kind: "an AWS access key id", pattern: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/ },
  { kind: "a private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/ },
  { kind: "a GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}/ },
  { kind: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: "a JSON web token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./ },
  // key=value / key:value where the key names a secret: password=hunter2, --api-key=...
  {
    kind: "a password or secret assignment",
    pattern:
      /(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)["']?\s*[=:]\s*(?!arn:)[^\s$]/i,
  },
  // A URL with a password: scheme://user:password@host
  { kind: "a URL with a password", pattern: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

// AWS secret access keys are 40 characters of base64; hex digests (git SHAs) are not flagged.
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;

const NAME_PATTERN =
  /(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** What a value looks like, when it looks like a credential; never the value itself. */
export function credentialKind(value: string): string | undefined {
  // ARNs are references to secrets, not secrets (arn:aws:secretsmanager:…:secret:name).
  const text = value.replace(/arn:aws[a-z-]*:[^\s,;]*/g, "");
  for (const { kind, pattern } of VALUE_PATTERNS) {
    if (pattern.test(text)) return kind;
  }
  const key = SECRET_ACCESS_KEY.exec(text)?.[0];
  if (key && /[a-z]/.test(key) && /[A-Z]/.test(key) && /[0-9/+]/.test(key))
    return "an AWS secret access key";
  return undefined;
}

/**
 * Whether an environment variable named `name` with `value` looks like a credential: the name
 * says so (`DB_PASSWORD`, `API_KEY`) and the value is neither an ARN (a reference to a secret,
 * which is what belongs here) nor a plain number (`TOKEN_TTL=300`).
 */
export function isCredentialVariable(name: string, value: string): boolean {
  return NAME_PATTERN.test(name) && !/^arn:/.test(value) && !/^\d+$/.test(value);
}
