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
  /** Where runs look for the configuration inside the uploaded archive; "" is its root. */
  readonly workingDirectory: string;
  /** The workspace's auto-apply setting (a run without `auto-apply` inherits it). */
  readonly autoApply: boolean;
  /** The workspace's description ("" when it has none). */
  readonly description: string;
  /**
   * Id of the configuration new runs use ("the last configuration this workspace received,
   * excluding plan-only configurations"); null when it has none, undefined when not reported.
   */
  readonly currentConfigurationVersionId?: string | null;
  /** `resource-count`: resources in its current state, when reported. */
  readonly resourceCount?: number;
}

type WorkspaceAttributes = {
  name: string;
  "working-directory"?: string | null;
  "auto-apply"?: boolean;
  description?: string | null;
  "resource-count"?: number | null;
};
type WorkspaceResource = Resource<WorkspaceAttributes> & { relationships?: { "current-configuration-version"?: { data?: { id?: string } | null } } };

function toWorkspace(data: WorkspaceResource, fallbackName: string): Workspace {
  const current = data.relationships?.["current-configuration-version"];
  const count = data.attributes?.["resource-count"];
  return {
    id: data.id,
    name: data.attributes?.name ?? fallbackName,
    workingDirectory: data.attributes?.["working-directory"] ?? "",
    autoApply: data.attributes?.["auto-apply"] === true,
    description: data.attributes?.description ?? "",
    ...(current && "data" in current ? { currentConfigurationVersionId: current.data?.id ?? null } : {}),
    ...(typeof count === "number" ? { resourceCount: count } : {}),
  };
}

/** Settings of a workspace the publisher creates. */
export interface NewWorkspace {
  readonly name: string;
  /** Version constraint. @default "~> 1.10" */
  readonly terraformVersion?: string;
  readonly description?: string;
  /** Project id (`prj-…`). @default - the organization's default project */
  readonly projectId?: string;
  /** Where runs find the configuration in the archive. @default "" (its root) */
  readonly workingDirectory?: string;
}

/**
 * `POST /organizations/:org/workspaces`: remote execution, no auto-apply, state shared only with
 * listed consumers (`global-remote-state: false`), and the working directory the archive uses.
 * Attributes as in the HCP Terraform API reference, workspaces#create-a-workspace.
 */
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
        "working-directory": ws.workingDirectory ?? "",
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

/** What a run is asked to do. */
export interface RunRequest {
  readonly workspaceId: string;
  /** The uploaded configuration version. @default - the workspace's latest (destroy runs) */
  readonly configurationVersionId?: string;
  readonly planOnly: boolean;
  /**
   * Sent on every run: without it the run takes the workspace's auto-apply setting (runs API,
   * create-a-run: `auto-apply` "Defaults to the Auto Apply workspace setting").
   */
  readonly autoApply: boolean;
  /** A destroy run (`is-destroy`). @default false */
  readonly isDestroy?: boolean;
  readonly message: string;
}

/** `POST /runs`: `auto-apply` always explicit; `is-destroy` only on destroy runs. */
export function runBody(opts: RunRequest): unknown {
  return {
    data: {
      type: "runs",
      attributes: {
        message: opts.message,
        "plan-only": opts.planOnly,
        "auto-apply": opts.planOnly ? false : opts.autoApply,
        ...(opts.isDestroy ? { "is-destroy": true } : {}),
      },
      relationships: {
        workspace: { data: { type: "workspaces", id: opts.workspaceId } },
        ...(opts.configurationVersionId
          ? { "configuration-version": { data: { type: "configuration-versions", id: opts.configurationVersionId } } }
          : {}),
      },
    },
  };
}

/**
 * `POST /workspaces/:consumer/run-triggers`: an applied run of `sourceable` queues a run of the
 * consumer (run-triggers API, create-a-run-trigger; go-tfe run_trigger.go RunTriggerCreateOptions).
 */
export function runTriggerBody(sourceWorkspaceId: string): unknown {
  return { data: { relationships: { sourceable: { data: { id: sourceWorkspaceId, type: "workspaces" } } } } };
}

/** Body of `POST /runs/:id/actions/apply` and `…/discard`: an optional comment. */
export function runActionBody(comment: string): unknown {
  return { comment };
}

/** `POST /workspaces/:id/relationships/remote-state-consumers`. */
export function remoteStateConsumersBody(workspaceIds: readonly string[]): unknown {
  return { data: workspaceIds.map((id) => ({ type: "workspaces", id })) };
}

