import { AuroraPostgresStack } from "../../examples/aurora-postgres";
import { Testing } from "../../lib/private/cdktf";
import { type BenchRow, type BenchSuite, medianMs } from "../harness";
import { RawAuroraStack } from "./raw-aurora-stack";

/** The plan with logical ids replaced by their order, so two equivalent stacks compare equal. */
function normalized(json: string): string {
  let text = json;
  const doc = JSON.parse(json) as { resource: Record<string, Record<string, unknown>> };
  for (const [type, byName] of Object.entries(doc.resource))
    Object.keys(byName)
      .sort()
      .forEach((name, i) => {
        text = text.replaceAll(`"${name}"`, `"${type}-${i}"`).replaceAll(`${type}.${name}`, `${type}.${type}-${i}`);
      });
  return text;
}

export const synthRatioSuite: BenchSuite = {
  name: "synth",
  async run(): Promise<BenchRow[]> {
    const ours = () => Testing.synth(new AuroraPostgresStack(Testing.app(), "aurora-postgres", { databaseOnly: true }), true);
    const raw = () => Testing.synth(new RawAuroraStack(Testing.app(), "raw"), true);
    // The baseline must synthesize the very same plan, or the ratio compares different work.
    if (normalized(ours()) !== normalized(raw()))
      throw new Error("the raw baseline no longer synthesizes the same plan as the example; update bench/suites/raw-aurora-stack.ts");
    // Interleave the two so drift in machine load hits both alike.
    const oursMs: number[] = [];
    const rawMs: number[] = [];
    for (let round = 0; round < 11; round++) {
      oursMs.push(await medianMs(ours, 9, 2));
      rawMs.push(await medianMs(raw, 9, 2));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const ratio = med(oursMs) / med(rawMs);
    return [
      { name: "synth example via MultiAzDatabase", value: med(oursMs), unit: "ms", note: "validations on" },
      { name: "synth same resources via raw provider classes", value: med(rawMs), unit: "ms" },
      { name: "constructs ÷ raw", value: ratio, unit: "×", goal: { atMost: 1.2 }, note: "11 interleaved rounds × median of 9" },
    ];
  },
};
