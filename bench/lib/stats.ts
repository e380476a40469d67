/** The q-quantile (0–1) of ascending samples: the sample at that rank, NaN for none. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