/** Operations listed when the publisher looks for runs; the list omits `plan_only` runs unless asked (runs API, list-runs-in-a-workspace). */
const RUN_OPERATIONS = "plan_only,plan_and_apply,destroy,save_plan,refresh_only,empty_apply";

export const paths = {
  workspace: (org: string, name: string) => `/organizations/${enc(org)}/workspaces/${enc(name)}`,
  workspaceById: (id: string) => `/workspaces/${enc(id)}`,
  workspaceWithLock: (id: string) => `/workspaces/${enc(id)}?include=locked_by`,
  safeDeleteWorkspace: (id: string) => `/workspaces/${enc(id)}/actions/safe-delete`,
  workspaceRuns: (workspaceId: string) =>
    `/workspaces/${enc(workspaceId)}/runs?filter%5Bstatus_group%5D=non_final&filter%5Boperation%5D=${enc(RUN_OPERATIONS)}&page%5Bsize%5D=50`,
  recentRuns: (workspaceId: string) => `/workspaces/${enc(workspaceId)}/runs?filter%5Boperation%5D=${enc(RUN_OPERATIONS)}&page%5Bsize%5D=20`,
  runTriggers: (workspaceId: string) => `/workspaces/${enc(workspaceId)}/run-triggers`,
  inboundRunTriggers: (workspaceId: string) => `/workspaces/${enc(workspaceId)}/run-triggers?filter%5Brun-trigger%5D%5Btype%5D=inbound`,
  runAction: (id: string, action: "apply" | "discard") => `/runs/${enc(id)}/actions/${action}`,
  runWithPlan: (id: string) => `/runs/${enc(id)}?include=plan%2Cworkspace`,
  workspaces: (org: string) => `/organizations/${enc(org)}/workspaces`,
  workspaceList: (org: string, query: WorkspaceQuery, page: number) =>
    `/organizations/${enc(org)}/workspaces?search%5Bwildcard-name%5D=${enc(query.wildcardName)}${
      query.projectId ? `&filter%5Bproject%5D%5Bid%5D=${enc(query.projectId)}` : ""
    }&page%5Bnumber%5D=${page}&page%5Bsize%5D=100`,
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
  const res = await client.request<{ data: WorkspaceResource }>("GET", paths.workspace(org, name), undefined, { allow404: true });
  return res.body ? toWorkspace(res.body.data, name) : undefined;
}

/** Who holds a workspace's lock, when it is locked. */
export interface WorkspaceLock {
  readonly locked: boolean;
  /** `locked-reason`, "" when none was given. */
  readonly reason: string;
  /** `users`, `teams` or `runs`, as the `locked-by` relationship names it. */
  readonly byType?: string;
  /** The user's username, the team's name, or the run's id. */
  readonly by?: string;
}

/**
 * `GET /workspaces/:id?include=locked_by`: whether the workspace is locked and by whom (workspaces
 * API: `locked`, `locked-reason`; Available Related Resources: "`locked_by` - The user, team, or
 * run responsible for locking the workspace, if the workspace is currently locked").
 */
export async function getWorkspaceLock(client: TfcClient, workspaceId: string): Promise<WorkspaceLock> {
  type Body = {
    data: Resource<{ locked?: boolean; "locked-reason"?: string | null }> & { relationships?: { "locked-by"?: { data?: { id?: string; type?: string } | null } } };
    included?: Resource<{ username?: string; name?: string }>[];
  };
  const body = (await client.request<Body>("GET", paths.workspaceWithLock(workspaceId))).body;
  const ref = body?.data?.relationships?.["locked-by"]?.data ?? undefined;
  const holder = ref ? body?.included?.find((r) => r.id === ref.id && r.type === ref.type) : undefined;
  return {
    locked: body?.data?.attributes?.locked === true,
    reason: body?.data?.attributes?.["locked-reason"] ?? "",
    ...(ref?.type ? { byType: ref.type } : {}),
    ...(ref?.id ? { by: holder?.attributes?.username ?? holder?.attributes?.name ?? ref.id } : {}),
  };
}

/** Which workspaces {@link listWorkspaces} asks for. */
export interface WorkspaceQuery {
  /** `search[wildcard-name]`: a name with a leading or trailing `*`, e.g. `*-pr-7`. */
  readonly wildcardName: string;
  /** `filter[project][id]`: only the workspaces of this project. @default - every project */
  readonly projectId?: string;
}

/**
 * Every page of `GET /organizations/:org/workspaces` for `query`, 100 a page, following
 * `meta.pagination.next-page`. The wildcard narrows the list on the server; callers match the
 * names exactly (go-tfe workspace.go, WorkspaceListOptions: `search[wildcard-name]`,
 * `filter[project][id]`; workspaces API, list-workspaces: `page[number]`, `page[size]`).
 */
