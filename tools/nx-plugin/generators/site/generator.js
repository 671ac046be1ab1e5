// @ts-check
/**
 * `nx g @edge/nx:site <name> --kind region|local-zone|wavelength|outpost --zone <zone> [--reads region-hub]`: a new site
 * that `npm run synth` and `npm test` take as they are. It checks every option first (nothing is
 * written on a bad one), then writes:
 *
 * - `apps/<name>`: the site's schema and config for every shipped environment (`src/site.ts`),
 *   `src/main.ts` composing the libraries, a test, `project.json` and `tsconfig.json`;
 * - a free, non-overlapping address block for the site in every shipped environment's plan (the
 *   plan of the zone's Region);
 * - `libs/<name>-contract`: the outputs the site publishes, with a test pinning their names, its
 *   `@edge/<name>-contract` path in tsconfig.base.json and a reference from the site;
 * - `docs/sites/<name>.md`, the site's diagram, once the files are on disk.
 */
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { generateFiles, names } = require("@nx/devkit");
const { readPlan, addSiteBlocks } = require("./address-plan");
const { range, firstFree, toIp } = require("./cidr");
const { checkOptions } = require("./options");

/** Every site takes a /20 of its environment's plan. */
const BLOCK_PREFIX = 20;

/**
 * What the generator writes per kind: its templates, and where its block lies. A Local Zone site
 * extends the hub VPC, so its block is inside the hub VPC of its Region (like local-zone-bos); a
 * Wavelength site has a VPC of its own (instances in two Wavelength Zones of one VPC cannot reach
 * each other, Wavelength quotas and considerations), so its block is outside every VPC of the
 * environment (like wavelength-bos) and below 10.128.0.0/9, the pool of ad-hoc environments.
 */
const LAYOUTS = {
  "local-zone": { templates: "local-zone", inHubVpc: true },
  wavelength: { templates: "wavelength", inHubVpc: false },
  // A Region site other than the hub: a VPC of its own, its CIDR the site's block.
  region: { templates: "region", inHubVpc: false },
  // Subnets on an Outpost extend the hub VPC of the Outpost's Region (like outpost-factory); what
  // only the Outpost's owner knows (ARN, local gateway route table, CoIP pool) is a placeholder.
  outpost: { templates: "outpost", inHubVpc: true },
};
const OUTSIDE_LIMIT = range("10.127.255.255/32")[1];

/**
 * @param {import("@nx/devkit").Tree} tree
 * @param {{ name: string, kind: string, zone: string, reads?: string, skipDiagram?: boolean }} options
 */
