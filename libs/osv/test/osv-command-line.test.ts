import { checkOsvCommand, renderOsvCommandLine, renderOsvUserData, type OsvCommand } from "../src";

const command: OsvCommand = {
  program: "/app",
  args: ["--port=8080", "--greeting=hello world"],
  env: { LOG_LEVEL: "info", MOTD: "edge host" },
};

describe("OSv command line", () => {
  it("puts --env loader options first, escaping spaces as OSv's loader reads them, then the application", () => {
    expect(renderOsvCommandLine(command)).toBe(
      '--env=LOG_LEVEL=info --env=MOTD=edge\\ host /app --port=8080 "--greeting=hello world"',
    );
  });

  it("renders just the program when there are no arguments or variables", () => {
    expect(renderOsvCommandLine({ program: "/hello.so" })).toBe("/hello.so");
  });

  it("renders cloud-init user data: the command line as a comment, one PUT /env per variable, then PUT /app", () => {
    expect(renderOsvUserData(command)).toBe(
      [
        "# OSv cloud-init user data (rendered by @edge/osv); equivalent OSv command line:",
        '# --env=LOG_LEVEL=info --env=MOTD=edge\\ host /app --port=8080 "--greeting=hello world"',
        "run:",
        '  - PUT: "/env/LOG_LEVEL"',
        '    val: "info"',
        '  - PUT: "/env/MOTD"',
        '    val: "edge host"',
        '  - PUT: "/app"',
        '    command: "/app --port=8080 \\"--greeting=hello world\\""',
        "",
      ].join("\n"),
    );
  });

  it("accepts a well-formed command without credentials", () => {
    expect(checkOsvCommand(command, "osv.command")).toEqual([]);
  });

  it("accepts references to secrets (ARNs) and numbers in variables named like credentials", () => {
    const ok = {
      program: "/app",
      env: {
        DB_PASSWORD_SECRET: "arn:aws:secretsmanager:us-east-1:111111111111:secret:edge/db",
        TOKEN_TTL: "300",
      },
    };
    expect(checkOsvCommand(ok, "osv.command")).toEqual([]);
  });

  it("does not mistake a 40-digit hex digest for an AWS secret key", () => {
    expect(
      checkOsvCommand(
        { program: "/app", args: ["--build=0123456789abcdef0123456789abcdef01234567"] },
        "osv.command",
      ),
    ).toEqual([]);
  });
});