export async function listWorkspaces(client: TfcClient, org: string, query: WorkspaceQuery): Promise<Workspace[]> {
  type Page = { data: Resource<WorkspaceAttributes>[]; meta?: { pagination?: { "next-page"?: number | null } } };
  const found: Workspace[] = [];
  let page: number | null | undefined = 1;
  for (let n = 0; page && n < 100; n++) {
    const body: Page | undefined = (await client.request<Page>("GET", paths.workspaceList(org, query, page))).body;
    found.push(...(body?.data ?? []).map((d) => toWorkspace(d, d.attributes?.name ?? d.id)));
    page = body?.meta?.pagination?.["next-page"];
  }
  return found;
}

/** `POST /organizations/:org/workspaces`. */
export async function createWorkspace(client: TfcClient, org: string, ws: NewWorkspace): Promise<Workspace> {
  const res = await client.request<Document<WorkspaceAttributes>>("POST", paths.workspaces(org), workspaceCreateBody(ws));
  required(res.body?.data.id, "workspace id");
  return toWorkspace(res.body!.data, ws.name);
}

/** `POST /workspaces/:id/actions/safe-delete`: deletes a workspace that manages no resources. */
export async function safeDeleteWorkspace(client: TfcClient, workspaceId: string): Promise<void> {
  await client.request("POST", paths.safeDeleteWorkspace(workspaceId));
}

/**
 * The id of project `name`, via `GET /organizations/:org/projects?filter[names]=`; undefined when
 * there is none. Names compare case-insensitively, as the filter does (projects API, list-projects).
 */
export async function findProjectId(client: TfcClient, org: string, name: string): Promise<string | undefined> {
  const res = await client.request<{ data: Resource<{ name: string }>[] }>("GET", paths.projects(org, name));
  const wanted = name.toLowerCase();
  return res.body?.data.find((p) => p.attributes.name.toLowerCase() === wanted)?.id;
}

/** The workspaces whose applied runs queue runs of `workspaceId` (inbound run triggers). */
export async function listRunTriggerSources(client: TfcClient, workspaceId: string): Promise<string[]> {
  type Trigger = { relationships?: { sourceable?: { data?: { id?: string } } } };
  const res = await client.request<{ data: Trigger[] }>("GET", paths.inboundRunTriggers(workspaceId));
  return (res.body?.data ?? []).map((t) => t.relationships?.sourceable?.data?.id).filter((id): id is string => !!id);
}

/** `POST /workspaces/:consumer/run-triggers`: never retried blindly (a second one is refused as a duplicate; see `createRunTriggerOnce`). */
export async function createRunTrigger(client: TfcClient, consumerId: string, sourceId: string): Promise<void> {
  await client.request("POST", paths.runTriggers(consumerId), runTriggerBody(sourceId), { idempotent: false });
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
  readonly speculative?: boolean;
}

type CvAttributes = { status: string; "upload-url"?: string; "error-message"?: string; speculative?: boolean };

/** `POST /workspaces/:id/configuration-versions` with `auto-queue-runs: false`. */
export async function createConfigurationVersion(
  client: TfcClient,
  workspaceId: string,
  opts: { speculative: boolean },
): Promise<ConfigurationVersion> {
  const res = await client.request<Document<CvAttributes>>("POST", paths.configurationVersions(workspaceId), configurationVersionBody(opts), {
    idempotent: false,
  });
  return toCv(res.body);
}

/** `GET /workspaces/:id/configuration-versions`: newest first. */
export async function listConfigurationVersions(client: TfcClient, workspaceId: string): Promise<ConfigurationVersion[]> {
  const res = await client.request<{ data: Resource<CvAttributes>[] }>("GET", paths.configurationVersions(workspaceId));
  return (res.body?.data ?? []).map((d) => toCv({ data: d }));
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
    speculative: a?.speculative === true,
  };
}

/** Resources a plan adds, changes and destroys (plans API attributes `resource-additions`, …). */
export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** A run. */
export interface Run {
  readonly id: string;
  readonly status: string;
  /** True when the run waits for someone to confirm (apply) it. */
  readonly isConfirmable: boolean;
  readonly isDiscardable: boolean;
  readonly planOnly: boolean;
  readonly isDestroy: boolean;
  readonly createdAt?: string;
  readonly message?: string;
  readonly configurationVersionId?: string;
  readonly workspaceId?: string;
  /** Name of the workspace, when it was included. */
  readonly workspaceName?: string;
  /** Name of the workspace's organization, when the workspace was included. */
  readonly organizationName?: string;
  /** Present when the plan was included and has finished. */
  readonly plan?: PlanCounts;
}

