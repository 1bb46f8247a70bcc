import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import Table from "cli-table3";
import { type BenchRow, type BenchSuite, meets, rowCells } from "./harness";
import { assessSuite } from "./suites/assess";
import { cacheSuite } from "./suites/cache";
import { cloudSuite } from "./suites/cloud";
import { coldRequireSuite } from "./suites/cold-require";
import { emulationSuite } from "./suites/emulation";
import { failoverSuite } from "./suites/failover";
import { fisWaitSuite } from "./suites/fis-wait";
import { planLoadSuite } from "./suites/plan-load";
import { processesSuite } from "./suites/processes";
import { scaleSuite } from "./suites/scale";
import { simSuite } from "./suites/sim";
import { storageSuite } from "./suites/storage";
import { storageLogSuite } from "./suites/storage-log";
import { synthRatioSuite } from "./suites/synth-ratio";

/** Every suite; `npm run bench -- <filter>` runs those whose name contains the filter. */
const SUITES: readonly BenchSuite[] = [
  coldRequireSuite,
  synthRatioSuite,
  planLoadSuite,
  scaleSuite,
  simSuite,
  emulationSuite,
  cloudSuite,
  failoverSuite,
  cacheSuite,
  storageSuite,
  storageLogSuite,
  processesSuite,
  fisWaitSuite,
  assessSuite,
];

const DOCS_PAGE = join(__dirname, "../docs/contributing/benchmarks.md");
const START = "<!-- bench-table:start -->";
const END = "<!-- bench-table:end -->";

const HEAD = ["suite", "measure", "value", "unit", "goal", "met", "note"];

/** The machine and the moment, as the table's caption. */
function machine(loadBefore: readonly number[]): string {
  const cpu = cpus();
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(", ");
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    `Load average (1, 5, 15 min) before: ${load(loadBefore)}; after: ${load(loadavg())}.`,
  ].join(" ");
}

function markdown(rows: readonly string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${HEAD.join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join(
    "\n",
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const writeDocs = args.includes("--write-docs");
  const filter = args.find((a) => !a.startsWith("--"));
  if (writeDocs && filter) throw new Error("--write-docs regenerates the whole table: run it without a suite filter");
  const loadBefore = loadavg();
  const table = new Table({ head: HEAD, style: { head: [] } });
  const cells: string[][] = [];
  let missed = 0;
  for (const suite of SUITES.filter((s) => !filter || s.name.includes(filter))) {
    process.stderr.write(`running ${suite.name}…\n`);
    const rows: readonly BenchRow[] = await suite.run();
    for (const r of rows) {
      if (r.goal && !meets(r.goal, r.value)) missed++;
      cells.push(rowCells(suite.name, r));
    }
  }
  for (const c of cells) table.push(c);
  const caption = machine(loadBefore);
  console.log(caption);
  console.log(table.toString());
  console.log(`goals missed: ${missed}`);
  if (writeDocs) {
    const page = readFileSync(DOCS_PAGE, "utf8");
    const from = page.indexOf(START);
    const to = page.indexOf(END);
    if (from < 0 || to < from) throw new Error(`${DOCS_PAGE} has no ${START} … ${END} section to replace`);
    const section = `${START}\n${caption}\n\n${markdown(cells)}\n\nGoals missed: ${missed}.\n${END}`;
    writeFileSync(DOCS_PAGE, page.slice(0, from) + section + page.slice(to + END.length));
    process.stderr.write(`wrote the table into ${DOCS_PAGE}\n`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
