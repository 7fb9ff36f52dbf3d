/**
 * Memory scenario `doubling_structure` (deliberately faulty, expected exponential growth): a
 * history of rendered revisions with a compaction bug. Every 100 ms a new revision of a test
 * definition is rendered (the demo renderer) and recorded with its line index; the faulty
 * compaction meanwhile copies old records back into the history instead of dropping them, in small
 * steps, so the history doubles every 4 s: about 2 MB at the start, 150 MB after 25 s, capped at
 * 512 MB so that a long run stays under 1 GB.
 */
import { probe } from 'perfsuite/probe';
import { parseDefinition } from '../../src/lib/definition.js';
import { createRenderer, renderDefinition } from '../../src/lib/render.js';
import { definitionText, writeProject } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import { everyInterval, megabytes, runScenario } from './scenario.js';

const TICK_MS = 100;
const DOUBLING_SEC = 4;
const START_BYTES = 2e6;
const CAP_BYTES = 512e6;
/**
 * Heap retained by one record (measured with heapUsed after a full GC: the object and its own
 * array of line offsets; the rendered text is shared by all copies of a revision).
 */
const BYTES_PER_RECORD = 700;

/** One rendered revision: its text and where each of its lines starts. */
interface HistoryRecord {
  revision: number;
  output: string;
  lineStarts: number[];
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The fault: compaction copies the oldest records back in (fresh arrays) instead of removing them. */
function compactStep(history: HistoryRecord[], cursor: number): HistoryRecord {
  const old = history[cursor % history.length] as HistoryRecord;
  return { revision: old.revision, output: old.output, lineStarts: [...old.lineStarts] };
}

await runScenario('doubling_structure', (stop) =>
  withTempDir('mem-double', async (dir) => {
    const size = { services: 10, scenarios: 30, stepsPerScenario: 3 };
    const project = writeProject(dir, 0, 'medium', size);
    const renderer = createRenderer(project.templatesDir);
    const history: HistoryRecord[] = [];
    let revision = 0;
    let copies = 0;
    await everyInterval(stop, TICK_MS, (elapsedSec) => {
      const definition = parseDefinition(
        definitionText('history', 'medium', size, ++revision),
        'history.toml',
      );
      const output = renderDefinition(renderer, definition, 'history');
      history.push({ revision, output, lineStarts: lineStartsOf(output) });
      const targetBytes = Math.min(CAP_BYTES, START_BYTES * 2 ** (elapsedSec / DOUBLING_SEC));
      while (history.length * BYTES_PER_RECORD < targetBytes) history.push(compactStep(history, copies++));
      probe.iteration();
    });
    return `${revision} revisions, ${history.length} records (about ${megabytes(history.length * BYTES_PER_RECORD)})`;
  }),
);
