import type { Checker } from "../../sim/checker";
import type { Invariant } from "../invariant";

/** A read-only view of the capacity books (the mock cloud's `ec2.pools`). */
export interface CapacityBooks {
  /** Every broken accounting rule, as sentences. */
  problems(): readonly string[];
}

/** No zone's pool of an instance type holds more instances than it has, and no reservation runs more than it reserves. */
export const invariant: Invariant = {
  id: "cloud/capacity-books-balance",
  description: "No zone's pool of an instance type holds more instances than it has, and no reservation runs more than it reserves.",
};

/**
 * Capacity is never counted twice: no (zone, instance type) pool holds more slots than it has, and
 * no reservation runs more instances than it reserves. Checked after every EC2, capacity or spot
 * event (the only events that move slots).
 */
export function capacityBooksBalance(books: CapacityBooks): Checker {
  return {
    ...invariant,
    onEvent(e) {
      if (e.kind !== "ec2" && e.kind !== "capacity" && e.kind !== "spot") return undefined;
      return books.problems()[0];
    },
  };
}
