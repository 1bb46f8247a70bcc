import { describe, expect, test } from "vitest";
import { Simulation } from "./index";
import { ALWAYS, NEVER } from "./ratio";

function sitesOn(seed: number, order: readonly string[]): string[] {
  const sim = new Simulation({ seed });
  for (const site of order) sim.env.buggify(site);
  return sim.buggifiedSites();
}

describe("BUGGIFY", () => {
  test("a site's activation depends on the seed and its name only, not on other sites or evaluation order", () => {
    const sites = Array.from({ length: 40 }, (_, i) => `site-${i}`);
    for (let seed = 0; seed < 10; seed++) {
      const forward = sitesOn(seed, sites);
      expect(sitesOn(seed, [...sites].reverse())).toEqual(forward);
      expect(
        sitesOn(
          seed,
          sites.filter((_, i) => i % 2 === 0),
        ),
      ).toEqual(forward.filter((s) => Number(s.slice(5)) % 2 === 0));
    }
  });

  test("about a quarter of sites switch on, and only switched-on sites fire", () => {
    const sim = new Simulation({ seed: 5, buggify: { fire: ALWAYS } });
    const fired = Array.from({ length: 400 }, (_, i) => sim.env.buggify(`s${i}`)).filter(Boolean).length;
    expect(fired).toBe(sim.buggifiedSites().length);
    expect(fired).toBeGreaterThan(70);
    expect(fired).toBeLessThan(130);
  });

  test("nothing fires when disabled or once the quiet phase begins, and evaluations count as coverage", () => {
    const off = new Simulation({ seed: 5, buggify: { enabled: false, siteActivation: ALWAYS, fire: ALWAYS } });
    expect(off.env.buggify("x")).toBe(false);
    const sim = new Simulation({ seed: 5, buggify: { siteActivation: ALWAYS, fire: ALWAYS } });
    expect(sim.env.buggify("x")).toBe(true);
    expect(sim.env.buggify("y", NEVER)).toBe(false);
    sim.beginQuietPhase();
    expect(sim.env.buggify("x")).toBe(false);
    expect(sim.coverage()).toEqual({ "buggify:x": { evaluations: 2, hits: 1 }, "buggify:y": { evaluations: 1, hits: 0 } });
  });
});
