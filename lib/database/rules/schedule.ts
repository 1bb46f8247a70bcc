import { DNS_TTL_WARN_ABOVE_SECONDS } from "../../private/defaults";
import type { Finding, Rule } from "../../private/validation";
import type { ResolvedDatabase } from "../resolve";
import { parseDailyWindow, parseWeeklyWindow, type Window, windowsOverlap } from "../windows";
import { ENGINE_NAME } from "./placement";

/**
 * Time-based settings: window lengths, backup against maintenance windows (both may wrap past
 * midnight or the end of the week), retention, and how long clients cache the endpoint.
 * Windows that are tokens or malformed are skipped here (the props schema reports the format).
 */

export const scheduleRules: readonly Rule<ResolvedDatabase>[] = [
  {
    id: "resilience:window-length",
    severity: "error",
    check: (t) => {
      const min = t.limits.minWindowMinutes;
      const short = (field: string, text: string | undefined, w: Window | undefined): Finding[] =>
        text !== undefined && w !== undefined && w.minutes < min
          ? [
              {
                field,
                message: `'${text}' lasts ${w.minutes} minutes; ${ENGINE_NAME[t.family]} needs at least ${min}`,
                fix: `make the window at least ${min} minutes long`,
              },
            ]
          : [];
      return [
        ...short("preferredBackupWindow", t.backupWindow, t.backupWindow === undefined ? undefined : parseDailyWindow(t.backupWindow)),
        ...short(
          "preferredMaintenanceWindow",
          t.maintenanceWindow,
          t.maintenanceWindow === undefined ? undefined : parseWeeklyWindow(t.maintenanceWindow),
        ),
      ];
    },
  },
  {
    id: "resilience:windows-do-not-overlap",
    severity: "error",
    check: (t) => {
      const backup = t.backupWindow === undefined ? undefined : parseDailyWindow(t.backupWindow);
      const maintenance = t.maintenanceWindow === undefined ? undefined : parseWeeklyWindow(t.maintenanceWindow);
      if (!backup || !maintenance || !windowsOverlap(backup, maintenance)) return [];
      return [
        {
          field: "preferredBackupWindow",
          message: `'${t.backupWindow}' overlaps the maintenance window '${t.maintenanceWindow}' (the backup window recurs daily, in UTC); AWS rejects overlapping windows`,
          fix: "move one window so they share no minute, e.g. end the backup window before the maintenance window starts",
        },
      ];
    },
  },
  {
    id: "resilience:short-backup-retention",
    severity: "warning",
    check: (t) => {
      const want = t.limits.defaultRetentionDays;
      if (t.retentionDays >= want) return [];
      const restore = t.family === "elasticache" ? "a restore" : "a point-in-time restore";
      return [
        {
          field: "backupRetentionDays",
          message: `${t.limits.backups} are kept ${t.retentionDays} day${t.retentionDays === 1 ? "" : "s"} (below ${want}): a problem noticed later than that can no longer be undone by ${restore}`,
          fix: `set backupRetentionDays to ${want} or more`,
        },
      ];
    },
  },
  {
    id: "resilience:dns-ttl-long",
    severity: "warning",
    check: (t) =>
      t.dnsTtlSeconds === undefined || t.dnsTtlSeconds <= DNS_TTL_WARN_ABOVE_SECONDS
        ? []
        : [
            {
              field: "dnsRecord.ttlSeconds",
              message: `the record's TTL is ${t.dnsTtlSeconds} s: after a failover, clients keep connecting to the old address for up to ${t.dnsTtlSeconds} s`,
              fix: `use a TTL of ${DNS_TTL_WARN_ABOVE_SECONDS} s or less (the default is 5 s)`,
            },
          ],
  },
];
