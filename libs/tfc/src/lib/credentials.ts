import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EdgeConfigError } from "@edge/core";

/** A token and where it came from (the source is safe to print; the token never is). */
export interface ApiToken {
  readonly token: string;
  /** `TF_TOKEN_app_terraform_io` or the credentials file path. */
  readonly source: string;
}

/** Where to look for a token. */
export interface TokenLookup {
  /** Terraform Cloud / Enterprise hostname. @default "app.terraform.io" */
  readonly hostname?: string;
  /** Environment variables. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Terraform's CLI credentials file. @default ~/.terraform.d/credentials.tfrc.json (%APPDATA%\terraform.d on Windows) */
  readonly credentialsFile?: string;
}

/**
 * The environment variable Terraform reads a host's token from: `TF_TOKEN_` and the hostname with
 * dots as `_` and dashes as `__` (`tfe.example-corp.com` -> `TF_TOKEN_tfe_example__corp_com`).
 * A hostname with a port has no such variable (use the credentials file).
 */
export function tokenVariableName(hostname: string): string | undefined {
  if (!/^[A-Za-z0-9.-]+$/.test(hostname)) return undefined;
  return `TF_TOKEN_${hostname.replace(/-/g, "__").replace(/\./g, "_")}`;
}

/** Terraform's default credentials file (written by `terraform login`). */
export function defaultCredentialsFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "terraform.d", "credentials.tfrc.json");
  return path.join(env.HOME || os.homedir(), ".terraform.d", "credentials.tfrc.json");
}

/** The token for `hostname`, from its `TF_TOKEN_…` variable, else the credentials file; undefined if neither has one. */
export function findToken(lookup: TokenLookup = {}): ApiToken | undefined {
  const hostname = lookup.hostname ?? "app.terraform.io";
  const env = lookup.env ?? process.env;
  const variable = tokenVariableName(hostname);
  const fromEnv = variable ? env[variable]?.trim() : undefined;
  if (variable && fromEnv) return { token: fromEnv, source: variable };

  const file = lookup.credentialsFile ?? defaultCredentialsFile(env);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    // Never echo the file's contents: it holds tokens.
    throw new EdgeConfigError({
      code: "EDGE_TFC_CREDENTIALS",
      path: file,
      value: "unreadable JSON",
      problem: "the terraform credentials file is not valid JSON",
      fix: `repair it, or run terraform login ${hostname} to write it again`,
    });
  }
  const entry = (parsed as { credentials?: Record<string, { token?: unknown }> } | null)?.credentials?.[hostname];
  return typeof entry?.token === "string" && entry.token.trim() ? { token: entry.token.trim(), source: file } : undefined;
}

/** Like {@link findToken}, but a missing token is a configuration error that says where to put one. */
export function requireToken(lookup: TokenLookup = {}): ApiToken {
  const found = findToken(lookup);
  if (found) return found;
  const hostname = lookup.hostname ?? "app.terraform.io";
  const variable = tokenVariableName(hostname);
  const file = lookup.credentialsFile ?? defaultCredentialsFile(lookup.env ?? process.env);
  throw new EdgeConfigError({
    code: "EDGE_TFC_TOKEN",
    path: variable ?? file,
    value: undefined,
    problem: `no api token for ${hostname}`,
    fix: `${variable ? `set ${variable}, or ` : ""}run terraform login ${hostname} (it writes ${file})`,
  });
}
