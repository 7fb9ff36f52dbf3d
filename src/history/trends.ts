/**
 * What the report page draws of the history (PageData['history']): the runs, each measurement's
 * trend over them with the runs where it regressed or improved marked, and "since the last run":
 * each measurement in the last run that covered it against the run before it. Every comparison is
 * between runs of one machine (machines of a merged history are told apart by series.ts
 * machineLabel) and judged by one rule (change-rule.ts), the same for the marks and the table.
 */

import { betterOf, type Unit } from '../validate/measurement.js';
import {
  HISTORY_K,
  HISTORY_STEPS,
  judgeStep,
  NOISE_FLOOR_PCT,
  type RunValue,
  SINGLE_RUN_FLOOR_PCT,
  WITHIN_RUN_Z,
} from './change-rule.js';
import type { HistoryRecord } from './record.js';
import { machineLabel, recordScopes, recordValues, type SeriesValue } from './series.js';
import type { HistoryData, HistoryMove, HistoryMoveVerdict, HistorySeries } from './trend-types.js';

/** The rule, for the page to state beside the verdicts. */
export const TREND_RULE =
  `A change between two runs is a regression or an improvement when it is bigger than the largest of ` +
  `${NOISE_FLOOR_PCT}% (${SINGLE_RUN_FLOOR_PCT}% for a single run), ${HISTORY_K} times the median ` +
  `run-to-run change of its last ${HISTORY_STEPS} runs (3 standard deviations of its noise), and ` +
  `${WITHIN_RUN_Z} standard errors of the two medians (from each run's p95 and sample count).`;

/** The order of the "since the last run" table: what needs a look first. */
const MOVE_ORDER: HistoryMoveVerdict[] = [
  'regressed',
  'improved',
  'new',
  'gone',
  'not comparable',
  'within noise',
];

interface Point extends RunValue {
  run: number;
}

interface Building {
  id: string;
  unit: Unit;
  machine: string;
  scope: string;
  points: Point[];
}

const oneDecimal = (x: number): number => Math.round(x * 10) / 10;

/** Records oldest first; equal times keep their order (mergeRecords sorts them so already). */
function byTime(records: readonly HistoryRecord[]): HistoryRecord[] {
  return records
    .map((record, index) => ({ record, index, t: Date.parse(record.t) }))
    .sort((a, b) => a.t - b.t || a.index - b.index)
    .map((x) => x.record);
}

function point(run: number, value: SeriesValue): Point {
  return { run, median: value.median, ...(value.p95 === undefined ? {} : { p95: value.p95 }), n: value.n };
}

/** The history's page data; empty lists for no records, no moves for a single run. */
export function historyTrends(input: readonly HistoryRecord[]): HistoryData {
  const records = byTime(input);
  const runs: HistoryData['runs'] = records.map((r) => ({
    id: r.id,
    t: r.t,
    command: r.cmd,
    machine: machineLabel(r.machine),
    ...(r.git?.commit ? { commit: r.git.commit } : {}),
    ...(r.git?.branch ? { branch: r.git.branch } : {}),
    ...(r.git ? { dirty: r.git.dirty } : {}),
    ...(r.interrupted ? { interrupted: true } : {}),
  }));

  // Series by machine, id and unit (a unit change starts a new series), and the runs covering each scope.
  const series = new Map<string, Building>();
  const covering = new Map<string, number[]>();
  records.forEach((record, run) => {
    const machine = runs[run]?.machine as string;
    const values = recordValues(record);
    for (const scope of recordScopes(record, values)) {
      const key = `${machine}\u0000${scope}`;
      const list = covering.get(key);
      if (list) list.push(run);
      else covering.set(key, [run]);
    }
    for (const value of values) {
      const key = `${machine}\u0000${value.id}\u0000${value.unit}`;
      let s = series.get(key);
      if (!s) {
        s = { id: value.id, unit: value.unit, machine, scope: value.scope, points: [] };
        series.set(key, s);
      }
      s.points.push(point(run, value));
    }
  });

  const out: HistorySeries[] = [];
  const moved: HistoryMove[] = [];
  for (const s of series.values()) {
    const better = betterOf(s.unit);
    const medians = s.points.map((p) => p.median);
    // The history term looks at the last HISTORY_STEPS steps only: pass no more (200 runs stay linear).
    const judge = (k: number) =>
      judgeStep(
        s.points[k - 1] as Point,
        s.points[k] as Point,
        medians.slice(Math.max(0, k - 1 - HISTORY_STEPS), k - 1),
        better,
      );
    const marks: HistorySeries['marks'] = [];
    for (let k = 1; k < s.points.length; k++) {
      const { change, band, verdict } = judge(k);
      if ((verdict === 'regressed' || verdict === 'improved') && change !== null) {
        marks.push({
          run: (s.points[k] as Point).run,
          verdict,
          change: oneDecimal(change),
          band: oneDecimal(band),
        });
      }
    }
    out.push({
      id: s.id,
      unit: s.unit,
      better,
      machine: s.machine,
      points: s.points.map((p) =>
        p.p95 === undefined || p.p95 === p.median ? [p.run, p.median] : [p.run, p.median, p.p95],
      ),
      marks,
    });

    // The runs that covered this measurement: those of its scope, and those that have it (an
    // interrupted run covers only what it measured). Only the last two matter.
    const scopeRuns = (covering.get(`${s.machine}\u0000${s.scope}`) ?? []).slice(-2);
    const pointRuns = s.points.slice(-2).map((p) => p.run);
    const covers = [...new Set([...scopeRuns, ...pointRuns])].sort((a, b) => a - b);
    const lastCover = covers.at(-1) as number;
    const previousCover = covers.at(-2);
    const last = s.points.at(-1) as Point;
    const base = { id: s.id, machine: s.machine, unit: s.unit };
    if (last.run === lastCover && s.points.length >= 2) {
      const before = s.points.at(-2) as Point;
      const { change, band, verdict } = judge(s.points.length - 1);
      moved.push({
        ...base,
        verdict,
        afterRun: last.run,
        beforeRun: before.run,
        before: before.median,
        after: last.median,
        ...(change === null ? {} : { change: oneDecimal(change) }),
        band: oneDecimal(band),
      });
    } else if (last.run === lastCover && previousCover !== undefined) {
      moved.push({ ...base, verdict: 'new', afterRun: last.run, after: last.median });
    } else if (last.run !== lastCover && last.run === previousCover) {
      moved.push({ ...base, verdict: 'gone', afterRun: lastCover, beforeRun: last.run, before: last.median });
    }
  }

  moved.sort(
    (a, b) =>
      MOVE_ORDER.indexOf(a.verdict) - MOVE_ORDER.indexOf(b.verdict) ||
      Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.machine < b.machine ? -1 : a.machine > b.machine ? 1 : 0),
  );
  return { runs, series: out, moved, rule: TREND_RULE };
}
