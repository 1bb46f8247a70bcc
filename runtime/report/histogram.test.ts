import { describe, expect, test } from "vitest";
import { histogramOf, histogramSvg } from "./histogram";

/** [within, over] per bin. */
const counts = (values: readonly (number | null)[], targetMs: number, maxBins?: number) =>
  histogramOf(values, targetMs, maxBins).bins.map((b) => [b.within, b.over]);

/** The numeric attributes of the first tag `tag` matches, read back from the markup. */
function attrs(svg: string, tag: RegExp): Record<string, number> & { x1: number; x2: number } {
  const found = tag.exec(svg)?.[1];
  if (found === undefined) throw new Error(`no ${tag} in the picture`);
  return Object.fromEntries([...found.matchAll(/([\w-]+)="(-?[\d.]+)"/g)].map((m) => [m[1], Number(m[2])])) as ReturnType<typeof attrs>;
}
const AXIS = /(<line class="axis"[^>]*>)/;
/** The target's line: the first <line> inside <g class="target">. */
const TARGET_LINE = /<g class="target"[^>]*>(?:<title>[^<]*<\/title>)?(<line[^>]*>)/;

describe("histogram binning, against counts worked out by hand", () => {
  // Five bins of 2 s over 0–10 s: [0,2], (2,4], (4,6], (6,8], (8,10]; target 5 s.
  //   0, 0.4, 1, 1.001, 2 s → first bin (2 s is its upper edge); 2.5 s → second; nothing in the third;
  //   7 s → fourth, over; 9.999 and 10 s → fifth, over; one outage that never ended.
  const sample = [0, 400, 1_000, 1_001, 2_000, 2_500, 7_000, 9_999, 10_000, null];

  test("each value lands in the bin whose upper edge it does not pass, split by the target", () => {
    const h = histogramOf(sample, 5_000, 5);
    expect(h.binMs).toBe(2_000);
    expect(h.bins.map((b) => [b.fromMs, b.toMs])).toEqual([
      [0, 2_000],
      [2_000, 4_000],
      [4_000, 6_000],
      [6_000, 8_000],
      [8_000, 10_000],
    ]);
    expect(counts(sample, 5_000, 5)).toEqual([
      [5, 0],
      [1, 0],
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
    expect(h.neverEnded).toBe(1);
    expect(h.domainMs).toBe(10_000);
  });

  test("a value equal to the target meets it; a millisecond more does not, even inside one bin", () => {
    // 5 s and 5.001 s with a 5 s target: the axis runs to 5.5 s in 500 ms bins (250 ms is no bin width; 200 ms would make 26).
    expect(counts([5_000, 5_001], 5_000)).toEqual([...Array(9).fill([0, 0]), [1, 0], [0, 1]]);
    // A 4.9 s target cuts the bin (4.5, 5] in two: 4.8 s within, 4.95 s over, in the same bar.
    expect(counts([4_800, 4_950], 4_900, 10)[9]).toEqual([1, 1]);
  });

  test("an RPO of 0 in every seed against a target of 0: one bar at 0, all within", () => {
    const h = histogramOf([0, 0, 0], 0);
    expect(h.domainMs).toBe(1_000);
    expect(h.bins[0]).toEqual({ fromMs: 0, toMs: 50, within: 3, over: 0 });
    expect(h.bins.slice(1).every((b) => b.within + b.over === 0)).toBe(true);
    // One lost write within the same millisecond is still over a 0 target.
    expect(counts([0, 1], 0, 1)).toEqual([[1, 1]]);
  });

  test("the axis reaches the target, so it is drawn to scale; a target far beyond every value is not", () => {
    // 24 s outages against a 2m target: the axis runs to 2m in 10 s bins, the seeds in the third bin.
    const near = histogramOf([24_000, 24_000], 120_000);
    expect([near.binMs, near.domainMs, near.targetOffScale, near.bins[2]]).toEqual([
      10_000,
      120_000,
      false,
      { fromMs: 20_000, toMs: 30_000, within: 2, over: 0 },
    ]);
    // 24h against 20 s: the axis stays on the seeds (1 s bins to 20 s) and the target is off scale.
    const far = histogramOf([10_000, 20_000], 86_400_000);
    expect([far.binMs, far.domainMs, far.targetOffScale]).toEqual([1_000, 20_000, true]);
  });
});

describe("histogram picture: the target line sits where the scale puts it", () => {
  test("a 30 s target on an axis of 0–60 s is drawn halfway along the axis", () => {
    const svg = histogramSvg(histogramOf([10_000, 40_000, 60_000], 30_000), "RTO", "30s");
    const axis = attrs(svg, AXIS);
    const line = attrs(svg, TARGET_LINE);
    expect(axis.x1).toBe(40);
    expect(axis.x2).toBe(466);
    expect(line.x1).toBeCloseTo((40 + 466) / 2, 1);
    expect(line.x2).toBe(line.x1);
  });

  test("with a never-ended bar the axis is shorter, and a 15 s target on 0–60 s sits a quarter along it", () => {
    const svg = histogramSvg(histogramOf([60_000, null], 15_000), "RTO", "15s");
    const axis = attrs(svg, AXIS);
    const line = attrs(svg, TARGET_LINE);
    expect(axis.x2).toBeLessThan(466);
    expect(line.x1).toBeCloseTo(axis.x1 + (axis.x2 - axis.x1) / 4, 1);
    expect(svg).toContain('data-never-ended="1"');
  });

  test("each bin carries its counts, and the bars' heights are in proportion to them", () => {
    const svg = histogramSvg(histogramOf([1_000, 1_000, 3_000, 5_000], 2_000, 5), "RTO", "2s");
    expect(attrs(svg, /(<g class="bin" data-from-ms="0"[^>]*>)/)).toMatchObject({ "data-within": 2, "data-over": 0 });
    const bars = [...svg.matchAll(/<rect class="bar-(within|over)"[^>]*height="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    // Two seeds in the first bin (the tallest), then one over the target in each of two bins: half its height.
    expect(bars.map((b) => b[0])).toEqual(["within", "over", "over"]);
    const [tallest, ...halves] = bars.map((b) => b[1] as number);
    for (const h of halves) expect(h).toBeCloseTo((tallest as number) / 2, 1);
  });
});
