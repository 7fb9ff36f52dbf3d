/**
 * Scanning a templates folder: every `.liquid` file read and parsed once. Lint uses it to know
 * which templates exist and which do not parse; the `file_ops scan` workload measures it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Renderer } from './render.js';

/** One template found by a scan. */
export interface TemplateInfo {
  /** Path relative to the templates folder, with `/` separators: how tests name it. */
  name: string;
  bytes: number;
  /** Number of top-level Liquid nodes (text, outputs, tags): a cheap measure of its size. */
  nodes: number;
  /** The parse error's first line, when the template does not parse. */
  error?: string;
}

/** Lists, reads and parses every template under `templatesDir`, sorted by name. */
export function scanTemplates(templatesDir: string, renderer: Renderer): TemplateInfo[] {
  let names: string[];
  try {
    names = readdirSync(templatesDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.liquid'))
    .sort()
    .map((relative) => {
      const name = relative.split(path.sep).join('/');
      const source = readFileSync(path.join(templatesDir, relative), 'utf8');
      try {
        return { name, bytes: Buffer.byteLength(source), nodes: renderer.parse(source).length };
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        return { name, bytes: Buffer.byteLength(source), nodes: 0, error: message };
      }
    });
}
