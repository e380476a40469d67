/**
 * Where a V8 CPU profile (`node --cpu-prof`, bench/actions.ts --cpu-prof) spends its time: the top self-time
 * functions, and self time summed by group (the package a function lives in, or the part of src/ it belongs to), so
 * "JSON", "templating", "restify", "better-sqlite3" and the like can be read at a glance.
 *
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/sqlite.cpuprofile            # top 30 functions and the groups
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/sqlite.cpuprofile --top 50
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/sqlite.cpuprofile --inclusive 'replaceCustomer'
 *   npx tsx bench/lib/profile-summary.ts /tmp/prof/sqlite.cpuprofile --last 10    # the last 10 s only
 *
 * `--inclusive <regex>`: also prints the total time (self + callees) of the functions whose name matches, each
 * counted once per sample however deep it recurs (the synchronous part only: a stack ends at an await).
 * `--last <seconds>`: only the samples of the profile's last seconds, e.g. the bench's measured phase without the
 * server's start-up, seeding and warm-up (the profile ends when the server stops, just after the phase).
 */
import fs from 'node:fs';
import { arg, positiveArg } from './args';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The group of a frame: a package name, a part of the source tree, or what V8 calls it. */
export function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const src = /\/(src|bench|test)\/([^/]+\/)?/.exec(url);
  if (src) return `${src[1]}/${src[2] ?? ''}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] ?? ''}`;
  return url;
}

function label(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/(node_modules|src|bench|test)\//, '$1/').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

interface Summary {
  totalMs: number;
  byFunction: { name: string; group: string; ms: number }[];
  byGroup: { group: string; ms: number }[];
  inclusive: { name: string; ms: number }[];
}

export function summarise(profile: CpuProfile, inclusivePattern?: RegExp, lastSeconds?: number): Summary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const selfMs = new Map<number, number>();
  // Sample i was taken at startTime + the deltas up to i (microseconds).
  let at = profile.startTime;
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const byFunction = new Map<string, { name: string; group: string; ms: number }>();
  const byGroup = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const node = nodes.get(id);
    if (!node) continue;
    totalMs += ms;
    const name = label(node.callFrame);
    const group = groupOf(node.callFrame);
    const entry = byFunction.get(name) ?? { name, group, ms: 0 };
    entry.ms += ms;
    byFunction.set(name, entry);
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    if (!inclusivePattern) continue;
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = nodes.get(up)?.callFrame;
      if (!frame || !inclusivePattern.test(frame.functionName)) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const desc = <T extends { ms: number }>(a: T, b: T): number => b.ms - a.ms;
  return {
    totalMs,
    byFunction: [...byFunction.values()].sort(desc),
    byGroup: [...byGroup].map(([group, ms]) => ({ group, ms })).sort(desc),
    inclusive: [...inclusive].map(([name, ms]) => ({ name, ms })).sort(desc),
  };
}

function main(): void {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N] [--inclusive regex]');
  const top = Math.round(positiveArg('top', 30));
  const pattern = arg('inclusive');
  const last = arg('last') === undefined ? undefined : positiveArg('last', 1);
  const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, pattern ? new RegExp(pattern) : undefined, last);
  const pct = (ms: number): string => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${(s.totalMs / 1000).toFixed(1)} s sampled\n\nself time by group:`);
  for (const g of s.byGroup.slice(0, top)) console.log(`  ${pct(g.ms)} ${g.ms.toFixed(0).padStart(7)} ms  ${g.group}`);
  console.log(`\ntop ${top} functions by self time:`);
  for (const f of s.byFunction.slice(0, top)) console.log(`  ${pct(f.ms)} ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  [${f.group}]`);
  if (pattern) {
    console.log(`\ntotal time (self + callees) of functions matching /${pattern}/:`);
    for (const f of s.inclusive.slice(0, top)) console.log(`  ${pct(f.ms)} ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
  }
}

if (require.main === module) main();
