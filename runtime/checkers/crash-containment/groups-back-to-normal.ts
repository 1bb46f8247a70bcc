import type { ProcessingApplication } from "../../processes/application";
import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** After the quiet phase every group is back to normal. */
export const invariant: Invariant = {
  id: "crash-containment/groups-back-to-normal",
  description: "After the quiet phase every group is back to normal.",
};

/**
 * After the quiet phase every group is back to normal and the application is not restarting (unless
 * its host was lost).
 */
export function groupsBackToNormal(app: ProcessingApplication): Checker {
  return {
    ...invariant,
    atEnd() {
      if (app.lost) return undefined;
      if (app.restarting) return "the application is still restarting";
      const stuck = app.groups.filter((g) => g.state !== "normal").map((g) => g.id);
      return stuck.length ? `groups still recovering at the end: ${stuck.join(", ")}` : undefined;
    },
  };
}