type RunAttributes = {
  status: string;
  actions?: { "is-confirmable"?: boolean; "is-discardable"?: boolean };
  "plan-only"?: boolean;
  "is-destroy"?: boolean;
  "created-at"?: string;
  message?: string;
};
type RunResource = Resource<RunAttributes> & {
  relationships?: {
    "configuration-version"?: { data?: { id?: string } | null };
    plan?: { data?: { id?: string } | null };
    workspace?: { data?: { id?: string } | null };
  };
};
type PlanAttributes = { status?: string; "resource-additions"?: number | null; "resource-changes"?: number | null; "resource-destructions"?: number | null };

/** `POST /runs`: never retried blindly (see {@link findRunOf}). */
export async function createRun(client: TfcClient, opts: RunRequest): Promise<Run> {
  return toRun((await client.request<{ data: RunResource }>("POST", paths.runs(), runBody(opts), { idempotent: false })).body?.data);
}

/** `GET /runs/:id?include=plan,workspace` (the single-run endpoint; the list endpoint allows only 30 requests a minute). */
export async function getRun(client: TfcClient, id: string): Promise<Run> {
  const body = (await client.request<{ data: RunResource; included?: Resource[] }>("GET", paths.runWithPlan(id))).body;
  const planId = body?.data?.relationships?.plan?.data?.id;
  const plan = body?.included?.find((r) => r.type === "plans" && (!planId || r.id === planId));
  const ws = body?.included?.find((r) => r.type === "workspaces") as (Resource & { relationships?: { organization?: { data?: { id?: string } | null } } }) | undefined;
  const run = toRun(body?.data, plan?.attributes as PlanAttributes | undefined);
  const org = ws?.relationships?.organization?.data?.id;
  return {
    ...run,
    ...(ws && typeof ws.attributes?.name === "string" ? { workspaceName: ws.attributes.name } : {}),
    ...(org ? { organizationName: org } : {}),
  };
}

/** The workspace's latest runs of every operation, newest first (first page). */
export async function listRecentRuns(client: TfcClient, workspaceId: string): Promise<Run[]> {
  const res = await client.request<{ data: RunResource[] }>("GET", paths.recentRuns(workspaceId));
  return (res.body?.data ?? []).map((d) => toRun(d));
}

/**
 * The workspace's runs that are not final (`filter[status_group]=non_final`, every operation),
 * oldest first. Rate limited to 30 a minute: the publisher calls it only to recover or explain.
 */
export async function listActiveRuns(client: TfcClient, workspaceId: string): Promise<Run[]> {
  const res = await client.request<{ data: RunResource[] }>("GET", paths.workspaceRuns(workspaceId));
  return (res.body?.data ?? []).map((d) => toRun(d)).sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
}

/** `POST /runs/:id/actions/apply` (202; 409 when the run is not waiting for confirmation). */
export async function applyRun(client: TfcClient, id: string, comment: string): Promise<void> {
  await client.request("POST", paths.runAction(id, "apply"), runActionBody(comment));
}

/** `POST /runs/:id/actions/discard` (202; 409 when the run cannot be discarded). */
export async function discardRun(client: TfcClient, id: string, comment: string): Promise<void> {
  await client.request("POST", paths.runAction(id, "discard"), runActionBody(comment));
}

function toRun(data: RunResource | undefined, plan?: PlanAttributes): Run {
  const a = data?.attributes;
  const counts =
    plan && typeof plan["resource-additions"] === "number"
      ? { add: plan["resource-additions"] ?? 0, change: plan["resource-changes"] ?? 0, destroy: plan["resource-destructions"] ?? 0 }
      : undefined;
  return {
    id: required(data?.id, "run id"),
    status: a?.status ?? "unknown",
    isConfirmable: a?.actions?.["is-confirmable"] === true,
    isDiscardable: a?.actions?.["is-discardable"] === true,
    planOnly: a?.["plan-only"] === true,
    isDestroy: a?.["is-destroy"] === true,
    createdAt: a?.["created-at"],
    message: a?.message,
    configurationVersionId: data?.relationships?.["configuration-version"]?.data?.id ?? undefined,
    workspaceId: data?.relationships?.workspace?.data?.id ?? undefined,
    ...(counts ? { plan: counts } : {}),
  };
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`the api response has no ${what}`);
  return value;
}
