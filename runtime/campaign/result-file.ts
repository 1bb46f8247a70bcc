/**
 * A campaign's result file: what one run (a shard, or a whole campaign) found, unit by unit, so
 * results computed on different machines can be combined into the summary of the campaign they
 * are parts of. Written by `campaign --shard k/n` (and `--result`), read by `campaign merge`.
 *
 * It records the campaign's definition (plans, scenarios, seeds, profile, BUGGIFY, planted bugs),
 * the SHA-256 of each plan as read, the package version, the shard, the scenarios not run on a plan
 * (they reach nothing it holds) with why, and per run its unit number,
 * seed, verdict, kernel events, virtual time, failovers, worst client outage and trace hash; the
 * rare-path coverage is summed over the file's runs (sums add up across shards). Merging refuses
 * files that are not parts of one campaign, names what differs, and names missing shards.
 */
import { z } from "zod";
import { type CoverageRecord, mergeCoverage } from "../sim/coverage";
import { type CampaignNotRun, type CampaignSummary, campaignUnits, type InternalCampaignOptions, summarize } from "./campaign";
import type { UnitOutcome } from "./run-unit";
import type { Shard } from "./shard";

export const CAMPAIGN_RESULT_FORMAT = "cdktf-resilience/campaign-result@2";

/** What makes two runs parts of the same campaign. */
export interface CampaignDefinition {
  readonly plans: readonly string[];
  readonly scenarios: readonly string[];
  readonly seeds: number;
  readonly firstSeed: number;
  readonly profile: "realistic" | "fast";
  readonly buggify: boolean;
  readonly mutants: readonly string[];
}

/** One run in a result file. */
export interface ResultRun {
  /** The unit's number in the campaign's plan → scenario → seed order, from 0. */
  readonly unit: number;
  readonly seed: number;
  readonly ok: boolean;
  /** False when the run judged nothing (the scenario reached nothing the plan holds). */
  readonly judged: boolean;
  readonly events: number;
  readonly virtualDurationMs: number;
  readonly failovers: number;
  readonly clientOutageMsMax: number;
  readonly traceHash: string;
  readonly failure?: UnitOutcome["failure"];
}

export interface CampaignResult {
  readonly format: typeof CAMPAIGN_RESULT_FORMAT;
  /** The cdktf-resilience version that ran it. */
  readonly version: string;
  readonly campaign: CampaignDefinition;
  /** SHA-256 (hex) of each plan file as read, by the path given. */
  readonly planSha256: Readonly<Record<string, string>>;
  /** Units in the whole campaign (the pairs in `notRun` have none). */
  readonly units: number;
  /**
   * Scenarios not run on a plan, and why: every shard looks them up alike, so they number the units
   * alike; a merge refuses shards that disagree.
   */
  readonly notRun: readonly CampaignNotRun[];
  readonly shard: Shard;
  readonly runs: readonly ResultRun[];
  /** Coverage summed over `runs`. */
  readonly coverage: CoverageRecord;
}

