import type { Checker } from "../../sim/checker";

/** A read-only view of the capacity books (the mock cloud's `ec2.pools`). */
export interface CapacityBooks {
  /** Every broken accounting rule, as sentences. */
  problems(): readonly string[];
}

/**
 * Capacity is never counted twice: no (zone, instance type) pool holds more slots than it has, and
 * no reservation runs more instances than it reserves. Checked after every EC2, capacity or spot
 * event (the only events that move slots).
 */
export function capacityBooksBalance(books: CapacityBooks): Checker {
  return {
    id: "cloud-capacity-books-balance",
    onEvent(e) {
      if (e.kind !== "ec2" && e.kind !== "capacity" && e.kind !== "spot") return undefined;
      return books.problems()[0];
    },
  };
}
