// Prints the plain "N passed, N failed" line CI recognises, from vitest's JSON reports (one per
// run: `npm test` and `npm run test:long`), added up.
import { readFileSync } from "node:fs";

const files = process.argv.slice(2).length ? process.argv.slice(2) : [".vitest-results.json"];
let passed = 0;
let failed = 0;
let success = true;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`could not read ${file}: ${e.message}`);
    failed += 1;
    success = false;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  // A file that fails to load (syntax error, throwing import) has no failed tests but is a failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
  failed += (report.numFailedTests ?? 0) + brokenFiles;
  if (report.success === false) success = false;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || !success ? 1 : 0);
