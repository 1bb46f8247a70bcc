/**
 * Real-mode crash consistency of the durable log (see test/helpers/storage-crash.ts): a child
 * appending with fdatasync is killed at seeded random points, and the file is checked after each
 * kill. A few kills here; `npm run test:long` runs 12 (RESILIENCE_CRASH_ROUNDS raises it further).
 */
import { describe, test } from "vitest";
import { crashRounds } from "./helpers/storage-crash";

describe("durable log on a real file, child killed at random points", () => {
  test("3 kills: nothing acknowledged is lost, nothing torn or stale is read, every open is a new life", () => crashRounds(3), 120_000);
});
