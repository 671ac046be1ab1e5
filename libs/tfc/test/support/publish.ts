import { formatResults, publishStacks, type PublishOptions } from "../../src/lib/publisher";
import { findStacks, listStacks } from "../../src/lib/stacks";
import { FakeTfc, type FakeTfcOptions } from "./fake-tfc";
import { makeOutdir, type StackSpec } from "./stacks";

export const TOKEN = "tfc-test-token.atlasv1.0123456789abcdef";

/** A fake server, a publish call against it, and everything it printed. */
export async function publish(
  specs: readonly StackSpec[],
  opts: {
    server?: Partial<FakeTfcOptions>;
    publish?: Partial<PublishOptions>;
    retry?: PublishOptions["retry"];
    sites?: string[];
    /** @default "dev" */
    env?: string;
    setup?: (fake: FakeTfc) => void;
  } = {},
) {
  const outdir = makeOutdir(specs);
  const fake = new FakeTfc({ token: TOKEN, organization: "acme", ...opts.server });
  await fake.start();
  opts.setup?.(fake);
  const lines: string[] = [];
  const retryDelays: number[] = [];
  try {
    const stacks = findStacks(outdir, opts.env ?? "dev", opts.sites);
    const results = await publishStacks(stacks, {
      organization: "acme",
      workspacePrefix: "edge",
      token: TOKEN,
      address: fake.address,
      allStacks: listStacks(outdir, opts.env ?? "dev"),
      uploadPollMs: 1,
      runPollMs: 1,
      sleep: async () => undefined,
      retry: { sleep: async (ms) => void retryDelays.push(ms), random: () => 0.5, ...opts.retry },
      log: (line) => lines.push(line),
      ...opts.publish,
    });
    return { fake, results, lines, retryDelays, outdir, table: formatResults(results) };
  } finally {
    await fake.stop();
  }
}

