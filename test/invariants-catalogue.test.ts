/**
 * docs/reference/invariants.md is the catalogue of every invariant id: it must be what
 * `npm run docs:invariants` generates from the checkers, hold every id the code declares (found
 * here by reading the source, not through the generator), and give every id a real run prints a
 * heading to link to — whose "reached by" names the scenario that printed it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import GithubSlugger from "github-slugger";
import { beforeAll, describe, expect, test } from "vitest";
import { defaultRegistry } from "../runtime/emulation/default-registry";
import { emulate } from "../runtime/emulation/emulate";
import { parsePlan } from "../runtime/plan/load-plan";
import { CATALOGUE_PAGE, type CatalogueEntry, collectInvariants, renderCatalogue } from "../scripts/invariants-catalogue";
import { ROOT } from "./helpers/dist";
import { headingsOf } from "./helpers/docs";

const PAGE = "docs/reference/invariants.md";
const anchorOf = (id: string) => new GithubSlugger().slug(id);

/** Every `id: "<system>/<name>"` written in the runtime's source (tests excluded). */
function idsInSource(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...idsInSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
      for (const m of readFileSync(path, "utf8").matchAll(/\bid: "([a-z-]+\/[a-z0-9-]+)"/g)) out.push(m[1] as string);
  }
  return out;
}

let entries: CatalogueEntry[];
beforeAll(async () => {
  entries = await collectInvariants();
});

describe("the invariants catalogue", () => {
  test("the page is exactly what `npm run docs:invariants` generates (run it after changing a checker)", async () => {
    expect(readFileSync(CATALOGUE_PAGE, "utf8")).toBe(await renderCatalogue());
  });

  test("every invariant id written in the runtime's source is a heading of the page, and ids are unique", () => {
    const ids = [...new Set(idsInSource(join(ROOT, "runtime")))];
    expect(ids.length).toBeGreaterThanOrEqual(70);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const anchors = new Set(headingsOf(PAGE).map((h) => h.anchor));
    expect(ids.filter((id) => !anchors.has(anchorOf(id)))).toEqual([]);
    expect(entries.map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  test("each id is <system>/<name>, its file is named after it, and it says what it guarantees in one sentence", () => {
    for (const e of entries) {
      expect(e.id).toMatch(/^(cloud|failover-pair|replication-group|cache|storage|contingency|crash-containment)\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(basename(e.file, ".ts"), e.file).toBe(e.id.split("/")[1]);
      expect(e.description, e.id).toMatch(/^[A-Z][^\n]*\.$/);
      expect(e.description.split(/\.\s/), e.id).toHaveLength(1);
    }
  });

  test("every scenario a reach names is one the registry has", () => {
    const names = new Set(
      defaultRegistry()
        .scenarios()
        .map((s) => s.name),
    );
    const named = entries.flatMap((e) => [e.reach, e.system.reach]).flatMap((r) => (r && r.scenarios !== "every" ? r.scenarios : []));
    expect(named.filter((n) => !names.has(n))).toEqual([]);
  });
});

describe("every id a run prints resolves to the catalogue, which says that scenario reaches it", () => {
  const fixtures = join(ROOT, "test", "fixtures");
  const plan = (file: string) => parsePlan(readFileSync(join(fixtures, file), "utf8"), file);
  test.each([
    ["hand-written-contingency.tf.json", "disk-stall"],
    ["hand-written-contingency.tf.json", "az-outage"],
    ["hand-written-contingency.tf.json", "group-crash"],
    ["hand-written-elasticache.tf.json", "az-outage"],
  ])("%s, %s", (file, scenario) => {
    const { result } = emulate({ topology: plan(file), scenario, seed: 1, profile: "fast" });
    const printed = result.invariants.map((i) => i.id);
    expect(printed.length).toBeGreaterThan(0);
    const anchors = new Set(headingsOf(PAGE).map((h) => h.anchor));
    expect(printed.filter((id) => !anchors.has(anchorOf(id)))).toEqual([]);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const unreached = printed.filter((id) => {
      const e = byId.get(id);
      const reach = e?.reach ?? e?.system.reach;
      return !reach || (reach.scenarios !== "every" && !reach.scenarios.includes(scenario));
    });
    expect(unreached).toEqual([]);
  });
});