/** A result file that cannot be read, or files that cannot be merged: which file, what, and the fix. */
export class CampaignResultError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file} ${problem}.\nFix: ${fix}`);
    this.name = "CampaignResultError";
  }
}

/** The definition of the campaign `o` describes. */
export function definitionOf(o: InternalCampaignOptions): CampaignDefinition {
  return {
    plans: [...o.plans],
    scenarios: [...o.scenarios],
    seeds: o.seeds,
    firstSeed: o.firstSeed ?? 1,
    profile: o.profile ?? "realistic",
    buggify: o.buggify !== false,
    mutants: [...(o.mutants ?? [])],
  };
}

/** A result file for `outcomes` (each with its unit number) of the campaign `o`. */
export function campaignResult(
  o: InternalCampaignOptions,
  shard: Shard,
  outcomes: readonly { readonly unit: number; readonly outcome: UnitOutcome }[],
  planSha256: Readonly<Record<string, string>>,
  version: string,
  notRun: readonly CampaignNotRun[],
): CampaignResult {
  const definition = definitionOf(o);
  return {
    format: CAMPAIGN_RESULT_FORMAT,
    version,
    campaign: definition,
    planSha256,
    units: campaignUnits(definition, notRun).length,
    notRun: [...notRun],
    shard,
    runs: outcomes.map(({ unit, outcome: x }) => ({
      unit,
      seed: x.unit.seed,
      ok: x.ok,
      judged: x.judged,
      events: x.events,
      virtualDurationMs: x.virtualDurationMs,
      failovers: x.failovers,
      clientOutageMsMax: x.clientOutageMsMax,
      traceHash: x.traceHash,
      ...(x.failure ? { failure: x.failure } : {}),
    })),
    coverage: mergeCoverage(...outcomes.map((x) => x.outcome.coverage)),
  };
}

const count = z.number().int().nonnegative();
const schema = z.strictObject({
  format: z.literal(CAMPAIGN_RESULT_FORMAT),
  version: z.string(),
  campaign: z.strictObject({
    plans: z.array(z.string()).min(1),
    scenarios: z.array(z.string()).min(1),
    seeds: count.min(1),
    firstSeed: count,
    profile: z.enum(["realistic", "fast"]),
    buggify: z.boolean(),
    mutants: z.array(z.string()),
  }),
  planSha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  units: count,
  notRun: z.array(z.strictObject({ plan: z.string(), scenario: z.string(), why: z.string() })),
  shard: z.strictObject({ index: count.min(1), count: count.min(1) }),
  runs: z.array(
    z.strictObject({
      unit: count,
      seed: count,
      ok: z.boolean(),
      judged: z.boolean(),
      events: count,
      virtualDurationMs: count,
      failovers: count,
      clientOutageMsMax: z.number().nonnegative(),
      traceHash: z.string(),
      failure: z
        .strictObject({
          kind: z.enum(["crash", "liveness", "correctness"]),
          invariant: z.string().optional(),
          message: z.string(),
          step: count,
          atMs: count,
        })
        .optional(),
    }),
  ),
  coverage: z.record(z.string(), z.strictObject({ evaluations: count, hits: count })),
});

/** Reads a result file's JSON text; throws a {@link CampaignResultError} naming the first bad field. */
export function parseCampaignResult(file: string, text: string): CampaignResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CampaignResultError(file, `is not JSON (${(e as Error).message})`, "pass the file `campaign --shard k/n` wrote");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? issue.path.join(".") : "(the document)";
    throw new CampaignResultError(
      file,
      `is not a campaign result file: ${at}: ${issue?.message ?? "invalid"}`,
      `pass files written by campaign --shard k/n (format ${CAMPAIGN_RESULT_FORMAT})`,
    );
  }
  return parsed.data as CampaignResult;
}

/** The result of merging shards: the summary one unsharded run would print, and every run in unit order. */
export interface MergedCampaign {
  readonly summary: CampaignSummary;
  readonly result: CampaignResult;
}

/**
 * Combines the result files of every shard of one campaign. Refuses files of different campaigns,
 * plan contents, versions or shard counts, a shard given twice, and missing shards (naming them).
 */
export function mergeCampaignResults(files: readonly { readonly file: string; readonly result: CampaignResult }[]): MergedCampaign {
  const [first] = files;
  if (!first) throw new CampaignResultError("(no files)", "leaves nothing to merge", "pass the result file of every shard");
  const same = (what: string, pick: (r: CampaignResult) => unknown, fix: string) => {
    const want = JSON.stringify(pick(first.result));
    for (const f of files)
      if (JSON.stringify(pick(f.result)) !== want)
        throw new CampaignResultError(
          f.file,
          `has a different ${what} than ${first.file}: ${JSON.stringify(pick(f.result))} vs ${want}`,
          fix,
        );
  };
  same(
    "campaign (plans, scenarios, seeds, profile, BUGGIFY)",
    (r) => r.campaign,
    "merge the shards of one campaign: every shard runs the same command but --shard",
  );
  same("plan content", (r) => r.planSha256, "run every shard on the same plans (the stacks changed between shards)");
  same("cdktf-resilience version", (r) => r.version, "run every shard with the same version of cdktf-resilience");
  same("shard count", (r) => r.shard.count, "merge shards of one split (--shard k/n with the same n)");
  same(
    "list of scenarios not run (plan, scenario, why)",
    (r) => r.notRun,
    "run every shard with the same version on the same plans: each shard decides alike which scenarios a plan can run",
  );
  const n = first.result.shard.count;
  const byIndex = new Map<number, string>();
  for (const f of files) {
    const other = byIndex.get(f.result.shard.index);
    if (other !== undefined)
      throw new CampaignResultError(f.file, `is shard ${f.result.shard.index}/${n} again (also ${other})`, "pass each shard's file once");
    byIndex.set(f.result.shard.index, f.file);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length)
    throw new CampaignResultError(
      files.map((f) => f.file).join(", "),
      `are ${files.length} of ${n} shards: missing ${missing.map((k) => `${k}/${n}`).join(", ")}`,
      "run the missing shards, then merge every shard's file",
    );

  const definition = first.result.campaign;
  const options: InternalCampaignOptions = { ...definition };
  const units = campaignUnits(options, first.result.notRun);
  if (units.length !== first.result.units)
    throw new CampaignResultError(
      first.file,
      `says ${first.result.units} units, but its campaign has ${units.length}`,
      "regenerate the file",
    );
  const runs: (ResultRun | undefined)[] = new Array(units.length);
  for (const f of files)
    for (const r of f.result.runs) {
      const u = units[r.unit];
      if (!u || r.unit % n !== f.result.shard.index - 1 || u.seed !== r.seed)
        throw new CampaignResultError(
          f.file,
          `holds run ${r.unit} (seed ${r.seed}), which is not a unit of shard ${f.result.shard.index}/${n}`,
          "regenerate the file",
        );
      if (runs[r.unit]) throw new CampaignResultError(f.file, `holds run ${r.unit} twice`, "regenerate the file");
      runs[r.unit] = r;
    }
  // biome-ignore lint/complexity/useIndexOf: runs is sparse (a missing run is a hole), and indexOf skips holes
  const absent = runs.findIndex((r) => r === undefined);
  if (absent >= 0) {
    const k = (absent % n) + 1;
    throw new CampaignResultError(
      byIndex.get(k) as string,
      `lacks run ${absent} of its shard ${k}/${n}`,
      "rerun that shard: its file is incomplete",
    );
  }
  const all = runs as ResultRun[];
  const coverage = mergeCoverage(...files.map((f) => f.result.coverage));
  const outcomes: UnitOutcome[] = all.map((r) => ({
    unit: units[r.unit] as (typeof units)[number],
    ok: r.ok,
    judged: r.judged,
    ...(r.failure ? { failure: r.failure } : {}),
    virtualDurationMs: r.virtualDurationMs,
    events: r.events,
    failovers: r.failovers,
    clientOutageMsMax: r.clientOutageMsMax,
    coverage: {},
    traceHash: r.traceHash,
    // A result file keeps verdicts and hashes, not recovery rows: a campaign's summary reads none.
    recovery: [],
    struck: [],
  }));
  const summary = summarize(definition.seeds, outcomes, `${n === 1 ? "one shard" : `${n} shards`}, merged`, first.result.notRun, coverage);
  return {
    summary,
    result: { ...first.result, shard: { index: 1, count: 1 }, runs: all, coverage },
  };
}
