import { Token } from "cdktf";
import type { IConstruct } from "constructs";
import { deferConfigErrors } from "./validation/deferred-errors";

/** Fields of one configuration problem. */
export interface EdgeConfigErrorProps {
  /** Stable, greppable code such as `EDGE_ZONE_REGION`. */
  readonly code: string;
  /** Config path of the offending value, such as `environments.prod.vpc.cidr`. */
  readonly path: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** What is wrong: lowercase, no final period. */
  readonly problem: string;
  /** How to fix it: lowercase, no final period. */
  readonly fix: string;
  /**
   * Construct path of the construct that rejected the value, such as `region-hub-dev/edge-endpoint`:
   * where in the code, next to where in the config (`path`).
   * @default - not known (the value was rejected before any construct, e.g. by the site schema)
   */
  readonly constructPath?: string;
  /**
   * Repository file the value is written in (the environment catalog, or `apps/<site>/src/site.ts`).
   * @default - set by the synth runner from where the error arose
   */
  readonly file?: string;
}

/**
 * The one error type for bad input. It is raised before any resource is created and is printed
 * by the synth entry point without a stack trace.
 */
export class EdgeConfigError extends Error {
  readonly code: string;
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
  readonly constructPath?: string;
  readonly file?: string;

  constructor(props: EdgeConfigErrorProps) {
    super(
      `${props.code} at ${props.path}: ${props.problem} (got ${describeValue(props.value)}); fix: ${props.fix}`,
    );
    this.name = "EdgeConfigError";
    this.code = props.code;
    this.path = props.path;
    this.value = props.value;
    this.problem = props.problem;
    this.fix = props.fix;
    if (props.constructPath !== undefined) this.constructPath = props.constructPath;
    if (props.file !== undefined) this.file = props.file;
  }

  /** This error, rejected by the construct at `constructPath` (kept if it already names one). */
  at(constructPath: string): EdgeConfigError {
    if (this.constructPath !== undefined) return this;
    return this.with({ constructPath });
  }

  /** The fields of this error, to build a corrected copy. */
  toProps(): EdgeConfigErrorProps {
    return {
      code: this.code,
      path: this.path,
      value: this.value,
      problem: this.problem,
      fix: this.fix,
      ...(this.constructPath !== undefined ? { constructPath: this.constructPath } : {}),
      ...(this.file !== undefined ? { file: this.file } : {}),
    };
  }

  /** A copy with some fields replaced (a path and file re-pointed at where the user wrote the value). */
  with(changes: Partial<EdgeConfigErrorProps>): EdgeConfigError {
    return new EdgeConfigError({ ...this.toProps(), ...changes });
  }

  /** This error, naming `file` unless it already names one. */
  inFile(file: string): EdgeConfigError {
    return this.file !== undefined ? this : this.with({ file });
  }

  /** Multi-line rendering for terminals. */
  format(prefix?: string): string {
    const head = prefix ? `${prefix}: ` : "";
    return [
      `${head}error ${this.code} at ${this.path}`,
      ...(this.file !== undefined ? [`  file:  ${this.file}`] : []),
      `  ${this.problem}`,
      `  value: ${describeValue(this.value)}`,
      `  fix:   ${this.fix}`,
      ...(this.constructPath !== undefined ? [`  construct: ${this.constructPath}`] : []),
    ].join("\n");
  }
}

/** Renders a config value for an error message, short and unambiguous. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * Flattens what a failed synth threw into the config errors it carries. Anything else is a bug,
 * not bad input, and is returned as `undefined` so the caller can rethrow it.
 */
export function configErrorsOf(err: unknown): EdgeConfigError[] | undefined {
  if (err instanceof EdgeConfigError) return [err];
  if (err instanceof AggregateError && err.errors.every((e) => e instanceof EdgeConfigError)) {
    return err.errors as EdgeConfigError[];
  }
  return undefined;
}

/** Throws the collected errors: one as itself, several as an `AggregateError`. */
export function throwAll(errors: readonly EdgeConfigError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} configuration errors`);
}

/**
 * Collects problems so that a construct reports all of its bad props at once, then throws.
 * Unresolved tokens are never checked: their value is only known at apply time.
 */
export class ConfigCheck {
  private readonly errors: EdgeConfigError[] = [];

  /**
   * @param constructPath construct path of the construct whose props are checked: every error
   *   recorded here names it (`EdgeConfigError.constructPath`) besides the config path
   */
  constructor(private readonly constructPath?: string) {}

  /** Records an error. */
  fail(props: EdgeConfigErrorProps): this {
    this.errors.push(this.stamp(new EdgeConfigError(props)));
    return this;
  }

  private stamp(error: EdgeConfigError): EdgeConfigError {
    return this.constructPath === undefined ? error : error.at(this.constructPath);
  }

  /** Records an error when `ok` is false and the value is a literal. */
  expect(ok: boolean, props: EdgeConfigErrorProps): this {
    if (!ok && !isUnresolved(props.value)) this.fail(props);
    return this;
  }

  /** Runs a check that may throw config errors and keeps them. */
  collect(fn: () => void): this {
    try {
      fn();
    } catch (err) {
      const found = configErrorsOf(err);
      if (!found) throw err;
      this.errors.push(...found.map((e) => this.stamp(e)));
    }
    return this;
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /**
   * Throws everything recorded so far, if anything. While the synth runner collects a site's
   * errors, they are recorded with it instead and the construct goes on building, so the
   * constructs after it report their errors in the same run.
   */
  throwIfFailed(): void {
    if (this.errors.length > 0 && deferConfigErrors(this.errors)) return;
    throwAll(this.errors);
  }
}

/** True for values that contain cdktf tokens (known only at apply time). */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  return false;
}

/**
 * Runs the props validation of construct `scope`: the config errors it throws name the
 * construct's path besides the config path. Anything else is rethrown as it is.
 */
export function validateFor<T>(scope: IConstruct, validate: () => T): T {
  try {
    return validate();
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    throwAll(found.map((e) => e.at(scope.node.path)));
    throw err;
  }
}
