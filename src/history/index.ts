/**
 * The run history (issue 10): what the CLI calls. After every command:
 *
 *   const context = runContext({ projectDir });          // at the start: git runs meanwhile
 *   ...
 *   await recordHistory(outDir, fromCpuResults(results, await context));   // never throws
 *
 * (the builders tell an interrupted run from the results: a workload's state, or `interrupted`)
 *
 * and for `profile report`: the files of `--history` (they replace the output directory's own; name
 * it among them to include it), else the output directory's own, where a missing file is no history:
 *
 *   const { records, unreadable } = flags.history
 *     ? await readHistories(flags.history)
 *     : await readHistories([historyPath(outDir)], { missingIsEmpty: true });
 *
 * then `historyTrends(records)` is PageData['history'], and `unreadable` goes into PageData['unreadable'].
 */

export { HISTORY_FILE, historyPath } from '../store/perfsuite-dir.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_RUNS, recordHistory } from './append.js';
export { type RunContextOptions, runContext } from './context.js';
export { gitInfo } from './git.js';
export { type ReadHistoriesOptions, readHistories, type UnreadableHistory } from './read.js';
export {
  fromCpuResults,
  fromMemoryResults,
  fromValidateResult,
  type HistoryRecord,
  type RunContext,
} from './record.js';
export { historyTrends, TREND_RULE } from './trends.js';
