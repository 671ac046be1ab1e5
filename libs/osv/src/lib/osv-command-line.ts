import { EdgeConfigError, isUnresolved } from "@edge/core";
import { credentialKind, isCredentialVariable } from "./private/credentials";
import { SOURCES } from "./private/sources";

/**
 * What an OSv host runs: one application with its arguments and environment. Rendered as OSv's
 * command line, `--env=KEY=VALUE … /app --port=8080` (loader options first, then the
 * application), for baking into the image (`scripts/imgedit.py setargs`) or for user data.
 */
export interface OsvCommand {
  /** The application, as a path in the image: `/app`, `/hello.so`, `/java.so`. */
  readonly program: string;
  /** Its arguments, e.g. `["--port=8080"]`. @default [] */
  readonly args?: readonly string[];
  /** Environment variables, passed as OSv `--env=KEY=VALUE` loader options. @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

// OSv's command grammar (core/commands.cc): ';', '&' and '!' end a command and '$' expands an
// environment variable, so none of them may appear in a value; '"' and '\' would change the
// quoting. Control characters never belong on a command line.
const FORBIDDEN = /[;&!$"\\\u0000-\u001f\u007f]/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROGRAM = /^\/[^\s]+$/;

/**
 * Checks an OSv command: well-formed for OSv's command-line parser, and free of anything that
 * looks like a credential (the command line ends up in user data or in the image, where it is
 * readable by anyone who can describe the launch template or copy the AMI). Returns every
 * problem; `EDGE_OSV_COMMAND_LINE` for syntax, `EDGE_OSV_USER_DATA_SECRET` for credentials. The
 * value of a credential is never repeated in the error.
 */
export function checkOsvCommand(command: OsvCommand, path: string): EdgeConfigError[] {
  const errors: EdgeConfigError[] = [];
  const syntax = (where: string, value: unknown, problem: string, fix: string) =>
    errors.push(
      new EdgeConfigError({ code: "EDGE_OSV_COMMAND_LINE", path: where, value, problem, fix }),
    );
  const secret = (where: string, kind: string) =>
    errors.push(
      new EdgeConfigError({
        code: "EDGE_OSV_USER_DATA_SECRET",
        path: where,
        value: "[redacted]",
        problem: `the value looks like ${kind}, and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata`,
        fix: "store the credential in Secrets Manager under the fleet's secret path and have the application read it with the instance role at start-up",
      }),
    );
  const checkText = (where: string, value: string, what: string) => {
    if (isUnresolved(value)) return;
    const kind = credentialKind(value);
    if (kind) {
      secret(where, kind);
      return;
    }
    if (FORBIDDEN.test(value)) {
      syntax(
        where,
        value,
        `${what} contains a character OSv's command line treats specially (; & ! $ " \\ or a control character)`,
        "remove the character; OSv ends a command at ; & and !, and expands $NAME",
      );
    }
  };

  if (
    typeof command.program !== "string" ||
    (!isUnresolved(command.program) && !PROGRAM.test(command.program))
  ) {
    syntax(
      `${path}.program`,
      command.program,
      "the program must be an absolute path in the image with no spaces",
      'use the path the image runs, e.g. "/app" or "/hello.so"',
    );
  } else {
    checkText(`${path}.program`, command.program, "the program");
  }
  (command.args ?? []).forEach((arg, i) => {
    if (typeof arg !== "string") {
      syntax(`${path}.args[${i}]`, arg, "an argument must be a string", "quote the argument");
      return;
    }
    checkText(`${path}.args[${i}]`, arg, "the argument");
  });
  for (const [name, value] of Object.entries(command.env ?? {})) {
    const where = `${path}.env.${name}`;
    if (!ENV_NAME.test(name)) {
      syntax(
        where,
        name,
        "not an environment variable name",
        "use letters, digits and underscores, not starting with a digit",
      );
      continue;
    }
    if (typeof value !== "string") {
      syntax(where, value, "an environment variable's value must be a string", "quote the value");
      continue;
    }
    if (!isUnresolved(value) && isCredentialVariable(name, value)) {
      secret(where, `a credential (the variable is named ${name})`);
      continue;
    }
    checkText(where, value, "the value");
  }
  return errors;
}

/**
 * OSv's command line for `command`: `--env=KEY=VALUE` loader options (spaces escaped with `\`,
 * as `loader_parse_cmdline` reads them), then the program and its arguments (an argument with
 * spaces in double quotes). Source: cloudius-systems/osv core/commands.cc.
 */
export function renderOsvCommandLine(command: OsvCommand): string {
  const env = Object.entries(command.env ?? {}).map(
    ([k, v]) => `--env=${k}=${v.replace(/ /g, "\\ ")}`,
  );
  const args = (command.args ?? []).map((a) => (/\s/.test(a) ? `"${a}"` : a));
  return [...env, command.program, ...args].join(" ");
}

/** The application part of the command line (no loader options), as OSv's `/app` API runs it. */
function applicationCommand(command: OsvCommand): string {
  return renderOsvCommandLine({ program: command.program, args: command.args });
}

/**
 * User data for OSv's cloud-init module: the `run` module replays OSv REST API requests, one
 * `PUT /env/<NAME>` (`val`) per environment variable and then `PUT /app` (`command`) for the
 * application, which together do what the command line `--env=… /app …` does at boot. The first
 * lines repeat that command line as a comment, for whoever reads the launch template. Sources:
 * cloudius-systems/osv modules/cloud-init (cloud-init.hh, the "run" module),
 * modules/httpserver-api/api/env.cc and app.cc. The image must contain the cloud-init and
 * httpserver-api modules.
 */
export function renderOsvUserData(command: OsvCommand): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
  const lines = [
    "# OSv cloud-init user data (rendered by @edge/osv); equivalent OSv command line:",
    `# ${renderOsvCommandLine(command)}`,
    "run:",
  ];
  for (const [name, value] of Object.entries(command.env ?? {})) {
    lines.push(`  - PUT: ${q(`/env/${name}`)}`, `    val: ${q(value)}`);
  }
  lines.push(`  - PUT: ${q("/app")}`, `    command: ${q(applicationCommand(command))}`);
  return `${lines.join("\n")}\n`;
}

/** Where the facts behind the rendering were read. */
export const OSV_COMMAND_LINE_SOURCES = [
  SOURCES.osvCommandLine,
  SOURCES.osvCloudInit,
  SOURCES.osvSetArgs,
] as const;