async function siteGenerator(tree, options) {
  const plan = readPlan(tree);
  const zone = checkOptions(tree, options, plan.environments);
  const { name } = options;
  const layout = LAYOUTS[/** @type {keyof typeof LAYOUTS} */ (options.kind)];

  // One free block per environment, clear of every block of every Region of that environment.
  /** @type {{ sitesNode: import("typescript").ObjectLiteralExpression, site: string, block: string }[]} */
  const entries = [];
  /** @type {Record<string, string>} */
  const blocks = {};
  /** @type {Record<string, string[]>} */
  const subnets = {};
  for (const env of plan.environments) {
    const home = env.plans[zone.region];
    const used = Object.values(env.plans).flatMap((p) => Object.values(p.sites).map(range));
    const hubVpc = range(home.vpcCidr);
    const block = layout.inHubVpc
      ? firstFree(hubVpc, BLOCK_PREFIX, used)
      : firstFree([hubVpc[1] + 1, OUTSIDE_LIMIT], BLOCK_PREFIX, [...used, ...Object.values(env.plans).map((p) => range(p.vpcCidr))]);
    if (!block) {
      const where = layout.inHubVpc ? home.vpcCidr : `10.0.0.0/9 outside the VPCs of ${env.name}`;
      throw new Error(
        `EDGE_GEN_NO_BLOCK at ${plan.file}: environment ${env.name} has no free /${BLOCK_PREFIX} left in ${where} (${zone.region}); fix: free a block or widen the plan, then run the generator again`,
      );
    }
    blocks[env.name] = block;
    // LocalZoneSubnets plans the private /22 first, then the public /24, from the block's start;
    // OutpostSubnets plans the one /24 of the generated config from it.
    const first = range(block)[0];
    subnets[env.name] =
      options.kind === "outpost" ? [`${toIp(first)}/24`] : [`${toIp(first)}/22`, `${toIp(first + 1024)}/24`].sort();
    entries.push({ sitesNode: home.sitesNode, site: name, block });
  }
  addSiteBlocks(tree, plan.file, plan.text, entries);

  const homeRegion = plan.environments[0].region;
  const n = names(name);
  const vars = {
    tmpl: "",
    name,
    propertyName: n.propertyName,
    className: n.className,
    contract: `${n.propertyName}Outputs`,
    zone: zone.name,
    region: zone.region,
    // A site homed in a further Region is configured under `regions`, not `environments`.
    homedElsewhere: zone.region !== homeRegion,
    egressAz: `${zone.region}a`,
    regionAz: `${zone.region}a`,
    environments: plan.environments.map((e) => e.name),
    blocks,
    subnets,
    // The zone group opt-in belongs to one stack: the first site in the zone manages it.
    manageOptIn: !otherSiteUses(tree, zone.name),
  };
  generateFiles(tree, path.join(__dirname, "files", layout.templates, "app"), `apps/${name}`, vars);
  generateFiles(tree, path.join(__dirname, "files", layout.templates, "contract"), `libs/${name}-contract`, vars);

  addPath(tree, `@edge/${name}-contract`, `./libs/${name}-contract/src/index.ts`);

  if (options.skipDiagram) return undefined;
  // The diagrams test compares docs/sites/<site>.md with the synthesized stacks.
  return () => {
    execFileSync(process.execPath, ["--import", "tsx", "tools/diagram.ts", name], { cwd: tree.root, stdio: "inherit" });
  };
}

/**
 * Adds a `paths` entry to tsconfig.base.json as one line among the others (the file keeps its
 * layout), before the first entry that sorts after it.
 * @param {import("@nx/devkit").Tree} tree @param {string} alias @param {string} target
 */
function addPath(tree, alias, target) {
  const file = "tsconfig.base.json";
  const lines = /** @type {string} */ (tree.read(file, "utf-8")).split("\n");
  const open = lines.findIndex((l) => /"paths"\s*:\s*\{/.test(l));
  let end = open + 1;
  while (end < lines.length && !/^\s*\}/.test(lines[end])) end++;
  if (open < 0 || end >= lines.length || end === open + 1) throw new Error(`${file}: no multi-line compilerOptions.paths to add ${alias} to`);
  const entries = lines.slice(open + 1, end);
  const indent = entries[0].match(/^\s*/)?.[0] ?? "";
  const keyOf = (/** @type {string} */ l) => (l.match(/^\s*"([^"]+)"/) ?? [])[1] ?? "";
  const at = entries.findIndex((l) => keyOf(l).localeCompare(alias) > 0);
  const entry = `${indent}${JSON.stringify(alias)}: [${JSON.stringify(target)}]`;
  if (at >= 0) {
    lines.splice(open + 1 + at, 0, `${entry},`);
  } else {
    lines[end - 1] = lines[end - 1].replace(/,?\s*$/, ",");
    lines.splice(end, 0, entry);
  }
  tree.write(file, lines.join("\n"));
}

/** @param {import("@nx/devkit").Tree} tree @param {string} zone */
function otherSiteUses(tree, zone) {
  return tree.children("apps").some((app) => {
    const site = `apps/${app}/src/site.ts`;
    return tree.exists(site) && (tree.read(site, "utf-8") ?? "").includes(`"${zone}"`);
  });
}

module.exports = siteGenerator;
module.exports.default = siteGenerator;
