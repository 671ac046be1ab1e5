import { EdgeConfigError } from "../errors";

/**
 * Checks an `EDGE_SITES` selection against the sites there are: an empty selection
 * (`EDGE_SITES=","`), an unknown name and a name given twice are errors.
 */
export function siteSelectionErrors(
  wanted: readonly string[],
  known: readonly string[],
): EdgeConfigError[] {
  const raw = process.env.EDGE_SITES ?? wanted.join(",");
  const base = { path: "EDGE_SITES", file: "command line" } as const;
  if (wanted.length === 0) {
    return [
      new EdgeConfigError({
        ...base,
        code: "EDGE_SITES_EMPTY",
        value: raw,
        problem: "the selection names no site",
        fix: `name sites separated by commas, such as "${known.slice(0, 2).join(",")}", or unset EDGE_SITES for every site`,
      }),
    ];
  }
  const errors: EdgeConfigError[] = [];
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    errors.push(
      new EdgeConfigError({
        ...base,
        code: "EDGE_SITE_UNKNOWN",
        value: unknown.join(","),
        problem: `no site named ${unknown.join(", ")}`,
        fix: `use one of ${known.join(", ")}`,
      }),
    );
  }
  const twice = [...new Set(wanted.filter((n, i) => wanted.indexOf(n) !== i))];
  for (const name of twice) {
    errors.push(
      new EdgeConfigError({
        ...base,
        code: "EDGE_SITES_DUPLICATE",
        value: raw,
        problem: `site ${name} is named more than once`,
        fix: `name each site once, such as "${[...new Set(wanted)].join(",")}"`,
      }),
    );
  }
  return errors;
}
