// @ts-check
/**
 * Checks the site generator's options against the workspace before anything is written: the
 * name, the kind, the zone (the zone catalog of @edge/core, the kind, the Regions every shipped
 * environment homes sites in) and what the site reads. Every problem is reported at once, each
 * as an EdgeConfigError line (code, option, value, fix), as synth reports config errors.
 */
const path = require("node:path");

/** Each kind of site, the kind of zone it is placed in, and how it takes its address block. */
const KINDS = {
  region: { zoneKind: "availability-zone", example: (/** @type {string} */ r) => `${r}a` },
  "local-zone": { zoneKind: "local-zone", example: (/** @type {string} */ r) => `${r}-bos-1a` },
  wavelength: { zoneKind: "wavelength-zone", example: (/** @type {string} */ r) => `${r}-wl1-bos-wlz-1` },
  outpost: { zoneKind: "availability-zone", example: (/** @type {string} */ r) => `${r}a` },
};

/** Site names: lowercase words joined by dashes; `<site>-<env>` names a stack and a state. */
const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_MAX = 32;

/**
 * The workspace's zone parser and catalog, from source (the plugin runs in plain node).
 * @param {string} root
 */
function loadCore(root) {
  const lib = (/** @type {string} */ f) => path.join(root, "libs", "core", "src", "lib", f);
  // Under Jest (the workspace test calls the generator in-process) Jest's own require transpiles
  // TypeScript (Jest passes `jest` to every module it loads); elsewhere (Nx) tsx does.
  const load =
    // @ts-expect-error -- defined only in modules Jest loads
    typeof jest !== "undefined"
      ? (/** @type {string} */ f) => require(f)
      : (/** @type {string} */ f) => require("tsx/cjs/api").require(f, __filename);
  return {
    zones: load(lib("zones.ts")),
    catalog: load(lib("zone-catalog.ts")).zoneCatalog,
    errors: load(lib("errors.ts")),
  };
}

/**
 * @param {import("@nx/devkit").Tree} tree
 * @param {{ name: string, kind: string, zone: string, reads?: string }} options
 * @param {import("./address-plan").EnvironmentPlan[]} environments
 */
