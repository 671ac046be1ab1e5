import type { EnvironmentInput } from "@edge/core";

/**
 * The environments this repository ships, in promotion order. Account ids and the Terraform
 * Cloud organization are placeholders; replace them with yours. The two delivery paths: `dev` is
 * delivered with `cdktf deploy` and keeps its state locally, so everything works with no cloud
 * setup; `staging` and `prod` are delivered by Terraform Cloud (one organization, one project per
 * environment), which keeps their state in its workspaces. The S3 backend stays an option for
 * teams that deploy with the CLI (`{ type: "s3", bucket, … }`). Each environment homes its sites
 * in us-east-1 and, through `network.regions`, in us-west-2.
 *
 * Adding an environment: copy `staging`, give it its own account, backend and a free address
 * plan, then add its entry to every site's config (apps/<site>/src/site.ts); synth refuses a
 * shipped environment a site has no config for (EDGE_SITE_ENV_MISSING).
 */
export const SHIPPED_ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = {
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
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.11.0.0/20",
      },
      // A second home Region: the us-west-2 hub and the Los Angeles Local Zone it extends.
      regions: {
        "us-west-2": {
          vpcCidr: "10.12.0.0/16",
          sites: { "region-hub": "10.12.0.0/18", "local-zone-lax": "10.12.64.0/20" },
        },
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
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.21.0.0/20",
      },
      // A second home Region: the us-west-2 hub and the Los Angeles Local Zone it extends.
      regions: {
        "us-west-2": {
          vpcCidr: "10.22.0.0/16",
          sites: { "region-hub": "10.22.0.0/18", "local-zone-lax": "10.22.64.0/20" },
        },
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
        // Wavelength sites get a VPC of their own: instances in two Wavelength Zones of one VPC
        // cannot reach each other (Wavelength quotas and considerations).
        "wavelength-bos": "10.31.0.0/20",
      },
      // A second home Region: the us-west-2 hub and the Los Angeles Local Zone it extends. In
      // prod the two hubs' transit gateways are peered (unicast between the hub VPCs).
      regions: {
        "us-west-2": {
          vpcCidr: "10.32.0.0/16",
          sites: { "region-hub": "10.32.0.0/18", "local-zone-lax": "10.32.64.0/20" },
          peerWithHome: true,
        },
      },
    },
  },
};
