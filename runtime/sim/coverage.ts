/**
 * Coverage of rare paths: `sometimes(id, cond)` points and BUGGIFY sites. A run's coverage is a
 * plain JSON record, so a campaign can ship it from worker threads (structured clone) and add the
 * records up with {@link mergeCoverage}; a point whose `hits` stays 0 across the campaign was never
 * reached, which is a gap in the tests, not a pass.
 */

export interface CoveragePoint {
  /** Times the point was evaluated. */
  readonly evaluations: number;
  /** Times its condition held (for a BUGGIFY site: times it fired). */
  readonly hits: number;
}

/** Point id → counts, keys sorted, so equal coverage serializes to equal JSON. */
export type CoverageRecord = Readonly<Record<string, CoveragePoint>>;

/** Counts coverage points during one run. */
export class Coverage {
  private readonly points = new Map<string, { evaluations: number; hits: number }>();

  /** Counts one evaluation of `id`, a hit when `hit`; returns `hit`. */
  note(id: string, hit: boolean): boolean {
    let p = this.points.get(id);
    if (!p) {
      p = { evaluations: 0, hits: 0 };
      this.points.set(id, p);
    }
    p.evaluations++;
    if (hit) p.hits++;
    return hit;
  }

  /** A snapshot as a plain record. */
  record(): CoverageRecord {
    return toRecord([...this.points]);
  }
}

/** Adds coverage records point by point (evaluations and hits summed). */
export function mergeCoverage(...records: readonly CoverageRecord[]): CoverageRecord {
  const sum = new Map<string, { evaluations: number; hits: number }>();
  for (const r of records)
    for (const [id, p] of Object.entries(r)) {
      const s = sum.get(id);
      if (s) {
        s.evaluations += p.evaluations;
        s.hits += p.hits;
      } else sum.set(id, { evaluations: p.evaluations, hits: p.hits });
    }
  return toRecord([...sum]);
}

/** Ids of the points that were evaluated but never hit, sorted. */
export function unreachedPoints(record: CoverageRecord): string[] {
  return Object.keys(record).filter((id) => (record[id] as CoveragePoint).hits === 0);
}

function toRecord(entries: [string, CoveragePoint][]): CoverageRecord {
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A null prototype: a point named `__proto__` or `constructor` is just a key.
  const out: Record<string, CoveragePoint> = Object.create(null);
  for (const [id, p] of entries) out[id] = { evaluations: p.evaluations, hits: p.hits };
  return out;
}
