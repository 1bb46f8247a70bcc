/** The long loop of test/storage-crash-real.test.ts: 12 kills (RESILIENCE_CRASH_ROUNDS raises it). */
import { describe, test } from "vitest";
import { crashRounds } from "./helpers/storage-crash";

const ROUNDS = Number(process.env.RESILIENCE_CRASH_ROUNDS ?? 12);

describe("durable log on a real file, child killed at random points", () => {
  test(
    `${ROUNDS} kills: nothing acknowledged is lost, nothing torn or stale is read, every open is a new life`,
    () => crashRounds(ROUNDS),
    600_000,
  );
});
