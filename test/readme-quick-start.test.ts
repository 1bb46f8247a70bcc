/**
 * README's five minutes, as a user runs them: the Quick start app synthesizes, the emulate command
 * of the next section prints the output shown and writes the report, and the same run from code
 * (docs/emulator/emulate.md, "From code") prints what that page shows.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { cliIn } from "./helpers/cli";
import { docBlocks, runDocExample } from "./helpers/docs";

test("README: the Quick start stack, emulated as the README and the emulate page say, prints the output shown", () => {
  const app = docBlocks("README.md", "Quick start").find((b) => b.lang === "ts");
  const [command, shown] = docBlocks("README.md", "Emulate an outage and read the report");
  if (!app || !command || !shown) throw new Error("README.md: the Quick start app, or the emulate command and its output, are missing");

  const cwd = mkdtempSync(join(tmpdir(), "cdktf-quick-start-"));
  runDocExample(app.text, "quick-start", { cwd, commonjs: true });
  expect(existsSync(join(cwd, "cdktf.out/stacks/orders/cdk.tf.json"))).toBe(true);

  const args = command.text.trim().split(/\s+/);
  expect(args.slice(0, 2)).toEqual(["npx", "cdktf-resilience"]);
  const r = cliIn(cwd, ...args.slice(2));
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(shown.text.startsWith("Failovers\n")).toBe(true);
  expect(r.stdout.endsWith(`\n${shown.text}`)).toBe(true);
  expect(existsSync(join(cwd, "report.html"))).toBe(true);

  const [code, printed] = docBlocks("docs/emulator/emulate.md", "From code");
  expect(code?.lang).toBe("ts");
  expect(runDocExample(code?.text ?? "", "emulate-from-code", { cwd })).toBe(printed?.text);
});
