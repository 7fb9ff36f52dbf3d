/**
 * Which allocation sites hold more memory at the end of a run than early on: the in-use bytes of each
 * site in the early and the last heap profile, compared. A site is the leaf frame of a sample (the
 * function that allocated), so a leak shows up where it allocates, not where it is called from.
 *
 * Caveat (measured): V8's sampling heap profiler attributes allocations of an inlined function to its
 * caller, so a hot leaking helper may appear under the function that calls it.
 */
import type { Profile } from '../model/profile.js';
import type { HeapSiteGrowth } from './result.js';

/** Options of `heapSiteGrowth`. */
export interface HeapSiteGrowthOptions {
  /**
   * Most sites to return (the largest growers).
   * @default 10
   */
  limit: number;
  /**
   * Growth at or below this many bytes is not reported. A sampling heap profiler records an object
   * with probability about size / interval and scales each sample up to about one interval, so a site
   * that gained a single sample (one interval's worth) may not have grown at all.
   * @default 1.5 x the late profile's sampling interval when it is in bytes, else 0
   */
  minGrowthBytes: number;
}

const defaults = { limit: 10 };

/** 1.5 sampling intervals: one extra sample is chance, two are growth. */
function defaultMinGrowth(late: Profile): number {
  const period = late.meta.period;
  return period && period.type.unit === 'bytes' && period.value > 0 ? 1.5 * period.value : 0;
}

// Code-unit order, not localeCompare: the same on every machine whatever its locale.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Site {
  name: string;
  file?: string;
  line?: number;
  bytes: number;
}

/**
 * Index of the in-use bytes value: `inuse_space/bytes` as @datadog/pprof and Go write it, else the
 * first value measured in bytes. Found by type because merged or re-encoded profiles may reorder them.
 */
export function inuseBytesIndex(profile: Profile): number {
  const exact = profile.valueTypes.findIndex((vt) => vt.type === 'inuse_space' && vt.unit === 'bytes');
  if (exact >= 0) return exact;
  const anyBytes = profile.valueTypes.findIndex((vt) => vt.unit === 'bytes');
  if (anyBytes >= 0) return anyBytes;
  const types = profile.valueTypes.map((vt) => `${vt.type}/${vt.unit}`).join(', ');
  throw new Error(`not a heap profile: no value is measured in bytes (value types: ${types || 'none'})`);
}

// Column is left out of the key: a site is a function at a line, as the report shows it.
const siteKey = (name: string, file?: string, line?: number): string =>
  `${name}\u0000${file ?? ''}\u0000${line ?? 0}`;

/** In-use bytes per allocation site (leaf frame) of one profile. */
function bytesBySite(profile: Profile): Map<string, Site> {
  const valueIndex = inuseBytesIndex(profile);
  const sites = new Map<string, Site>();
  for (const sample of profile.samples) {
    const leaf = profile.frames[sample.stack[sample.stack.length - 1] ?? -1];
    const bytes = sample.values[valueIndex] ?? 0;
    if (leaf === undefined || bytes === 0) continue;
    const key = siteKey(leaf.name, leaf.file, leaf.line);
    const site = sites.get(key);
    if (site) site.bytes += bytes;
    else {
      const fresh: Site = { name: leaf.name, bytes };
      if (leaf.file !== undefined) fresh.file = leaf.file;
      if (leaf.line !== undefined) fresh.line = leaf.line;
      sites.set(key, fresh);
    }
  }
  return sites;
}

/**
 * The allocation sites whose in-use bytes grew from `early` to `late`, largest growth first (ties by
 * name, file, line so the order is stable); sites that shrank, stayed level or grew by no more than
 * `minGrowthBytes` are left out.
 */
export function heapSiteGrowth(
  early: Profile,
  late: Profile,
  opts: Partial<HeapSiteGrowthOptions> = {},
): HeapSiteGrowth[] {
  const { limit, minGrowthBytes } = { ...defaults, minGrowthBytes: defaultMinGrowth(late), ...opts };
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`limit must be a whole number >= 0, got ${limit}`);
  if (!(minGrowthBytes >= 0)) throw new Error(`minGrowthBytes must be >= 0, got ${minGrowthBytes}`);
  const before = bytesBySite(early);
  const grown: HeapSiteGrowth[] = [];
  for (const [key, site] of bytesBySite(late)) {
    const earlyBytes = before.get(key)?.bytes ?? 0;
    const growthBytes = site.bytes - earlyBytes;
    if (growthBytes <= 0 || growthBytes <= minGrowthBytes) continue;
    const row: HeapSiteGrowth = { name: site.name, earlyBytes, lateBytes: site.bytes, growthBytes };
    if (site.file !== undefined) row.file = site.file;
    if (site.line !== undefined) row.line = site.line;
    grown.push(row);
  }
  grown.sort(
    (a, b) =>
      b.growthBytes - a.growthBytes ||
      compareText(a.name, b.name) ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  return grown.slice(0, limit);
}
