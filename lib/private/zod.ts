import type * as Zod from "zod";

let loaded: typeof Zod | undefined;

/**
 * zod, loaded on first use. Requiring it costs ~80 ms, a quarter of the package's cold-start
 * budget (`bench/suites/cold-require.ts`), and only matters once a construct validates props.
 */
export function loadZod(): typeof Zod.z {
  loaded ??= require("zod") as typeof Zod;
  return loaded.z;
}

/** A schema built on first use (see {@link loadZod}); call the returned function to get it. */
export function lazySchema<S>(build: (z: typeof Zod.z) => S): () => S {
  let schema: S | undefined;
  return () => {
    schema ??= build(loadZod());
    return schema;
  };
}
