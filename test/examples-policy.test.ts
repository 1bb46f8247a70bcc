import { describe, expect, test } from "vitest";
import { EXAMPLES } from "../examples";
import { SecureDefaults } from "../lib";
import { Aspects, Testing } from "../lib/private/cdktf";
import { policyReport, synth } from "../lib/testing";

/**
 * Findings an example may keep, with the reason; the README's "Policy pack" section lists the
 * same. Anything else an example trips (an error, a new warning, an acknowledgement) fails here.
 */
const NO_BACKUP_PLAN_YET = {
  "RES-RDS-BACKUP-PLAN":
    "AWS Backup plans arrive with BackupSchedule; until then the cluster's automated backups (7 days of point-in-time restore) protect it",
};
const DOCUMENTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "aurora-postgres": NO_BACKUP_PLAN_YET,
  "aurora-mysql-serverless": NO_BACKUP_PLAN_YET,
  "multi-az-cluster": NO_BACKUP_PLAN_YET,
};

describe.each(EXAMPLES.map((e) => [e.name, e] as const))("example %s", (name, example) => {
  test("passes the SecureDefaults policy pack", () => {
    expect(example.create(Testing.app())).toPassPolicy();
  });

  test("keeps only documented warnings and acknowledgements", () => {
    const report = policyReport(example.create(Testing.app()));
    const kept = [...report.warnings, ...report.acknowledged].map((f) => f.ruleId);
    expect([...new Set(kept)].sort()).toEqual(Object.keys(DOCUMENTED[name] ?? {}).sort());
  });

  test("synthesizes with the Aspect added, as a user would run it", () => {
    const stack = example.create(Testing.app());
    Aspects.of(stack).add(new SecureDefaults());
    expect(() => synth(stack)).not.toThrow();
  });
});
