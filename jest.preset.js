// Shared Jest settings: transpile-only with SWC (types are checked by the `typecheck` target).
const fs = require("node:fs");
const path = require("node:path");

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, ".swcrc"), "utf8"));
const tsconfig = JSON.parse(fs.readFileSync(path.join(__dirname, "tsconfig.base.json"), "utf8"));

// @edge/<lib> -> libs/<lib>/src/index.ts, from the same paths the compiler uses.
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/\//g, "\\/")}$`,
    path.join(__dirname, target),
  ]),
);

module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ["ts", "js", "json"],
  moduleNameMapper,
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // Snapshots sit beside their tests, one file per test file.
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
