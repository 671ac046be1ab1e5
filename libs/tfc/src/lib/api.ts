/**
 * The Terraform Cloud API calls the publisher makes, with their request bodies built by pure
 * functions so that a dry run prints exactly what a real run would send.
 */
import type { TfcClient } from "./http-client";

/** A JSON:API resource. */
interface Resource<A = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly attributes: A;
}
interface Document<A = Record<string, unknown>> {
  readonly data: Resource<A>;
}

/** A workspace, as far as the publisher needs it. */
export interface Workspace {
  readonly id: string;
  readonly name: string;
}

/** Settings of a workspace the publisher creates. */
export interface NewWorkspace {
  readonly name: string;
  /** Version constraint. @default "~> 1.10" */
  readonly terraformVersion?: string;
  readonly description?: string;
  /** Project id (`prj-…`). @default - the organization's default project */
  readonly projectId?: string;
}

/** `POST /organizations/:org/workspaces`: remote execution, no auto-apply, state shared only with listed consumers. */
export function workspaceCreateBody(ws: NewWorkspace): unknown {
  return {
    data: {
      type: "workspaces",
      attributes: {
        name: ws.name,
        "execution-mode": "remote",
        "auto-apply": false,
        "terraform-version": ws.terraformVersion ?? "~> 1.10",
        "global-remote-state": false,
        ...(ws.description ? { description: ws.description } : {}),
      },
      ...(ws.projectId ? { relationships: { project: { data: { type: "projects", id: ws.projectId } } } } : {}),
    },
  };
}

/** `POST /workspaces/:id/configuration-versions`: never queues a run by itself. */
export function configurationVersionBody(opts: { speculative: boolean }): unknown {
  return {
    data: {
      type: "configuration-versions",
      attributes: { "auto-queue-runs": false, ...(opts.speculative ? { speculative: true } : {}) },
    },
  };
}

/** `POST /runs` on an uploaded configuration version. */
export function runBody(opts: { workspaceId: string; configurationVersionId: string; planOnly: boolean; message: string }): unknown {
  return {
    data: {
      type: "runs",
      attributes: { message: opts.message, "plan-only": opts.planOnly },
      relationships: {
        workspace: { data: { type: "workspaces", id: opts.workspaceId } },
        "configuration-version": { data: { type: "configuration-versions", id: opts.configurationVersionId } },
      },
    },
  };
}

/** `POST /workspaces/:id/relationships/remote-state-consumers`. */
export function remoteStateConsumersBody(workspaceIds: readonly string[]): unknown {
  return { data: workspaceIds.map((id) => ({ type: "workspaces", id })) };
}

export const paths = {
  workspace: (org: string, name: string) => `/organizations/${enc(org)}/workspaces/${enc(name)}`,
  workspaces: (org: string) => `/organizations/${enc(org)}/workspaces`,
  projects: (org: string, name: string) => `/organizations/${enc(org)}/projects?filter%5Bnames%5D=${enc(name)}`,
  remoteStateConsumers: (workspaceId: string) => `/workspaces/${enc(workspaceId)}/relationships/remote-state-consumers`,
  configurationVersions: (workspaceId: string) => `/workspaces/${enc(workspaceId)}/configuration-versions`,
  configurationVersion: (id: string) => `/configuration-versions/${enc(id)}`,
  runs: () => "/runs",
  run: (id: string) => `/runs/${enc(id)}`,
};

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** `GET /organizations/:org/workspaces/:name`; undefined on 404 (missing, or not visible to the token). */
export async function getWorkspace(client: TfcClient, org: string, name: string): Promise<Workspace | undefined> {
  const res = await client.request<Document<{ name: string }>>("GET", paths.workspace(org, name), undefined, { allow404: true });
  return res.body ? { id: res.body.data.id, name: res.body.data.attributes.name } : undefined;
}

/** `POST /organizations/:org/workspaces`. */
export async function createWorkspace(client: TfcClient, org: string, ws: NewWorkspace): Promise<Workspace> {
  const res = await client.request<Document<{ name: string }>>("POST", paths.workspaces(org), workspaceCreateBody(ws));
  return { id: required(res.body?.data.id, "workspace id"), name: res.body?.data.attributes.name ?? ws.name };
}

/** The id of project `name`, via `GET /organizations/:org/projects?filter[names]=`; undefined when there is none. */
export async function findProjectId(client: TfcClient, org: string, name: string): Promise<string | undefined> {
  const res = await client.request<{ data: Resource<{ name: string }>[] }>("GET", paths.projects(org, name));
  return res.body?.data.find((p) => p.attributes.name === name)?.id;
}

/** Lets `consumerIds` read the state of workspace `workspaceId`. */
export async function addRemoteStateConsumers(client: TfcClient, workspaceId: string, consumerIds: readonly string[]): Promise<void> {
  await client.request("POST", paths.remoteStateConsumers(workspaceId), remoteStateConsumersBody(consumerIds));
}

/** A configuration version. */
export interface ConfigurationVersion {
  readonly id: string;
  /** `pending`, `uploaded`, `errored`, … */
  readonly status: string;
  /** One-time upload URL (a secret: never print it). Present on creation. */
  readonly uploadUrl?: string;
  readonly errorMessage?: string;
}

type CvAttributes = { status: string; "upload-url"?: string; "error-message"?: string };

/** `POST /workspaces/:id/configuration-versions` with `auto-queue-runs: false`. */
export async function createConfigurationVersion(
  client: TfcClient,
  workspaceId: string,
  opts: { speculative: boolean },
): Promise<ConfigurationVersion> {
  const res = await client.request<Document<CvAttributes>>("POST", paths.configurationVersions(workspaceId), configurationVersionBody(opts));
  return toCv(res.body);
}

/** `GET /configuration-versions/:id`. */
export async function getConfigurationVersion(client: TfcClient, id: string): Promise<ConfigurationVersion> {
  return toCv((await client.request<Document<CvAttributes>>("GET", paths.configurationVersion(id))).body);
}

function toCv(doc: Document<CvAttributes> | undefined): ConfigurationVersion {
  const a = doc?.data.attributes;
  return {
    id: required(doc?.data.id, "configuration version id"),
    status: a?.status ?? "unknown",
    uploadUrl: a?.["upload-url"],
    errorMessage: a?.["error-message"],
  };
}

/** A run. */
export interface Run {
  readonly id: string;
  readonly status: string;
  /** True when the run waits for someone to confirm (apply) it. */
  readonly isConfirmable: boolean;
}

type RunAttributes = { status: string; actions?: { "is-confirmable"?: boolean } };

/** `POST /runs`. */
export async function createRun(client: TfcClient, opts: Parameters<typeof runBody>[0]): Promise<Run> {
  return toRun((await client.request<Document<RunAttributes>>("POST", paths.runs(), runBody(opts))).body);
}

/** `GET /runs/:id` (the single-run endpoint; the list endpoint allows only 30 requests a minute). */
export async function getRun(client: TfcClient, id: string): Promise<Run> {
  return toRun((await client.request<Document<RunAttributes>>("GET", paths.run(id))).body);
}

function toRun(doc: Document<RunAttributes> | undefined): Run {
  return {
    id: required(doc?.data.id, "run id"),
    status: doc?.data.attributes.status ?? "unknown",
    isConfirmable: doc?.data.attributes.actions?.["is-confirmable"] === true,
  };
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`the api response has no ${what}`);
  return value;
}
