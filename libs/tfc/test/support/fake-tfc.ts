/**
 * A local stand-in for the Terraform Cloud API subset the publisher uses, on 127.0.0.1 with a
 * port the OS picks. It checks auth and payload shapes the way the documented API does,
 * records every request, and can inject one-shot faults (a status with headers, or a dropped
 * connection) for matching requests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/v2/runs/run-1`. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- request bodies are asserted field by field
}

/**
 * A one-shot fault: answer with `status` instead of handling the request, or (with `after`)
 * handle it and then answer `status`, as a gateway does when the server acted but the answer was
 * lost (created-then-502); or drop the connection.
 */
export type Fault =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown; readonly after?: boolean }
  | { readonly reset: true };

/** A run that exists before the test starts (e.g. one waiting for confirmation). */
export interface ExistingRun {
  readonly workspace: string;
  readonly status: string;
  readonly message?: string;
  /** `actions.is-confirmable`. @default - true in the states that wait for a confirmation */
  readonly confirmable?: boolean;
}

export interface FakeTfcOptions {
  readonly token: string;
  readonly organization?: string;
  /** Workspaces that exist at start. */
  readonly workspaces?: readonly string[];
  /** Attributes of workspaces that exist at start, by name (e.g. `working-directory`, `auto-apply`, `description`). */
  readonly workspaceAttributes?: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * Workspaces locked at start, by name, with who holds the lock. A locked workspace keeps every
   * run but plan-only ones pending ("New runs remain in the Pending state until the workspace
   * unlocks": cloud-docs/workspaces/run/manage, Locking Workspaces), and shows `locked`,
   * `locked-reason` and the `locked_by` relationship (workspaces API, Available Related Resources).
   */
  readonly locks?: Readonly<Record<string, { readonly user: string; readonly reason?: string }>>;
  /** Project id of workspaces that exist at start, by name. @default - none */
  readonly workspaceProjects?: Readonly<Record<string, string>>;
  /** Largest page `GET /organizations/:org/workspaces` answers, whatever `page[size]` asks. @default 100 */
  readonly listPageSize?: number;
  /** Runs that exist at start, oldest first; they hold the workspace's queue until discarded. */
  readonly existingRuns?: readonly ExistingRun[];
  /** Statuses after a run is confirmed (or auto-applied), one per poll. @default ["applying", "applied"] */
  readonly applyStatuses?: readonly string[];
  /** Resource counts of every plan, once planned. @default { add: 1, change: 0, destroy: 0 } */
  readonly planCounts?: { add: number; change: number; destroy: number };
  /** Projects that exist, by name. */
  readonly projects?: Readonly<Record<string, string>>;
  /** Statuses a run goes through, one per `GET /runs/:id`; the last sticks. @default ["planning", "planned_and_finished"] */
  readonly runStatuses?: readonly string[];
  /** `GET /configuration-versions/:id` answers `pending` this many times after the upload. @default 1 */
  readonly pendingPolls?: number;
  /** Every upload ends `errored` with this `error-message` instead of `uploaded`. @default - none */
  readonly uploadError?: string;
  /**
   * Hold each upload up to this long, or until `uploadBarrier` uploads are in flight, so that
   * overlapping uploads are seen. @default 0
   */
  readonly uploadHoldMs?: number;
  /** @default Infinity */
  readonly uploadBarrier?: number;
}

interface Cv {
  id: string;
  workspaceId: string;
  status: string;
  polls: number;
  speculative: boolean;
}

interface FakeRun {
  id: string;
  seq: number;
  workspaceId: string;
  cvId?: string;
  planOnly: boolean;
  isDestroy: boolean;
  /** As sent; undefined when the request left it out. */
  autoApplyAttr?: boolean;
  message: string;
  polls: number;
  /** Index into the apply statuses once confirmed; undefined before. */
  applyPolls?: number;
  /** Fixed status (existing runs, discarded runs). */
  fixed?: string;
  /** Fixed `is-confirmable` (existing runs). */
  confirmable?: boolean;
}

/** Run states that wait for a confirmation (run#apply-a-run: "needs confirmation" and "policy checked"; saved plans). */
const CONFIRMABLE = new Set(["planned", "cost_estimated", "policy_checked", "post_plan_completed", "planned_and_saved"]);

/** Run states in which a run no longer holds the workspace's queue. */
const DONE = new Set(["applied", "planned_and_finished", "errored", "discarded", "canceled", "force_canceled", "policy_soft_failed"]);

export class FakeTfc {
  readonly requests: RecordedRequest[] = [];
  readonly workspaces = new Map<string, { id: string; name: string; attributes: Record<string, unknown>; project?: string }>();
  readonly consumers = new Map<string, string[]>();
  readonly uploads = new Map<string, Buffer>();
  readonly runs = new Map<string, FakeRun>();
  readonly runTriggers: { workspaceId: string; sourceId: string }[] = [];
  readonly deleted: string[] = [];
  readonly cvs = new Map<string, Cv>();
  /** Most uploads in flight at once. */
  maxUploadsInFlight = 0;
  private uploadsInFlight = 0;
  private readonly faults: { match: (r: { method: string; path: string }) => boolean; fault: Fault }[] = [];
  private readonly server: http.Server;
  private seq = 0;
  address = "";

