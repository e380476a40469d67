/** Command-line options of the benchmarks: `--name value`. */

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--name` as a positive number, `fallback` when absent; anything else stops the bench with a message. */
export function positiveArg(name: string, fallback: number): number {
  const value = Number(arg(name) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
