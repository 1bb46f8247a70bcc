/**
 * Shards: a campaign's units split over n processes (machines, CI jobs, batch array tasks), each
 * running a deterministic slice. Unit i (in the campaign's fixed plan → scenario → seed order)
 * belongs to shard (i mod n) + 1: round robin, so every shard gets every plan and scenario and
 * the shards take about as long as each other.
 *
 * A shard's number comes from the command line (`--shard 3/8`) or, with `--shard env/8`, from the
 * environment of the engine running it: the first of these that is set, as a 0-based index.
 */

/** Shard `index` of `count` (1 ≤ index ≤ count). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Environment variables holding a 0-based shard index, in the order they are read. */
export const SHARD_INDEX_VARIABLES = [
  // Set it yourself, e.g. from GitHub Actions' `${{ strategy.job-index }}` in a matrix job.
  "CDKTF_RESILIENCE_SHARD_INDEX",
  // Kubernetes Indexed Jobs set it in every pod (completionMode: Indexed).
  "JOB_COMPLETION_INDEX",
  // AWS Batch array jobs set it in every child job.
  "AWS_BATCH_JOB_ARRAY_INDEX",
] as const;

/** At most this many shards (a campaign is at most a few million units). */
export const SHARDS_MAX = 100_000;

/** Why a shard could not be read, and how to fix it. */
export class ShardError extends Error {
  constructor(
    readonly value: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`--shard ${value} ${problem}.\nFix: ${fix}`);
    this.name = "ShardError";
  }
}

const WHOLE = /^\d{1,6}$/;

/**
 * `k/n` (1 ≤ k ≤ n), or `env/n` for an index read from `env` (see {@link SHARD_INDEX_VARIABLES}).
 * Throws a {@link ShardError} naming the value and the fix.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>> = {}): Shard & { readonly from?: string } {
  const [k, n, ...rest] = text.split("/");
  if (k === undefined || n === undefined || rest.length > 0 || !WHOLE.test(n))
    throw new ShardError(
      text,
      "is not a shard",
      "pass k/n, e.g. --shard 3/8 (the third of eight), or env/8 to read k from the environment",
    );
  const count = Number(n);
  if (count < 1 || count > SHARDS_MAX)
    throw new ShardError(
      text,
      `splits the campaign into ${count} shards`,
      `pass a shard count from 1 to ${SHARDS_MAX.toLocaleString("en-US")}`,
    );
  if (k === "env") {
    const found = fromEnvironment(text, env, count);
    return { index: found.index, count, from: found.from };
  }
  if (!WHOLE.test(k) || Number(k) < 1 || Number(k) > count)
    throw new ShardError(
      text,
      `names shard ${k}, not one of 1 … ${count}`,
      `pass a shard number from 1 to ${count}, e.g. --shard 1/${count}`,
    );
  return { index: Number(k), count };
}

function fromEnvironment(text: string, env: Readonly<Record<string, string | undefined>>, count: number): { index: number; from: string } {
  const set = SHARD_INDEX_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== "");
  const [first] = set;
  if (first === undefined)
    throw new ShardError(
      text,
      `reads the shard from the environment, but none of ${SHARD_INDEX_VARIABLES.join(", ")} is set`,
      "run it as a Kubernetes Indexed Job or an AWS Batch array job, set CDKTF_RESILIENCE_SHARD_INDEX (0-based), or pass --shard k/n",
    );
  const values = new Set(set.map((name) => env[name]));
  if (values.size > 1)
    throw new ShardError(
      text,
      `finds different shard indexes in ${set.map((name) => `${name}=${env[name]}`).join(" and ")}`,
      "unset all but one of them",
    );
  // AWS Batch also says how many children the array has: a split that disagrees would skip units.
  const size = env.AWS_BATCH_JOB_ARRAY_SIZE;
  if (first === "AWS_BATCH_JOB_ARRAY_INDEX" && size !== undefined && size !== "" && size !== String(count))
    throw new ShardError(
      text,
      `splits the campaign into ${count} shards, but this array job has AWS_BATCH_JOB_ARRAY_SIZE=${size} children`,
      `pass --shard env/${size}, or submit the array job with size ${count}`,
    );
  const raw = env[first] as string;
  const index = WHOLE.test(raw) ? Number(raw) : Number.NaN;
  if (!(index >= 0 && index < count))
    throw new ShardError(
      text,
      `reads ${first}=${raw}, not a 0-based index below ${count}`,
      `run ${count} tasks indexed 0 … ${count - 1} (completions / array size ${count}), or pass the shard count they have`,
    );
  return { index: index + 1, from: first };
}

/** Whether unit number `unit` (0-based, in campaign order) is in `shard`. */
export function inShard(unit: number, shard: Shard): boolean {
  return unit % shard.count === shard.index - 1;
}
