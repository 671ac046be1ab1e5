import type { EnvironmentInput } from "./lib/environment";
import type { EnvironmentCatalog } from "./lib/environment-catalog";

/**
 * Environments for library and runner tests: a fixed dev, staging and prod with blocks for the
 * site names the tests use, independent of the apps' own environments (a new site there cannot
 * take a block a library test assumes). Account ids are documentation placeholders; the delivery
 * paths are the shipped ones: dev local, staging and prod in Terraform Cloud.
 */
export const FIXTURE_ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = {
  dev: {
    name: "dev",
    account: "111111111111",
    region: "us-east-1",
    profile: "development",
    tags: { "cost-center": "edge-dev" },
    network: {
      vpcCidr: "10.10.0.0/16",
      sites: {
        "region-hub": "10.10.0.0/18",
        "local-zone-bos": "10.10.64.0/20",
        "outpost-factory": "10.10.80.0/20",
        "wavelength-bos": "10.11.0.0/20",
      },
    },
  },
  staging: {
    name: "staging",
    account: "222222222222",
    region: "us-east-1",
    assumeRoleArn: "arn:aws:iam::222222222222:role/edge-blueprints-deploy",
    permissionsBoundaryArn: "arn:aws:iam::222222222222:policy/edge-blueprints-boundary",
    profile: "production",
    backend: { type: "tfc", organization: "edge-blueprints", workspacePrefix: "edge", project: "edge-staging" },
    tags: { "cost-center": "edge-staging" },
    network: {
      vpcCidr: "10.20.0.0/16",
      sites: {
        "region-hub": "10.20.0.0/18",
        "local-zone-bos": "10.20.64.0/20",
        "outpost-factory": "10.20.80.0/20",
        "wavelength-bos": "10.21.0.0/20",
      },
    },
  },
  prod: {
    name: "prod",
    account: "333333333333",
    region: "us-east-1",
    assumeRoleArn: "arn:aws:iam::333333333333:role/edge-blueprints-deploy",
    permissionsBoundaryArn: "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
    profile: "production",
    backend: { type: "tfc", organization: "edge-blueprints", workspacePrefix: "edge", project: "edge-prod" },
    tags: { "cost-center": "edge-prod" },
    network: {
      vpcCidr: "10.30.0.0/16",
      sites: {
        "region-hub": "10.30.0.0/18",
        "local-zone-bos": "10.30.64.0/20",
        "outpost-factory": "10.30.80.0/20",
        "wavelength-bos": "10.31.0.0/20",
      },
    },
  },
};

/** The fixture catalog: the environments above, ad-hoc names derived from dev. */
export const FIXTURE_CATALOG: EnvironmentCatalog = {
  environments: FIXTURE_ENVIRONMENTS,
  adHoc: { from: "dev", addressPool: "10.128.0.0/9" },
};
