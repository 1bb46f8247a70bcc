/**
 * A class loaded on first use. `new`, static members, `instanceof` and `extends` all reach the
 * real class, which is `require`d the first time any of them is used. Why: each AWS provider class
 * costs ~6 ms of cold `require('cdktf-resilience')` (budget 300 ms, `bench/suites/cold-require.ts`),
 * and a stack uses only the classes of the engines it builds.
 */
export function lazyClass<C extends abstract new (...args: never[]) => unknown>(load: () => C): C {
  let real: C | undefined;
  const get = (): C => {
    real ??= load();
    return real;
  };
  // A plain function as target, so the proxy is constructible; every trap forwards to the real class.
  const proxy: C = new Proxy(function lazy() {} as unknown as C, {
    construct: (_target, args, newTarget) => Reflect.construct(get() as never, args, newTarget === proxy ? get() : newTarget),
    get: (_target, key) => Reflect.get(get(), key),
    has: (_target, key) => Reflect.has(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
  return proxy;
}
