import type { ITerraformDependable } from "cdktf";
import type { EdgeContainerCluster } from "./edge-container-cluster";
import type { TaskNetworkMode } from "./container-facts";

/** Where a task secret comes from: an SSM SecureString parameter or a Secrets Manager secret. */
export type ContainerSecretSource =
  { readonly ssmParameter: string } | { readonly secretsManagerArn: string };

/** Registration of the service's tasks in a load balancer target group (an `EdgeEndpoint`'s). */
export interface ContainerTargetGroup {
  readonly targetGroupArn: string;
  /** The target group's target type: `instance` takes bridge tasks, `ip` awsvpc tasks. */
  readonly targetType: "instance" | "ip";
  /**
   * The port the load balancer sends to (its target group's port, which its security group lets
   * out): the container port must be it. @default - not checked
   */
  readonly targetPort?: number;
  /** The load balancer's security group: the tasks admit the container port from it. */
  readonly securityGroupId: string;
}

/** Props of {@link EdgeContainerService}. */
export interface EdgeContainerServiceProps {
  /** Physical name of the service and its resources. @default `<site>-<env>-<id>` */
  readonly name?: string;
  readonly cluster: EdgeContainerCluster;
  /** Image URI, from ECR in the Region (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`). */
  readonly image: string;
  /** ECR repositories the execution role may pull from (the image's). @default - none */
  readonly repositoryArns?: readonly string[];
  /** Port the container listens on. */
  readonly containerPort: number;
  /** CPU units of the task (1024 = one vCPU). */
  readonly cpu: number;
  /** Memory of the task in MiB. */
  readonly memoryMiB: number;
  /** Tasks the service keeps running. */
  readonly desiredCount: number;
  /**
   * Network mode. @default "awsvpc" where the zone kind allows it and no instance target group
   * is given, else "bridge" (see `allowedNetworkModes`)
   */
  readonly networkMode?: TaskNetworkMode;
  /**
   * The account's `awsvpcTrunking` setting is on, so awsvpc tasks are not limited by the
   * instance's network interfaces. @default false
   */
  readonly awsvpcTrunking?: boolean;
  /** Run on Fargate instead of the cluster's EC2 capacity (availability zones only). @default false */
  readonly fargate?: boolean;
  /** Zones (of the cluster's capacity) the tasks run in. @default - every zone of the cluster */
  readonly zones?: readonly string[];
  /** Plain configuration for the container. Never secrets: they go in `secrets`. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Secrets, by environment variable name, injected by ECS at start. @default {} */
  readonly secrets?: Readonly<Record<string, ContainerSecretSource>>;
  /** Customer managed key of the secrets (kms:Decrypt through SSM or Secrets Manager only). @default - AWS managed keys */
  readonly secretKmsKeyArn?: string;
  /** Register the tasks in this target group. @default - no load balancer */
  readonly targetGroup?: ContainerTargetGroup;
  /**
   * Address blocks that reach the tasks directly on the container port (on-premises clients
   * through an Outpost's local gateway, carrier clients in Wavelength). @default []
   */
  readonly clientCidrs?: readonly string[];
  /** Name other services of the namespace reach this one by (Service Connect). @default the construct id */
  readonly discoveryName?: string;
  /** Resources the service waits for, e.g. the listener of its target group. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Config path of these props, for errors. @default `containers.services.<id>` */
  readonly configPath?: string;
}
