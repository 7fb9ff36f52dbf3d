/**
 * The demo's own Liquid filters, registered by createRenderer beside liquidjs' built-in ones.
 *
 * `slug` turns a name into an anchor id (`Cart Total (EUR)` → `cart-total-eur`); the fixture
 * project's suite template gives every scenario one, so `demo render`, `dry-run`, `diff` and `run`
 * (the `commands` suite of profile.config.ts) call it.
 *
 * `DEMO_SLOW_FILTER=1` is a deliberate regression, for the worked example of perfsuite's "Finding why
 * it got slower" (README): `slug` then re-normalises its input SLOW_SLUG_ROUNDS times and keeps only
 * the last result, needless repeated work of about 0.12 s a call here, so that a `profile validate
 * --baseline` run has something to find without anyone editing code. The output is the same.
 * `demo render` of the fixture's checkout test (two scenarios) went from 0.88 s to 1.12 s here (medians
 * of 8 runs each, interleaved, 2-core VM): +28%.
 */

/** How often a slow `slug` call normalises its input: about 0.12 s on a 2-core VM. */
export const SLOW_SLUG_ROUNDS = 600_000;

/** Whether `DEMO_SLOW_FILTER=1` is set (read when a renderer is created). */
export const slowFilterEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.DEMO_SLOW_FILTER === '1';

/**
 * The `slug` filter: any value as text, accents taken off (NFKD, then the combining marks dropped),
 * lower case, and every run of other characters one hyphen, none at either end.
 */
function slug(value: unknown): string {
  const text = String(value ?? '')
    .normalize('NFKD')
    .toLowerCase();
  let id = '';
  let gap = false;
  for (const char of text) {
    if ((char >= 'a' && char <= 'z') || (char >= '0' && char <= '9')) {
      if (gap && id !== '') id += '-';
      id += char;
      gap = false;
    } else if (char < '\u0300' || char > '\u036f') {
      gap = true;
    }
  }
  return id;
}

/** `slug` done `rounds` times over, keeping the last id. */
function slugRepeatedly(value: unknown, rounds: number): string {
  let id = '';
  for (let round = 0; round < rounds; round++) id = slug(value);
  return id;
}

/**
 * `slug` the slow way (DEMO_SLOW_FILTER=1): the same id, normalised over and over on purpose, in
 * batches of 1,000. One long loop would be compiled by V8 while it runs (on-stack replacement), and
 * Node's CPU profiler charges the samples of such code to its caller, liquidjs' `Filter.render`: the
 * profiles would name liquidjs first (docs/attribution.md, "Limits").
 */
function slugSlowly(value: unknown): string {
  let id = '';
  for (let batch = 0; batch < SLOW_SLUG_ROUNDS / 1000; batch++) id = slugRepeatedly(value, 1000);
  return id;
}

/** The `slug` filter to register: slow when asked (DEMO_SLOW_FILTER=1). */
export const slugFilter = (slow: boolean): ((value: unknown) => string) => (slow ? slugSlowly : slug);
