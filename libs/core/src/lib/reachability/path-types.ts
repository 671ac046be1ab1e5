import type { CallNeed, ClientNeed } from "./needs";

/** A workload with its needs and where it runs, as the proof reads it. */
export interface Workload {
  /** Construct path (or resource address for needs implied by a resource). */
  readonly path: string;
  readonly description: string;
  /** Subnet addresses (`aws_subnet.x`). */
  readonly subnets: readonly string[];
  /** Runs outside every VPC of the stack (a Lambda function without `vpc_config`). */
  readonly outsideVpc: boolean;
  /** Its network interfaces get carrier IPs. */
  readonly carrierIp: boolean;
  /** It has a public address (an internet-facing load balancer, a public IP, a NAT's EIP). */
  readonly publicIp: boolean;
  readonly clients: readonly ClientNeed[];
  readonly calls: readonly CallNeed[];
}

/** Facts of the environment the proof needs. */
export interface PathContext {
  /** The environment's hub VPC CIDR (sites that extend the hub read its VPC from outputs). */
  readonly hubVpcCidr: string;
  /** Address block of each site of the environment. */
  readonly siteBlocks: Readonly<Record<string, string>>;
}

/** A need with the path that carries it. */
export interface ProvenPath {
  readonly workload: string;
  readonly direction: "client" | "call";
  readonly need: string;
  /** Subnet address; undefined for a workload outside the VPC. */
  readonly subnet?: string;
  readonly zoneKind?: string;
  readonly routeTable?: string;
  /** How the traffic goes, in words. */
  readonly via: string;
  /** The routes and endpoint associations that carry it. */
  readonly carriedBy: readonly string[];
}

/** A need without a path. */
export interface MissingPath {
  readonly code: string;
  readonly workload: string;
  readonly direction: "client" | "call";
  readonly need: string;
  readonly subnet?: string;
  readonly zoneKind?: string;
  readonly routeTable?: string;
  /** The route or endpoint that would carry it. */
  readonly missing: string;
  readonly problem: string;
  readonly fix: string;
  readonly source: string;
}

/** The outcome of a proof. */
export interface PathProof {
  readonly proven: readonly ProvenPath[];
  readonly missing: readonly MissingPath[];
}

/** One step of a proof: the path, or what is missing. */
export type Step =
  | { ok: true; via: string; carriedBy: string[] }
  | { ok: false; code: string; missing: string; problem: string; fix: string; source: string };