  constructor(private readonly options: FakeTfcOptions) {
    for (const name of options.workspaces ?? []) this.addWorkspace(name);
    for (const run of options.existingRuns ?? []) {
      const ws = this.workspaces.get(run.workspace);
      if (!ws) throw new Error(`existing run in unknown workspace ${run.workspace}`);
      const id = `run-ahead${++this.seq}`;
      this.runs.set(id, { id, seq: this.seq, workspaceId: ws.id, planOnly: false, isDestroy: false, message: run.message ?? "queued earlier", polls: 0, fixed: run.status, confirmable: run.confirmable });
    }
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.address;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers the next request matching `match` with `fault` (once). */
  inject(match: (r: { method: string; path: string }) => boolean, fault: Fault): this {
    this.faults.push({ match, fault });
    return this;
  }

  addWorkspace(name: string): string {
    const id = `ws-${name.replace(/[^a-z0-9]/g, "").slice(-12)}${++this.seq}`;
    this.workspaces.set(name, {
      id,
      name,
      attributes: { name, "working-directory": "", "auto-apply": false, ...this.options.workspaceAttributes?.[name] },
      project: this.options.workspaceProjects?.[name],
    });
    return id;
  }

  /** The status a run shows now (advancing it one step per call when `advance`). */
  private runStatus(run: FakeRun, advance: boolean): string {
    if (run.fixed) return run.fixed;
    if (run.applyPolls !== undefined) {
      const statuses = this.options.applyStatuses ?? ["applying", "applied"];
      return statuses[Math.min(advance ? run.applyPolls++ : run.applyPolls, statuses.length - 1)];
    }
    // A run that is not plan-only waits for the workspace's older unfinished runs.
    const ahead = [...this.runs.values()].some(
      (r) => r !== run && r.seq < run.seq && r.workspaceId === run.workspaceId && !r.planOnly && !DONE.has(this.runStatus(r, false)),
    );
    if (!run.planOnly && ahead) return "pending";
    const lockedWs = [...this.workspaces.values()].find((w) => w.id === run.workspaceId);
    if (!run.planOnly && lockedWs && this.options.locks?.[lockedWs.name]) return "pending";
    if (!advance && run.polls === 0) return "pending";
    const statuses = this.options.runStatuses ?? ["planning", "planned_and_finished"];
    const status = statuses[Math.min(advance ? run.polls++ : run.polls - 1, statuses.length - 1)];
    // Auto-apply: the run's own attribute, else the workspace's setting (runs API, create-a-run).
    const ws = [...this.workspaces.values()].find((w) => w.id === run.workspaceId);
    const autoApply = run.autoApplyAttr ?? ws?.attributes["auto-apply"] === true;
    if (status === "planned" && !run.planOnly && autoApply && advance) {
      run.applyPolls = 0;
      return this.runStatus(run, true);
    }
    return status;
  }

  private runJson(run: FakeRun, status: string) {
    const confirmable = run.confirmable ?? (CONFIRMABLE.has(status) && !run.planOnly && run.applyPolls === undefined);
    return {
      id: run.id,
      type: "runs",
      attributes: {
        status,
        message: run.message,
        "plan-only": run.planOnly,
        "is-destroy": run.isDestroy,
        "auto-apply": run.autoApplyAttr ?? false,
        "created-at": new Date(Date.UTC(2026, 0, 1, 0, 0, run.seq)).toISOString(),
        actions: { "is-confirmable": confirmable, "is-discardable": confirmable || status === "pending" },
      },
      relationships: {
        workspace: { data: { id: run.workspaceId, type: "workspaces" } },
        "configuration-version": { data: run.cvId ? { id: run.cvId, type: "configuration-versions" } : null },
        plan: { data: { id: `plan-${run.id}`, type: "plans" } },
      },
    };
  }

  /** Requests whose path matches, in arrival order. */
  calls(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const faultIndex = this.faults.findIndex((f) => f.match({ method, path }));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0].fault : undefined;
    if (fault && "reset" in fault) {
      // Drop the connection while the request body is still arriving.
      const chunks: Buffer[] = [];
      req.once("data", (chunk: Buffer) => {
        chunks.push(chunk);
        this.requests.push({ method, path, headers: req.headers, body: Buffer.concat(chunks) });
        req.socket.destroy();
      });
      req.once("end", () => {
        if (chunks.length === 0) {
          this.requests.push({ method, path, headers: req.headers, body: Buffer.alloc(0) });
          req.socket.destroy();
        }
      });
      return;
    }
    const body = await readBody(req);
    let json: unknown;
    if (body.length > 0 && String(req.headers["content-type"]).includes("json")) {
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        json = undefined;
      }
    }
    this.requests.push({ method, path, headers: req.headers, body, json });
    if (fault && !fault.after) return send(res, fault.status, fault.body ?? { errors: [{ status: String(fault.status), title: "injected" }] }, fault.headers);
    if (fault?.after) {
      // Act on the request, then lose the answer.
      const lost = { writeHead: () => ({ end: () => undefined }), end: () => undefined } as unknown as http.ServerResponse;
      if (path.startsWith("/api/v2/")) this.api(method, path.slice("/api/v2".length), json, lost);
      return send(res, fault.status, fault.body ?? { errors: [{ status: String(fault.status), title: "bad gateway" }] }, fault.headers);
    }