function checkOptions(tree, options, environments) {
  const { zones, catalog, errors } = loadCore(tree.root);
  /** @type {Error[]} */
  const problems = [];
  /** @param {string} code @param {string} option @param {unknown} value @param {string} problem @param {string} fix */
  const fail = (code, option, value, problem, fix) =>
    problems.push(new errors.EdgeConfigError({ code, path: option, value, problem, fix }));

  const { name, kind, zone: zoneName, reads } = options;
  if (typeof name !== "string" || !NAME_RE.test(name) || name.length > NAME_MAX) {
    fail(
      "EDGE_GEN_NAME",
      "name",
      name,
      `not a valid site name: lowercase letters and digits in words joined by single dashes, starting with a letter, at most ${NAME_MAX} characters (stacks are <site>-<env>)`,
      'use a name such as "local-zone-mia"',
    );
  } else {
    const taken = [
      tree.exists(`apps/${name}`) && `apps/${name} exists`,
      tree.exists(`libs/${name}`) && `libs/${name} exists`,
      tree.exists(`libs/${name}-contract`) && `libs/${name}-contract exists`,
      ...environments.flatMap((e) =>
        Object.entries(e.plans)
          .filter(([, plan]) => name in plan.sites)
          .map(([region]) => `environment ${e.name} has an address block for ${name} in ${region}`),
      ),
      // A site homed in several Regions names its stacks in the second and later ones
      // <site>-<region>-<env> (homesOf in @edge/core, which walks the plans in this order):
      // region-hub-us-west-2 would share region-hub's stacks and states there.
      ...environments.flatMap((e) => {
        const homed = new Set();
        return Object.entries(e.plans).flatMap(([region, plan]) =>
          Object.keys(plan.sites).flatMap((site) => {
            const first = !homed.has(site);
            homed.add(site);
            return !first && name === `${site}-${region}`
              ? [`site ${site} is also homed in ${region} in environment ${e.name}, where its stack is ${name}-${e.name}`]
              : [];
          }),
        );
      }),
    ].filter(Boolean);
    if (taken.length > 0) {
      fail("EDGE_GEN_NAME_TAKEN", "name", name, `the name is taken: ${taken.join("; ")}`, "choose another site name");
    }
  }

  const spec = KINDS[/** @type {keyof typeof KINDS} */ (kind)];
  if (!spec) {
    fail("EDGE_GEN_KIND", "--kind", kind, "not a kind of site", `use one of: ${Object.keys(KINDS).join(", ")}`);
  }

  /** @type {{ kind: string, name: string, region: string } | undefined} */
  let zone;
  let unknown = false;
  if (typeof zoneName !== "string" || zoneName === "") {
    fail("EDGE_ZONE_NAME", "--zone", zoneName, "no zone given", "give the zone the site is placed in, such as us-east-1-bos-1a");
  } else {
    zone = zones.tryParseZone(zoneName);
    if (!zone) {
      fail("EDGE_ZONE_NAME", "--zone", zoneName, "not a zone name", "use an availability zone (us-east-1a), a Local Zone (us-east-1-bos-1a) or a Wavelength Zone (us-east-1-wl1-bos-wlz-1)");
    } else if (spec && zone.kind !== spec.zoneKind) {
      fail(
        "EDGE_ZONE_KIND",
        "--zone",
        zoneName,
        `${zoneName} is a ${zones.zoneKindLabel(zone.kind)}, and a ${kind} site is placed in a ${zones.zoneKindLabel(spec.zoneKind)}`,
        `use a ${zones.zoneKindLabel(spec.zoneKind)} such as ${spec.example(zone.region)}, or --kind ${kindFor(zone.kind)}`,
      );
      zone = undefined;
    } else if (zone.kind !== "availability-zone" && !catalog.knows(zoneName)) {
      unknown = true;
      fail(
        "EDGE_ZONE_UNKNOWN",
        "--zone",
        zoneName,
        `the zone catalog has no entry for ${zoneName} and no AWS zone list read into it names it, so nothing is known of what it offers (NAT gateways, load balancers, instance and volume types)`,
        `check the name; if AWS lists it, add its row from that page to libs/core/src/lib/catalogs/${zone.kind === "wavelength-zone" ? "wavelength-zones.ts" : "local-zones.ts"} first (ARCHITECTURE.md, "How to add a zone fact"), or use a zone the catalog knows`,
      );
    }
  }
  if (zone) {
    const homeless = environments.filter((e) => !(zone.region in e.plans));
    if (homeless.length > 0) {
      const homes = [...new Set(homeless.map((e) => Object.keys(e.plans).join(", ")))].join("; ");
      fail(
        "EDGE_ZONE_REGION",
        "--zone",
        zoneName,
        `${zoneName} belongs to ${zone.region}, which is not a home Region of environment ${homeless.map((e) => e.name).join(", ")} (home Regions: ${homes})`,
        `use a zone of ${Object.keys(homeless[0].plans).join(" or ")}, or give every environment a plan for ${zone.region} under network.regions first`,
      );
    } else if (spec && (spec.zoneKind !== "availability-zone" || kind === "outpost") && !unknown) {
      const hubless = environments.filter((e) => !("region-hub" in e.plans[zone.region].sites));
      if (hubless.length > 0) {
        fail(
          "EDGE_GEN_READS",
          "--zone",
          zoneName,
          `a ${kind} site extends the hub of its Region, and environment ${hubless.map((e) => e.name).join(", ")} has no region-hub in ${zone.region}`,
          `home region-hub in ${zone.region} first, or use a zone of a Region that has a hub`,
        );
      }
    }
  }
  if (reads !== undefined && kind === "region") {
    fail("EDGE_GEN_READS", "--reads", reads, "a region site has a VPC of its own and reads no other site", "leave --reads out, or add the reading by hand");
  } else if (reads !== undefined && reads !== "region-hub") {
    fail("EDGE_GEN_READS", "--reads", reads, "a generated site can read region-hub's outputs only", "use --reads region-hub, or add the reading by hand");
  }
  if (problems.length === 1) throw plain(problems[0].message);
  if (problems.length > 1) {
    throw plain([`${problems.length} problems with the site options; nothing was written`, ...problems.map((p) => `  ${p.message}`)].join("\n"));
  }
  return /** @type {{ kind: string, name: string, region: string }} */ (zone);
}

/** @param {string} zoneKind */
function kindFor(zoneKind) {
  return zoneKind === "local-zone" ? "local-zone" : zoneKind === "wavelength-zone" ? "wavelength" : "region";
}

/** An error Nx prints as its message only: a user mistake, not a crash. @param {string} message */
function plain(message) {
  const err = new Error(message);
  err.name = "EdgeConfigError";
  delete err.stack;
  return err;
}

module.exports = { checkOptions, KINDS, NAME_RE };
