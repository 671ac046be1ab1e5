import { ConfigCheck, isUnresolved, zoneKindLabel } from "@edge/core";
import {
  allowedNetworkModes,
  awsvpcTasksPerInstance,
  CONTAINER_SOURCES,
  fargateOffered,
  type TaskNetworkMode,
} from "../container-facts";
import type { EdgeContainerServiceProps } from "../container-service-props";
import { withArticle } from "./validate-cluster";

/** Names of environment variables that hold secrets. */
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)($|_)/i;

/** True when an environment variable looks like a secret passed in plain text. */
export function looksLikePlainSecret(name: string, value: string): boolean {
  if (value === "" || isUnresolved(value)) return false;
  return SECRET_NAME.test(name);
}

/** The validated service. */
export interface ServiceSettings {
  readonly networkMode: TaskNetworkMode;
  readonly zones: readonly string[];
}

/** Checks the service props against its cluster; every problem at once. */
export function validateServiceProps(
  props: EdgeContainerServiceProps,
  path: string,
  check: ConfigCheck,
): ServiceSettings {
  const cluster = props.cluster;
  const kind = cluster.zoneKind;
  const allowed = allowedNetworkModes(kind);

  if (props.fargate === true && !fargateOffered(kind)) {
    check.fail({
      code: "EDGE_ECS_FARGATE_ZONE",
      path: `${path}.fargate`,
      value: true,
      problem: `fargate is not offered in ${withArticle(zoneKindLabel(kind))} (${CONTAINER_SOURCES.fargate})`,
      fix: "run the service on the cluster's EC2 capacity (leave fargate off)",
    });
  } else if (props.fargate === true && !cluster.fargate) {
    check.fail({
      code: "EDGE_ECS_NO_CAPACITY",
      path: `${path}.fargate`,
      value: true,
      problem: "the cluster has no fargate capacity provider",
      fix: "set fargate: true on the cluster, or leave it off for the service",
    });
  }

  const instanceTargets = props.targetGroup?.targetType === "instance";
  const networkMode: TaskNetworkMode =
    props.networkMode ?? (allowed.includes("awsvpc") && !instanceTargets ? "awsvpc" : "bridge");
  if (!allowed.includes(networkMode)) {
    check.fail({
      code: "EDGE_ECS_NETWORK_MODE",
      path: `${path}.networkMode`,
      value: networkMode,
      problem: `${withArticle(zoneKindLabel(kind))} allows ${allowed.join(" or ")} tasks only: an awsvpc task gets a private address of its own (${CONTAINER_SOURCES.awsvpcPrivateIp}), while only the instance's carrier ip reaches the carrier gateway`,
      fix: 'use networkMode "bridge": the tasks share the instance\'s interface and its carrier ip',
    });
  }
  if (props.targetGroup !== undefined) {
    const want = networkMode === "awsvpc" ? "ip" : "instance";
    // The task's network mode is what the user chose; the target group is the site's.
    check.expect(props.targetGroup.targetType === want, {
      code: "EDGE_ECS_TARGET_TYPE",
      path: `${path}.networkMode`,
      value: networkMode,
      problem: `${networkMode} tasks register as ${want} targets (${CONTAINER_SOURCES.targetType}), and the load balancer's target group takes ${props.targetGroup.targetType} targets`,
      fix: `use networkMode "${want === "ip" ? "bridge" : "awsvpc"}", or a target group of target type ${want}`,
    });
    const targetPort = props.targetGroup.targetPort;
    if (targetPort !== undefined && targetPort !== props.containerPort) {
      check.fail({
        code: "EDGE_ECS_TARGET_PORT",
        path: `${path}.containerPort`,
        value: props.containerPort,
        problem: `the load balancer lets clients and health checks out to its target port tcp/${targetPort} only, and the tasks register on their container port tcp/${props.containerPort} (${CONTAINER_SOURCES.hostPortIngress})`,
        fix: `listen on ${targetPort} (containerPort: ${targetPort}), or serve the service without the load balancer`,
      });
    }
  }

  // --- Zones with capacity ----------------------------------------------------------------
  const clusterZones = cluster.zones.map((z) => z.zone);
  const zones = props.zones ?? clusterZones;
  const missing = zones.filter((z) => !clusterZones.includes(z));
  if (props.fargate !== true && (zones.length === 0 || missing.length > 0)) {
    check.fail({
      code: "EDGE_ECS_NO_CAPACITY",
      path: `${path}.zones`,
      value: props.zones,
      problem:
        zones.length === 0
          ? "the service names no zone, so no capacity provider can place its tasks"
          : `the cluster has no capacity in ${missing.join(", ")} (it has ${clusterZones.join(", ") || "none"})`,
      fix: `place the service in zones of the cluster's capacity (${clusterZones.join(", ")}), or add subnets in ${missing.join(", ") || "them"} to the capacity`,
    });
  }

  // --- How many tasks the capacity holds ----------------------------------------------------
  const desired = props.desiredCount;
  check.expect(Number.isInteger(desired) && desired >= 0, {
    code: "EDGE_CONFIG_VALUE",
    path: `${path}.desiredCount`,
    value: desired,
    problem: "the desired count is a whole number of tasks",
    fix: "use 0 or more",
  });
  if (props.fargate !== true && missing.length === 0 && zones.length > 0) {
    const instances = zones.length * cluster.maxSizePerZone;
    if (networkMode === "awsvpc" && props.awsvpcTrunking !== true) {
      const perInstance = awsvpcTasksPerInstance(cluster.instanceType);
      if (perInstance !== undefined && desired > instances * perInstance) {
        check.fail({
          code: "EDGE_ECS_AWSVPC_ENI_LIMIT",
          path: `${path}.desiredCount`,
          value: desired,
          problem: `each awsvpc task takes a network interface, and ${cluster.instanceType} has room for ${perInstance} besides its primary one: ${instances} instance(s) at most (${zones.length} zone(s) x ${cluster.maxSizePerZone}) hold ${instances * perInstance} tasks (${CONTAINER_SOURCES.eniLimit})`,
          fix: "lower desiredCount, raise maxSizePerZone, choose a larger instance type, use bridge tasks, or turn on the account's awsvpcTrunking setting and set awsvpcTrunking: true",
        });
      }
    }
    if (networkMode === "bridge" && desired > instances) {
      check.fail({
        code: "EDGE_ECS_NO_CAPACITY",
        path: `${path}.desiredCount`,
        value: desired,
        problem: `bridge tasks map container port ${props.containerPort} onto their instance, so one task runs per instance, and the capacity has ${instances} instance(s) at most (${zones.length} zone(s) x ${cluster.maxSizePerZone})`,
        fix: "lower desiredCount or raise maxSizePerZone",
      });
    }
  }

  // --- Secrets never in plain environment ---------------------------------------------------
  for (const [name, value] of Object.entries(props.environment ?? {})) {
    if (looksLikePlainSecret(name, value)) {
      check.fail({
        code: "EDGE_ECS_PLAIN_SECRET",
        path: `${path}.environment.${name}`,
        value: "(hidden)",
        problem: `${name} looks like a secret, and environment values are stored in plain text in the task definition, cdk.tf.json and terraform state`,
        fix: `move it to secrets: { ${name}: { ssmParameter: "/<site>/<env>/${name.toLowerCase()}" } } (an SSM SecureString) or a Secrets Manager secret`,
      });
    }
  }
  for (const name of Object.keys(props.secrets ?? {})) {
    if (name in (props.environment ?? {})) {
      check.fail({
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.secrets.${name}`,
        value: name,
        problem: "the variable is both a plain environment value and a secret",
        fix: "keep it in secrets only",
      });
    }
  }
  return { networkMode, zones };
}
