/**
 * BUGGIFY, after FoundationDB: code marks a rare path (`if (env.buggify("slow-ack")) …`) and the
 * simulator decides, per run, which marked paths are in play.
 *
 * - A site is switched on or off for the whole run at its first evaluation, with `siteActivation`.
 *   The decision comes from the site's own stream (`buggify/<site>`), so it depends on the seed and
 *   the site name only: unlike FDB's shared generator, adding a site or evaluating sites in another
 *   order changes no other site's decision.
 * - A switched-on site then fires with the given ratio (default `fire`) per evaluation.
 * - Nothing fires once the quiet phase begins: recovery must not be sabotaged by the test.
 * - Every evaluation is counted as coverage point `buggify:<site>` (hits = fires).
 */
import type { Coverage } from "./coverage";
import type { SeededRandom } from "./random";
import { assertRatio, type Ratio } from "./ratio";

export interface BuggifyOptions {
  /**
   * Whether BUGGIFY sites may fire at all in this run.
   * @default true
   */
  readonly enabled: boolean;
  /**
   * Chance that a site is switched on for the run (decided at its first evaluation).
   * @default 1/4
   */
  readonly siteActivation: Ratio;
  /**
   * Chance that a switched-on site fires per evaluation, unless the site passes its own.
   * @default 1/4
   */
  readonly fire: Ratio;
}

export const BUGGIFY_DEFAULTS: BuggifyOptions = {
  enabled: true,
  siteActivation: { numerator: 1, denominator: 4 },
  fire: { numerator: 1, denominator: 4 },
};

export function checkBuggifyOptions(o: BuggifyOptions): void {
  assertRatio(o.siteActivation, "buggify.siteActivation");
  assertRatio(o.fire, "buggify.fire");
}

interface Site {
  readonly on: boolean;
  readonly random: SeededRandom;
  readonly point: string;
}

export class BuggifySwitch {
  /** False from the quiet phase on. */
  armed = true;
  private readonly sites = new Map<string, Site>();

  constructor(
    private readonly options: BuggifyOptions,
    private readonly random: SeededRandom,
    private readonly coverage: Coverage,
  ) {}

  /** The `Buggify` port. */
  readonly evaluate = (site: string, fire?: Ratio): boolean => {
    let s = this.sites.get(site);
    if (s === undefined) {
      const random = this.random.fork(site);
      s = { on: this.options.enabled && random.chance(this.options.siteActivation), random, point: `buggify:${site}` };
      this.sites.set(site, s);
    }
    const fired = this.armed && s.on && s.random.chance(fire ?? this.options.fire);
    return this.coverage.note(s.point, fired);
  };

  /** Sites switched on in this run, sorted (logged with a failure to explain odd behaviour). */
  activeSites(): string[] {
    return [...this.sites]
      .filter(([, s]) => s.on)
      .map(([name]) => name)
      .sort();
  }
}