    if (path.startsWith("/upload/")) return this.upload(method, path, req, res, body);
    if (!path.startsWith("/api/v2/")) return send(res, 404, { errors: [{ status: "404", title: "not found" }] });
    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      return send(res, 401, { errors: [{ status: "401", title: "unauthorized" }] });
    }
    if (method !== "GET" && req.headers["content-type"] !== "application/vnd.api+json") {
      return send(res, 415, { errors: [{ status: "415", title: "unsupported media type" }] });
    }
    return this.api(method, path.slice("/api/v2".length), json, res);
  }

  private api(method: string, path: string, json: any, res: http.ServerResponse): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    const org = this.options.organization ?? "acme";
    let m: RegExpExecArray | null;
    if (method === "GET" && (m = /^\/organizations\/([^/]+)\/workspaces\/([^/?]+)$/.exec(path))) {
      const ws = decodeURIComponent(m[1]) === org ? this.workspaces.get(decodeURIComponent(m[2])) : undefined;
      if (!ws) return notFound(res);
      // "current_configuration_version - The last configuration this workspace received, excluding
      // plan-only configurations" (workspaces API, Available Related Resources).
      const current = [...this.cvs.values()].filter((cv) => cv.workspaceId === ws.id && !cv.speculative).pop();
      return send(res, 200, {
        data: {
          id: ws.id,
          type: "workspaces",
          attributes: ws.attributes,
          relationships: { "current-configuration-version": { data: current ? { id: current.id, type: "configuration-versions" } : null } },
        },
      });
    }
    if (method === "GET" && (m = /^\/workspaces\/([^/?]+)\?include=locked_by$/.exec(path))) {
      const ws = [...this.workspaces.values()].find((w) => w.id === m![1]);
      if (!ws) return notFound(res);
      const lock = this.options.locks?.[ws.name];
      const user = lock ? { id: `user-${lock.user}`, type: "users" } : null;
      return send(res, 200, {
        data: { id: ws.id, type: "workspaces", attributes: { ...ws.attributes, locked: !!lock, "locked-reason": lock?.reason ?? "" }, relationships: { "locked-by": { data: user } } },
        ...(lock ? { included: [{ ...user, attributes: { username: lock.user } }] } : {}),
      });
    }
    if (method === "POST" && (m = /^\/organizations\/([^/]+)\/workspaces$/.exec(path))) {
      const a = json?.data?.attributes;
      if (json?.data?.type !== "workspaces" || typeof a?.name !== "string") return invalid(res, "data.type must be workspaces with attributes.name");
      if (this.workspaces.has(a.name)) return invalid(res, "name has already been taken");
      const id = this.addWorkspace(a.name);
      this.workspaces.get(a.name)!.attributes = a;
      this.workspaces.get(a.name)!.project = json.data.relationships?.project?.data?.id;
      return send(res, 201, { data: { id, type: "workspaces", attributes: a } });
    }
    if (method === "GET" && (m = /^\/organizations\/([^/]+)\/workspaces\?(.*)$/.exec(path))) {
      // search[wildcard-name] with a leading or trailing * (go-tfe WorkspaceListOptions),
      // filter[project][id], page[number] and page[size] (workspaces API, list-workspaces).
      const query = new URLSearchParams(m[2]);
      const wildcard = query.get("search[wildcard-name]") ?? "*";
      const pattern = new RegExp(`^${wildcard.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
      const project = query.get("filter[project][id]");
      const all = decodeURIComponent(m[1]) !== org ? [] : [...this.workspaces.values()].filter((w) => pattern.test(w.name) && (!project || w.project === project));
      const size = Math.min(Number(query.get("page[size]") ?? 20), this.options.listPageSize ?? 100);
      const page = Number(query.get("page[number]") ?? 1);
      const slice = all.slice((page - 1) * size, page * size);
      const next = page * size < all.length ? page + 1 : null;
      return send(res, 200, {
        data: slice.map((w) => ({ id: w.id, type: "workspaces", attributes: w.attributes })),
        meta: { pagination: { "current-page": page, "next-page": next, "total-count": all.length } },
      });
    }
    if (method === "GET" && (m = /^\/organizations\/([^/]+)\/projects\?filter%5Bnames%5D=(.+)$/.exec(path))) {
      // filter[names] matches names case-insensitively (projects API, list-projects); the answer
      // carries each project's own spelling.
      const wanted = decodeURIComponent(m[2]).toLowerCase();
      const found = Object.entries(this.options.projects ?? {}).filter(([name]) => name.toLowerCase() === wanted);
      return send(res, 200, { data: found.map(([name, id]) => ({ id, type: "projects", attributes: { name } })) });
    }
    if (method === "GET" && (m = /^\/workspaces\/([^/?]+)\/runs\?(.*)$/.exec(path))) {
      const query = new URLSearchParams(m[2]);
      const ops = (query.get("filter[operation]") ?? "plan_and_apply,destroy").split(",");
      const nonFinal = query.get("filter[status_group]") === "non_final";
      const wsId = m[1];
      const list = [...this.runs.values()]
        .filter((r) => r.workspaceId === wsId && ops.includes(r.planOnly ? "plan_only" : r.isDestroy ? "destroy" : "plan_and_apply"))
        .map((r) => ({ r, status: this.runStatus(r, false) }))
        .filter(({ status }) => !nonFinal || !DONE.has(status))
        .sort((a, b) => b.r.seq - a.r.seq);
      return send(res, 200, { data: list.map(({ r, status }) => this.runJson(r, status)) });
    }
    if (method === "GET" && (m = /^\/workspaces\/([^/]+)\/configuration-versions$/.exec(path))) {
      const list = [...this.cvs.values()].filter((cv) => cv.workspaceId === m![1]).reverse();
      return send(res, 200, {
        data: list.map((cv) => ({
          id: cv.id,
          type: "configuration-versions",
          // No upload-url: "The upload-url attribute is only provided in the response when creating
          // configuration versions" (configuration-versions API, Configuration Files Upload URL).
          attributes: { status: cv.status === "uploading" ? "pending" : cv.status, speculative: cv.speculative },
        })),
      });
    }
    if (method === "POST" && (m = /^\/workspaces\/([^/]+)\/run-triggers$/.exec(path))) {
      const source = json?.data?.relationships?.sourceable?.data;
      if (source?.type !== "workspaces" || typeof source.id !== "string") return invalid(res, "relationships.sourceable must be a workspace");
      if (this.runTriggers.some((t) => t.workspaceId === m![1] && t.sourceId === source.id)) return invalid(res, "sourceable has already been taken");
      this.runTriggers.push({ workspaceId: m[1], sourceId: source.id });
      return send(res, 201, { data: { id: `rt-${++this.seq}`, type: "run-triggers", relationships: { sourceable: { data: source } } } });
    }
    if (method === "GET" && (m = /^\/workspaces\/([^/]+)\/run-triggers\?filter%5Brun-trigger%5D%5Btype%5D=inbound$/.exec(path))) {
      const list = this.runTriggers.filter((t) => t.workspaceId === m![1]);
      return send(res, 200, { data: list.map((t, i) => ({ id: `rt-${i}`, type: "run-triggers", relationships: { sourceable: { data: { id: t.sourceId, type: "workspaces" } } } })) });
    }
    if (method === "POST" && (m = /^\/workspaces\/([^/]+)\/actions\/safe-delete$/.exec(path))) {
      const entry = [...this.workspaces.entries()].find(([, w]) => w.id === m![1]);
      if (!entry) return notFound(res);
      // go-tfe errors.go ErrWorkspaceNotSafeToDelete: 409 while the workspace manages resources.
      if (Number(entry[1].attributes["resource-count"] ?? 0) > 0) {
        return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "workspace cannot be safely deleted because it is still managing resources" }] });
      }
      this.workspaces.delete(entry[0]);
      this.deleted.push(entry[0]);
      res.writeHead(204).end();
      return;
    }
    if (method === "POST" && (m = /^\/runs\/([^/]+)\/actions\/(apply|discard)$/.exec(path))) {
      const run = this.runs.get(m[1]);
      if (!run) return notFound(res);
      const status = this.runStatus(run, false);
      const confirmable = this.runJson(run, status).attributes.actions["is-confirmable"];
      if (m[2] === "apply") {
        if (!confirmable) return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "run is not paused for confirmation" }] });
        run.applyPolls = 0;
      } else {
        if (!confirmable && status !== "pending") return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "run cannot be discarded" }] });
        run.fixed = "discarded";
      }
      res.writeHead(202).end();
      return;
    }
    if (method === "POST" && (m = /^\/workspaces\/([^/]+)\/relationships\/remote-state-consumers$/.exec(path))) {
      if (!Array.isArray(json?.data) || json.data.some((d: { type?: string }) => d.type !== "workspaces")) return invalid(res, "data must list workspaces");
      this.consumers.set(m[1], [...(this.consumers.get(m[1]) ?? []), ...json.data.map((d: { id: string }) => d.id)]);
      res.writeHead(204).end();
      return;
    }
    if (method === "POST" && (m = /^\/workspaces\/([^/]+)\/configuration-versions$/.exec(path))) {
      const wsId = m[1];
      if (![...this.workspaces.values()].some((w) => w.id === wsId)) return notFound(res);
      if (json?.data?.type !== "configuration-versions") return invalid(res, "data.type must be configuration-versions");
      const id = `cv-${++this.seq}`;
      const cv: Cv = { id, workspaceId: wsId, status: "pending", polls: 0, speculative: json.data.attributes?.speculative === true };
      this.cvs.set(id, cv);
      return send(res, 201, {
        data: { id, type: "configuration-versions", attributes: { status: "pending", "upload-url": this.uploadUrl(id), ...json.data.attributes } },
      });
    }
    if (method === "GET" && (m = /^\/configuration-versions\/([^/]+)$/.exec(path))) {
      const cv = this.cvs.get(m[1]);
      if (!cv) return notFound(res);
      if (cv.status === "uploading" && ++cv.polls > (this.options.pendingPolls ?? 1)) cv.status = this.options.uploadError ? "errored" : "uploaded";
      const error = cv.status === "errored" ? { error: "unprocessable", "error-message": this.options.uploadError } : {};
      return send(res, 200, { data: { id: cv.id, type: "configuration-versions", attributes: { status: cv.status === "uploading" ? "pending" : cv.status, ...error } } });
    }
    if (method === "POST" && path === "/runs") {
      const rel = json?.data?.relationships;
      const wsId = rel?.workspace?.data?.id;
      const cvId = rel?.["configuration-version"]?.data?.id;
      const cv = cvId ? this.cvs.get(cvId) : undefined;
      const isDestroy = json?.data?.attributes?.["is-destroy"] === true;
      // Without a configuration version a run uses the workspace's latest (runs API, create-a-run).
      if (json?.data?.type !== "runs" || !wsId || (cvId && !cv) || (!cvId && !isDestroy)) return invalid(res, "runs need workspace and configuration-version relationships");
      if (cv && cv.status !== "uploaded") return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "configuration version is not uploaded" }] });
      const planOnly = json.data.attributes?.["plan-only"] === true;
      if (cv?.speculative && !planOnly) return invalid(res, "a speculative configuration version only allows plan-only runs");
      const id = `run-${++this.seq}`;
      const attr = json.data.attributes?.["auto-apply"];
      const run: FakeRun = { id, seq: this.seq, workspaceId: wsId, cvId, planOnly, isDestroy, autoApplyAttr: typeof attr === "boolean" ? attr : undefined, message: String(json.data.attributes?.message ?? ""), polls: 0 };
      this.runs.set(id, run);
      return send(res, 201, { data: this.runJson(run, "pending") });
    }
    if (method === "GET" && (m = /^\/runs\/([^/?]+)(\?include=plan%2Cworkspace)?$/.exec(path))) {
      const run = this.runs.get(m[1]);
      if (!run) return notFound(res);
      const status = this.runStatus(run, true);
      const counts = this.options.planCounts ?? { add: 1, change: 0, destroy: 0 };
      const planned = !["pending", "planning"].includes(status);
      const ws = [...this.workspaces.values()].find((w) => w.id === run.workspaceId);
      const included = m[2]
        ? [
            { id: `plan-${run.id}`, type: "plans", attributes: planned ? { status: "finished", "resource-additions": counts.add, "resource-changes": counts.change, "resource-destructions": counts.destroy } : { status: "running", "resource-additions": null } },
            ...(ws ? [{ id: ws.id, type: "workspaces", attributes: { name: ws.name }, relationships: { organization: { data: { id: this.options.organization ?? "acme", type: "organizations" } } } }] : []),
          ]
        : undefined;
      return send(res, 200, { data: this.runJson(run, status), ...(included ? { included } : {}) });
    }
    return notFound(res);
  }

  private uploadUrl(id: string): string {
    return `${this.address}/upload/${id}?secret=one-time-${id}`;
  }

  private async upload(method: string, path: string, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const id = /^\/upload\/([^/?]+)/.exec(path)?.[1] ?? "";
    const cv = this.cvs.get(id);
    if (method !== "PUT" || !cv) return notFound(res);
    if (req.headers.authorization) return send(res, 400, { errors: [{ status: "400", title: "upload urls take no token" }] });
    if (cv.status !== "pending") return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "already uploaded" }] });
    this.uploadsInFlight++;
    this.maxUploadsInFlight = Math.max(this.maxUploadsInFlight, this.uploadsInFlight);
    const barrier = this.options.uploadBarrier ?? Infinity;
    for (let waited = 0; waited < (this.options.uploadHoldMs ?? 0) && this.uploadsInFlight < barrier; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.uploadsInFlight--;
    this.uploads.set(id, body);
    cv.status = "uploading";
    res.writeHead(200).end();
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/vnd.api+json", ...headers }).end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse): void {
  send(res, 404, { errors: [{ status: "404", title: "not found" }] });
}

function invalid(res: http.ServerResponse, detail: string): void {
  send(res, 422, { errors: [{ status: "422", title: "invalid attribute", detail }] });
}
