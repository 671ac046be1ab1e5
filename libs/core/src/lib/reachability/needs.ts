import type { IConstruct } from "constructs";

/** AWS services a workload calls, by the short name of their endpoint (`com.amazonaws.<region>.<name>`). */
export type AwsServiceName =
  | "s3"
  | "dynamodb"
  | "monitoring"
  | "logs"
  | "ssm"
  | "ssmmessages"
  | "ec2"
  | "ec2messages"
  | "secretsmanager"
  | "kms"
  | "sts"
  | "sqs"
  | "route53"
  | "lambda"
  // ECS container instances: the control plane, the agent's and telemetry endpoints (ECS
  // developer guide, "Amazon ECS interface VPC endpoints": com.amazonaws.<region>.ecs,
  // ecs-agent, ecs-telemetry), and image pulls from ECR (ECR user guide, "Amazon ECR interface
  // VPC endpoints": ecr.api, ecr.dkr, with layers from S3).
  | "ecs"
  | "ecs-agent"
  | "ecs-telemetry"
  | "ecr.api"
  | "ecr.dkr";

/** Who reaches a workload. */
export type ClientNeed =
  /** Any address on the internet. */
  | "internet"
  /** Devices on the telecommunication carrier's network (Wavelength). */
  | "carrier-network"
  /** Networks behind the local gateway, a transit gateway or a VPN. */
  | { readonly onPremises: readonly string[] }
  /** Another site of the environment: its address block from the environment's network plan. */
  | { readonly site: string };

/** What a workload calls. */
export type CallNeed =
  /** Anything on the internet (package mirrors, third-party APIs). */
  | "internet"
  /** An AWS service of the stack's Region. */
  | { readonly service: AwsServiceName }
  /** Networks behind the local gateway, a transit gateway or a VPN. */
  | { readonly onPremises: readonly string[] }
  /** Another site of the environment. */
  | { readonly site: string };

/** What one workload needs from the network. */
export interface WorkloadNeeds {
  /** Who must reach it. @default [] */
  readonly clients?: readonly ClientNeed[];
  /** What it must reach. @default [] */
  readonly calls?: readonly CallNeed[];
  /**
   * Subnet ids the workload runs in (tokens of `aws_subnet` ids are fine).
   * @default - the subnets of the resources under the construct: Auto Scaling groups, instances,
   * load balancers, Lambda functions (a function without `vpc_config` runs outside the VPC)
   */
  readonly subnetIds?: readonly string[];
  /**
   * The construct whose instances the workload runs on, when it shares their network interface
   * (ECS bridge tasks): the workload's addresses (carrier IP, public IP) are theirs, and its
   * subnets too unless `subnetIds` are given.
   * @default - the workload has the addresses of the resources under the construct
   */
  readonly hostedOn?: IConstruct;
  /** What the workload is, for reports. @default the construct path */
  readonly description?: string;
}

const NEEDS = Symbol.for("@edge/core.reachability.needs");
type WithNeeds = IConstruct & { [NEEDS]?: WorkloadNeeds[] };

/**
 * Declares what `construct` (a fleet, a load balancer, a function, or any construct that holds
 * them) needs from the network. Synth proves a path for each need from the stack's route tables,
 * routes, endpoints and the zone kind of each subnet; a need without a path fails synth. Several
 * declarations on one construct add up.
 */
export function declareNeeds(construct: IConstruct, needs: WorkloadNeeds): void {
  const holder = construct as WithNeeds;
  if (!Object.prototype.hasOwnProperty.call(holder, NEEDS)) {
    Object.defineProperty(holder, NEEDS, { value: [], enumerable: false });
  }
  holder[NEEDS]!.push(needs);
}

/** The needs declared on `construct` itself, in order. */
export function declaredNeedsOf(construct: IConstruct): readonly WorkloadNeeds[] {
  return (construct as WithNeeds)[NEEDS] ?? [];
}

/** `internet`, `carrier-network`, `s3`, `on-premises 10.0.0.0/8`, `site region-hub`. */
export function needLabel(need: ClientNeed | CallNeed): string {
  if (typeof need === "string") return need;
  if ("service" in need) return need.service;
  if ("onPremises" in need) return `on-premises ${need.onPremises.join(", ")}`;
  return `site ${need.site}`;
}
