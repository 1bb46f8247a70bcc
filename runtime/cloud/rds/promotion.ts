/**
 * Which replica Aurora promotes when the writer fails (and FailoverDBCluster names no target):
 * the lowest promotion tier first; among equal tiers the largest instance; among equal tiers and
 * sizes an arbitrary one (a seeded draw here, so runs replay).
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
 */
import type { Random } from "../../sim/ports";

export interface PromotionCandidate {
  readonly id: string;
  readonly promotionTier: number;
  readonly instanceClass: string;
}

/** Ranks of the sizes without a multiplier (built once: checkers ask on every event). */
const FIXED_SIZE_RANKS: ReadonlyMap<string, number> = new Map([
  ["nano", 1],
  ["micro", 2],
  ["small", 3],
  ["medium", 4],
  ["large", 8],
  ["xlarge", 16],
  ["metal", 100_000],
]);

/** Size rank of an instance class by its size suffix (`db.r6g.2xlarge` → 2xlarge); unknown sizes rank lowest. */
export function sizeRank(instanceClass: string): number {
  let rank = RANKS.get(instanceClass);
  if (rank === undefined) {
    rank = computeSizeRank(instanceClass);
    if (RANKS.size < 1024) RANKS.set(instanceClass, rank);
  }
  return rank;
}

/** Ranks already computed, by class: the capacity invariant asks for every pair after every event. */
const RANKS = new Map<string, number>();

function computeSizeRank(instanceClass: string): number {
  const size = instanceClass.slice(instanceClass.lastIndexOf(".") + 1);
  const fixed = FIXED_SIZE_RANKS.get(size);
  if (fixed !== undefined) return fixed;
  const m = /^(\d+)xlarge$/.exec(size);
  if (m) return 16 * Number(m[1]);
  // Aurora Serverless v2 (db.serverless) scales; rank it like a large instance.
  return size === "serverless" ? 8 : 0;
}

/** The replica AWS would promote, or undefined when there is none. */
export function choosePromotionTarget<C extends PromotionCandidate>(candidates: readonly C[], random: Random): C | undefined {
  if (candidates.length === 0) return undefined;
  const tier = Math.min(...candidates.map((c) => c.promotionTier));
  const inTier = candidates.filter((c) => c.promotionTier === tier);
  const size = Math.max(...inTier.map((c) => sizeRank(c.instanceClass)));
  const best = inTier.filter((c) => sizeRank(c.instanceClass) === size).sort((a, b) => a.id.localeCompare(b.id));
  return best.length === 1 ? best[0] : random.pick(best);
}
