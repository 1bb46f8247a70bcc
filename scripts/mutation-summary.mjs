// The short text summary of a Stryker run: the score in total and per file, then every surviving
// and uncovered mutant as `file:line:column mutator → replacement`, read from Stryker's JSON report
// (mutation-testing-report-schema) with Stryker's own metrics library, so the numbers are the
// ones the HTML report shows. `node scripts/mutation-summary.mjs reports/mutation/<name>` rewrites
// it by hand; `npm run mutate` writes it after every run.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { calculateMetrics, calculateMutationTestMetrics } from "mutation-testing-metrics";

/** Percent with one decimal, or "n/a" when no mutant could be judged. */
function percent(score) {
  return Number.isNaN(score) ? "n/a" : `${score.toFixed(1)} %`;
}

/** The summary's text for the report in `reportDir`. */
export function summarize(reportDir, { minutes } = {}) {
  const report = JSON.parse(readFileSync(join(reportDir, "mutation.json"), "utf8"));
  const { systemUnderTestMetrics: all } = calculateMutationTestMetrics(report);
  const m = all.metrics;
  const lines = [
    `Mutation score ${percent(m.mutationScore)} (${m.totalDetected} of ${m.totalValid} valid mutants detected; ` +
      `${m.survived} survived, ${m.noCoverage} without a covering test, ${m.timeout} timed out, ` +
      `${m.ignored} ignored, ${m.totalInvalid} invalid)` +
      (minutes === undefined ? "" : ` in ${minutes.toFixed(1)} min`),
    `Thresholds: break ${report.thresholds?.break ?? "none"}, low ${report.thresholds?.low}, high ${report.thresholds?.high} (stryker.config.mjs)`,
    "",
    "score    killed survived no-cov  file",
  ];
  const files = Object.entries(report.files)
    .map(([file, result]) => [file, calculateMetrics({ [file]: result }).metrics])
    .sort(([, a], [, b]) => (a.mutationScore || 0) - (b.mutationScore || 0));
  for (const [file, fm] of files)
    lines.push(
      `${percent(fm.mutationScore).padStart(7)}  ${String(fm.totalDetected).padStart(6)} ${String(fm.survived).padStart(8)} ${String(fm.noCoverage).padStart(6)}  ${file}`,
    );
  lines.push("", "Undetected mutants (kill each with a test, or argue it equivalent in stryker.config.mjs):");
  let undetected = 0;
  for (const [file, result] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b)))
    for (const mutant of [...result.mutants].sort(
      (a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
    )) {
      if (mutant.status !== "Survived" && mutant.status !== "NoCoverage") continue;
      undetected++;
      const where = `${file}:${mutant.location.start.line}:${mutant.location.start.column}`;
      const replacement = (mutant.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
      lines.push(`  ${where} ${mutant.mutatorName}${mutant.status === "NoCoverage" ? " (no covering test)" : ""} → ${replacement}`);
    }
  if (undetected === 0) lines.push("  none");
  return `${lines.join("\n")}\n`;
}

/** Writes `summary.txt` beside the JSON report; returns its text. */
export function writeSummary(reportDir, options) {
  const text = summarize(reportDir, options);
  writeFileSync(join(reportDir, "summary.txt"), text);
  return text;
}

if (resolve(process.argv[1] ?? "") === resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("Which report? Fix: node scripts/mutation-summary.mjs reports/mutation/<all|sim|systems|checkers|custom>\n");
    process.exit(2);
  }
  process.stdout.write(writeSummary(dir));
}
