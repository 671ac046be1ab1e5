// @ts-check
/**
 * The address plan of the shipped environments, read from and written to the TypeScript source
 * that declares `SHIPPED_ENVIRONMENTS` (an object literal of string literals), through the
 * TypeScript compiler API: the generator edits the plan the way a person would, one line per
 * environment, and leaves the rest of the file as it is.
 */
const ts = require("typescript");

/** Where the environments live: the environments library, else core (older layout). */
const PLAN_FILES = [
  "libs/environments/src/lib/shipped-environments.ts",
  "libs/core/src/lib/environment.ts",
];

/**
 * @typedef {{ vpcCidr: string, sites: Record<string, string>, sitesNode: ts.ObjectLiteralExpression }} RegionPlan
 * @typedef {{ name: string, region: string, plans: Record<string, RegionPlan> }} EnvironmentPlan
 */

/** @param {import("@nx/devkit").Tree} tree */
function planFile(tree) {
  const file = PLAN_FILES.find((f) => tree.exists(f));
  if (!file) throw new Error(`no address plan found: expected one of ${PLAN_FILES.join(", ")}`);
  return file;
}

/** @param {ts.Node} node @param {string} name */
function prop(node, name) {
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && propName(p) === name) return p.initializer;
  }
  return undefined;
}

/** @param {ts.ObjectLiteralElementLike} p */
function propName(p) {
  const n = p.name;
  return n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : undefined;
}

/** @param {ts.Node | undefined} node @param {string} where */
function literal(node, where) {
  if (node && ts.isStringLiteralLike(node)) return node.text;
  throw new Error(`${where} is not a string literal; the site generator edits literal address plans only`);
}

/** @param {ts.Node | undefined} node @param {string} where */
function sitesOf(node, where) {
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Error(`${where} is not an object literal`);
  /** @type {Record<string, string>} */
  const sites = {};
  for (const p of node.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    sites[/** @type {string} */ (propName(p))] = literal(p.initializer, `${where}.${propName(p)}`);
  }
  return { sites, sitesNode: node };
}

/**
 * Every shipped environment's plan per home Region: the environment's own Region, then those of
 * `network.regions`.
 * @param {import("@nx/devkit").Tree} tree
 */
function readPlan(tree) {
  const file = planFile(tree);
  const text = /** @type {string} */ (tree.read(file, "utf-8"));
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  /** @type {ts.ObjectLiteralExpression | undefined} */
  let root;
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === "SHIPPED_ENVIRONMENTS" && node.initializer) {
      let init = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) root = init;
    }
    node.forEachChild(visit);
  });
  if (!root) throw new Error(`${file} declares no SHIPPED_ENVIRONMENTS object literal`);
  /** @type {EnvironmentPlan[]} */
  const environments = [];
  for (const envProp of root.properties) {
    if (!ts.isPropertyAssignment(envProp)) continue;
    const name = /** @type {string} */ (propName(envProp));
    const where = `SHIPPED_ENVIRONMENTS.${name}`;
    const region = literal(prop(envProp.initializer, "region"), `${where}.region`);
    const network = prop(envProp.initializer, "network");
    if (!network) throw new Error(`${where}.network is missing`);
    /** @type {Record<string, RegionPlan>} */
    const plans = {
      [region]: {
        vpcCidr: literal(prop(network, "vpcCidr"), `${where}.network.vpcCidr`),
        ...sitesOf(prop(network, "sites"), `${where}.network.sites`),
      },
    };
    const regions = prop(network, "regions");
    if (regions && ts.isObjectLiteralExpression(regions)) {
      for (const r of regions.properties) {
        if (!ts.isPropertyAssignment(r)) continue;
        const rw = `${where}.network.regions.${propName(r)}`;
        plans[/** @type {string} */ (propName(r))] = {
          vpcCidr: literal(prop(r.initializer, "vpcCidr"), `${rw}.vpcCidr`),
          ...sitesOf(prop(r.initializer, "sites"), `${rw}.sites`),
        };
      }
    }
    environments.push({ name, region, plans });
  }
  return { file, text, environments };
}

/**
 * Inserts `"<site>": "<block>"` as the last entry of each given `sites` object literal.
 * @param {import("@nx/devkit").Tree} tree
 * @param {string} file @param {string} text
 * @param {{ sitesNode: ts.ObjectLiteralExpression, site: string, block: string }[]} entries
 */
function addSiteBlocks(tree, file, text, entries) {
  const edits = entries.map(({ sitesNode, site, block }) => {
    const last = sitesNode.properties[sitesNode.properties.length - 1];
    const entry = `${JSON.stringify(site)}: ${JSON.stringify(block)}`;
    if (!last) return { at: sitesNode.getStart() + 1, insert: ` ${entry} ` };
    const start = last.getStart();
    const lineStart = text.lastIndexOf("\n", start) + 1;
    const indent = text.slice(lineStart, start).match(/^\s*/)?.[0] ?? "";
    const multiline = text.slice(sitesNode.getStart(), sitesNode.getEnd()).includes("\n");
    const hasComma = sitesNode.properties.hasTrailingComma;
    const at = last.getEnd() + (hasComma ? 1 : 0);
    const sep = hasComma ? "" : ",";
    return multiline
      ? { at, insert: `${sep}\n${indent}${entry}${hasComma ? "," : ""}` }
      : { at, insert: `${sep} ${entry}` };
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  tree.write(file, out);
}

module.exports = { readPlan, addSiteBlocks, PLAN_FILES };
