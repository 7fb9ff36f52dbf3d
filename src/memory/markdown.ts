/**
 * The Markdown helpers memory_summary.md uses. They moved to src/render/markdown.ts, shared with the
 * `profile validate` report; this re-export keeps the memory imports working.
 */
export { mdCode, mdHref, mdTable, mdText } from '../render/markdown.js';
