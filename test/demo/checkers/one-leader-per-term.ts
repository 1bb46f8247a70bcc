import type { Checker } from "../../../runtime/sim";

/** Election safety: at most one replica is elected in any term. */
export function oneLeaderPerTerm(): Checker {
  const leaders = new Map<number, string>();
  return {
    id: "one-leader-per-term",
    onEvent(e) {
      if (e.kind !== "elected") return undefined;
      const { term } = e.data as { term: number };
      const first = leaders.get(term);
      if (first !== undefined && first !== e.subject) return `${e.subject} and ${first} were both elected in term ${term}`;
      leaders.set(term, e.subject);
      return undefined;
    },
  };
}
