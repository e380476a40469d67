/**
 * `load` memoised by `keyOf(arg)`: the first call for a key starts it, later calls share its promise. A sweep uses
 * one to read (or prepare) each person or customer once, however many of its rows name them.
 */
export function oncePerKey<A, V>(keyOf: (arg: A) => string, load: (arg: A) => Promise<V>): (arg: A) => Promise<V> {
  const started = new Map<string, Promise<V>>();
  return (arg) => {
    const key = keyOf(arg);
    let promise = started.get(key);
    if (!promise) started.set(key, promise = load(arg));
    return promise;
  };
}
