/**
 * What a user reads when an API call fails for good (after the retries): the workspace, the call,
 * the HTTP status and its meaning, Terraform Cloud's own error detail, and what to do, as a
 * {@link TfcPublishError} with a stable code: `EDGE_TFC_API` (an HTTP answer) or
 * `EDGE_TFC_NETWORK` (no answer at all).
 */
import { TfcApiError, TfcTransportError } from "./api-error";
import { tokenVariableName } from "./credentials";
import { TfcPublishError } from "./publish-error";

/** Where the failed call was made. */
export interface ApiFailureContext {
  /** What the call was for, e.g. `workspace edge-region-hub-staging in organization acme`. */
  readonly subject: string;
  /** The workspace's name, when the call concerned one. */
  readonly workspace?: string;
  readonly organization: string;
  readonly hostname: string;
  /** API base address, without `/api/v2`. */
  readonly address: string;
  /** The command run again to retry (`publish`, `destroy`, `wait`). @default "publish" */
  readonly again?: string;
}

/** The error a failed call becomes; anything else is returned unchanged. */
export function explainApiFailure(err: unknown, ctx: ApiFailureContext): unknown {
  if (err instanceof TfcTransportError) {
    return new TfcPublishError(
      "EDGE_TFC_NETWORK",
      `${ctx.subject}: ${err.message}`,
      `check the network and any proxy between here and ${ctx.address} (--address, --hostname), or raise --request-timeout, then ${again(ctx)}`,
    );
  }
  if (!(err instanceof TfcApiError)) return err;
  return new TfcPublishError("EDGE_TFC_API", `${ctx.subject}: ${err.message}`, fixFor(err, ctx));
}

function again(ctx: ApiFailureContext): string {
  return ctx.again === "wait" ? "wait again" : `${ctx.again ?? "publish"} again`;
}

function fixFor(err: TfcApiError, ctx: ApiFailureContext): string {
  const ws = ctx.workspace ? `workspace ${ctx.workspace}` : "the workspaces";
  switch (err.status) {
    case 401: {
      // "The 401 status code is reserved for problems with the authentication token" (api-docs, Authentication).
      const variable = tokenVariableName(ctx.hostname);
      return `set a valid team or user token for ${ctx.hostname} in ${variable ?? "the terraform credentials file"} (or run terraform login ${ctx.hostname}), then ${again(ctx)}`;
    }
    case 403:
    case 404:
      if (ctx.again === "wait") return "check the run id (and --hostname, --address), and that the token's team may read runs of its workspace";
      // "forbidden requests with a valid token result in a 404" (api-docs, Authentication); runs and
      // configuration versions "cannot be accessed with organization tokens" (run, configuration-versions).
      return `give the token's team access to ${ws} (or its project) in organization ${ctx.organization}; an organization token cannot create configuration versions or runs, so use a team or user token`;
    case 409:
      if (err.path.endsWith("/actions/safe-delete")) {
        // go-tfe errors.go: ErrWorkspaceNotSafeToDelete, ErrWorkspaceLockedCannotDelete.
        return `Terraform Cloud safe-deletes only an unlocked workspace that manages no resources: open ${ctx.workspace ?? "it"}, unlock it or check what its state still holds, then run destroy again`;
      }
      if (/\/actions\/(apply|discard)$/.test(err.path)) return "the run no longer waits for confirmation: open it in Terraform Cloud to see what moved it on";
      return `open ${ws} in Terraform Cloud, unlock it (Actions > Unlock workspace, or Settings > Locking) or let its current run finish, then ${again(ctx)}`;
    case 429:
      // api-docs, Rate limits: 30 requests a second per user; run#list-runs-in-a-workspace: 30 a minute.
      return `Terraform Cloud allows 30 requests a second per user (listing runs: 30 a minute), shared by every job using the same team token: ${again(ctx)} in a minute, or with a lower --concurrency`;
    default:
      if (err.status >= 500) {
        const harmless = (ctx.again ?? "publish") === "publish" ? " (stacks already published upload again harmlessly)" : "";
        return `Terraform Cloud failed on every attempt: check https://status.hashicorp.com, then ${again(ctx)}${harmless}`;
      }
      return `correct what Terraform Cloud's detail names (in parentheses), then ${again(ctx)}`;
  }
}
