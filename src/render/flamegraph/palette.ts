/**
 * Frame colours. A frame's colour depends only on its kind and its name, through a hash, never on a
 * random number or on its position, so the same function has the same colour in every graph and
 * golden files stay stable (inferno does the same with a fixed seed).
 */
import type { FrameKind } from './classify.js';

/** 32-bit FNV-1a of a string's UTF-16 code units: tiny, fast and well spread for short names. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Per kind: base hue, hue spread, saturation and lightness ranges (HSL, degrees and percent). Warm
// for the project's own code (what the reader can change), cool for dependencies, green for Node's
// internals, grey-violet for the engine's pseudo-frames.
const families: Record<FrameKind, { hue: number; spread: number; sat: number; light: number }> = {
  app: { hue: 12, spread: 36, sat: 80, light: 58 },
  dependency: { hue: 188, spread: 30, sat: 55, light: 58 },
  node: { hue: 92, spread: 36, sat: 45, light: 55 },
  native: { hue: 255, spread: 20, sat: 12, light: 66 },
  root: { hue: 0, spread: 0, sat: 0, light: 78 },
};

function toHex(n: number): string {
  const clamped = Math.max(0, Math.min(255, Math.round(n)));
  return clamped.toString(16).padStart(2, '0');
}

/** `#rrggbb` of an HSL colour (hue in degrees, saturation and lightness in percent). */
export function hslToHex(hue: number, sat: number, light: number): string {
  const s = sat / 100;
  const l = light / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return `#${toHex(channel(0))}${toHex(channel(8))}${toHex(channel(4))}`;
}

/** The fill of a frame: its kind's family, varied within it by a hash of the name. */
export function frameColor(kind: FrameKind, name: string): string {
  const family = families[kind];
  const hash = hashName(name);
  const hue = family.hue + ((hash & 0xff) / 255) * family.spread;
  const sat = family.sat + (((hash >>> 8) & 0xff) / 255) * 10 - 5;
  const light = family.light + (((hash >>> 16) & 0xff) / 255) * 10 - 5;
  return hslToHex(hue, family.spread === 0 ? family.sat : sat, family.spread === 0 ? family.light : light);
}

/** The legend swatch of a kind: its family's middle colour. */
export function kindSwatchColor(kind: FrameKind): string {
  const family = families[kind];
  return hslToHex(family.hue + family.spread / 2, family.sat, family.light);
}

/**
 * The fill of a frame in a differential graph. `change` is the frame's share of the new total minus
 * its share of the base total; `maxChange` the largest absolute change among all frames, so the most
 * changed frame is fully saturated and an unchanged one is near white. Red: grew (slower or bigger);
 * blue: shrank (faster or smaller).
 */
export function diffColor(change: number, maxChange: number): string {
  const strength = maxChange > 0 ? Math.min(1, Math.abs(change) / maxChange) : 0;
  // A square root keeps small but real changes visible next to one dominant change.
  const t = Math.sqrt(strength);
  const white = [245, 245, 245] as const;
  const target = change > 0 ? ([214, 39, 40] as const) : ([31, 95, 214] as const);
  const mix = (i: 0 | 1 | 2): string => toHex(white[i] + (target[i] - white[i]) * t);
  return `#${mix(0)}${mix(1)}${mix(2)}`;
}
