import Table from "cli-table3";
import { type BenchRow, type BenchSuite, formatValue } from "./harness";
import { assessSuite } from "./suites/assess";
import { cacheSuite } from "./suites/cache";
import { cloudSuite } from "./suites/cloud";
import { coldRequireSuite } from "./suites/cold-require";
import { failoverSuite } from "./suites/failover";
import { fisWaitSuite } from "./suites/fis-wait";
import { planLoadSuite } from "./suites/plan-load";
import { processesSuite } from "./suites/processes";
import { simSuite } from "./suites/sim";
import { storageSuite } from "./suites/storage";
import { storageLogSuite } from "./suites/storage-log";
import { synthRatioSuite } from "./suites/synth-ratio";

/** Every suite; `npm run bench -- <filter>` runs those whose name contains the filter. */
const SUITES: readonly BenchSuite[] = [
  coldRequireSuite,
  synthRatioSuite,
  planLoadSuite,
  simSuite,
  cloudSuite,
  failoverSuite,
  cacheSuite,
  storageSuite,
  storageLogSuite,
  processesSuite,
  fisWaitSuite,
  assessSuite,
];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const table = new Table({ head: ["suite", "measure", "value", "unit", "goal", "met", "note"], style: { head: [] } });
  let missed = 0;
  for (const suite of SUITES.filter((s) => !filter || s.name.includes(filter))) {
    process.stderr.write(`running ${suite.name}…\n`);
    const rows: readonly BenchRow[] = await suite.run();
    for (const r of rows) {
      if (r.met === false) missed++;
      table.push([
        suite.name,
        r.name,
        formatValue(r.value),
        r.unit,
        r.goal ?? "",
        r.met === undefined ? "" : r.met ? "yes" : "NO",
        r.note ?? "",
      ]);
    }
  }
  console.log(table.toString());
  console.log(`goals missed: ${missed}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
