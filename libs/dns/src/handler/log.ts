/** One structured log line. */
export type LogEntry = Record<string, unknown>;

/** Where log lines go. */
export type Logger = (entry: LogEntry) => void;

/**
 * Writes one JSON object per line to stdout, which Lambda sends to the function's log group as
 * is, so CloudWatch Logs Insights discovers the fields without parsing.
 */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};
