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

export type Fault =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | { readonly reset: true };

export interface FakeTfcOptions {
  readonly token: string;
  readonly organization?: string;
  /** Workspaces that exist at start. */
  readonly workspaces?: readonly string[];
  /** Projects that exist, by name. */
  readonly projects?: Readonly<Record<string, string>>;
  /** Statuses a run goes through, one per `GET /runs/:id`; the last sticks. @default ["planning", "planned_and_finished"] */
  readonly runStatuses?: readonly string[];
  /** `GET /configuration-versions/:id` answers `pending` this many times after the upload. @default 1 */
  readonly pendingPolls?: number;
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

export class FakeTfc {
  readonly requests: RecordedRequest[] = [];
  readonly workspaces = new Map<string, { id: string; name: string; attributes: Record<string, unknown> }>();
  readonly consumers = new Map<string, string[]>();
  readonly uploads = new Map<string, Buffer>();
  readonly runs = new Map<string, { id: string; polls: number; planOnly: boolean; workspaceId: string }>();
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
    this.workspaces.set(name, { id, name, attributes: { name } });
    return id;
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
    if (fault) return send(res, fault.status, fault.body ?? { errors: [{ status: String(fault.status), title: "injected" }] }, fault.headers);

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
      return ws ? send(res, 200, { data: { id: ws.id, type: "workspaces", attributes: ws.attributes } }) : notFound(res);
    }
    if (method === "POST" && (m = /^\/organizations\/([^/]+)\/workspaces$/.exec(path))) {
      const a = json?.data?.attributes;
      if (json?.data?.type !== "workspaces" || typeof a?.name !== "string") return invalid(res, "data.type must be workspaces with attributes.name");
      if (this.workspaces.has(a.name)) return invalid(res, "name has already been taken");
      const id = this.addWorkspace(a.name);
      this.workspaces.get(a.name)!.attributes = a;
      return send(res, 201, { data: { id, type: "workspaces", attributes: a } });
    }
    if (method === "GET" && (m = /^\/organizations\/([^/]+)\/projects\?filter%5Bnames%5D=(.+)$/.exec(path))) {
      const name = decodeURIComponent(m[2]);
      const id = this.options.projects?.[name];
      return send(res, 200, { data: id ? [{ id, type: "projects", attributes: { name } }] : [] });
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
        data: { id, type: "configuration-versions", attributes: { status: "pending", "upload-url": `${this.address}/upload/${id}?secret=one-time-${id}`, ...json.data.attributes } },
      });
    }
    if (method === "GET" && (m = /^\/configuration-versions\/([^/]+)$/.exec(path))) {
      const cv = this.cvs.get(m[1]);
      if (!cv) return notFound(res);
      if (cv.status === "uploading" && ++cv.polls > (this.options.pendingPolls ?? 1)) cv.status = "uploaded";
      return send(res, 200, { data: { id: cv.id, type: "configuration-versions", attributes: { status: cv.status === "uploading" ? "pending" : cv.status } } });
    }
    if (method === "POST" && path === "/runs") {
      const rel = json?.data?.relationships;
      const wsId = rel?.workspace?.data?.id;
      const cv = this.cvs.get(rel?.["configuration-version"]?.data?.id);
      if (json?.data?.type !== "runs" || !wsId || !cv) return invalid(res, "runs need workspace and configuration-version relationships");
      if (cv.status !== "uploaded") return send(res, 409, { errors: [{ status: "409", title: "conflict", detail: "configuration version is not uploaded" }] });
      const planOnly = json.data.attributes?.["plan-only"] === true;
      if (cv.speculative && !planOnly) return invalid(res, "a speculative configuration version only allows plan-only runs");
      const id = `run-${++this.seq}`;
      this.runs.set(id, { id, polls: 0, planOnly, workspaceId: wsId });
      return send(res, 201, { data: { id, type: "runs", attributes: { status: "pending", "plan-only": planOnly, actions: { "is-confirmable": false } } } });
    }
    if (method === "GET" && (m = /^\/runs\/([^/]+)$/.exec(path))) {
      const run = this.runs.get(m[1]);
      if (!run) return notFound(res);
      const statuses = this.options.runStatuses ?? ["planning", "planned_and_finished"];
      const status = statuses[Math.min(run.polls++, statuses.length - 1)];
      const confirmable = status === "planned" && !run.planOnly;
      return send(res, 200, { data: { id: run.id, type: "runs", attributes: { status, actions: { "is-confirmable": confirmable } } } });
    }
    return notFound(res);
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
