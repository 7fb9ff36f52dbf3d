/**
 * Importer for 0x's stack tree (`stacks.<pid>.json`, written with --tree-debug): nodes
 * `{ name: "fn file:line:col [TIER]", value: total ticks, top: self ticks, children }`. The merged
 * tree (optimisation tiers folded together) is the one used; the tier tag is dropped from names.
 */
import { type Frame, type Profile, ProfileBuilder, ProfileFormatError } from './profile.js';

interface TreeNode {
  name: string;
  top?: number;
  children?: TreeNode[];
}

// "hotLoop file:///a/b.ts:1:131 [TURBOFAN]" / "(anonymous) node:internal/x:1:1" / "__write [CPP]"
const LOCATION = /^(.*?) ((?:file:\/\/|node:|\/)\S*?):(\d+):(\d+)$/;
const TIER = / \[[A-Z_]+\]$/;

/** A frame from a V8 tick name, `fn file:line:col` with or without its tier tag (0x and clinic flame write them). */
export function frameOfTick(raw: string): Frame {
  const name = raw.replace(TIER, '');
  const match = LOCATION.exec(name);
  if (!match) return { name };
  const [, fn = '', file = '', line = '0', column = '0'] = match;
  return {
    name: fn || '(anonymous)',
    file: file.startsWith('file://') ? decodeURIComponent(new URL(file).pathname) : file,
    line: Number(line),
    column: Number(column),
  };
}

export function fromZeroXTree(input: string | object, source: string): Profile | null {
  let doc: unknown;
  try {
    doc = typeof input === 'string' ? JSON.parse(input) : input;
  } catch {
    return null;
  }
  const root = (doc as { merged?: TreeNode } | null)?.merged;
  if (!root || typeof root !== 'object') return null;
  if (!Array.isArray(root.children)) throw new ProfileFormatError('0x', source, '"merged" has no children');

  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }], { engine: '0x' });
  // Iterative walk: deep recursion in user code must not overflow our stack.
  const pending: { node: TreeNode; stack: number[] }[] = root.children.map((node) => ({ node, stack: [] }));
  while (pending.length > 0) {
    const { node, stack: parent } = pending.pop() as { node: TreeNode; stack: number[] };
    const stack = [...parent, builder.frameId(frameOfTick(String(node.name)))];
    if ((node.top ?? 0) > 0) builder.addSample(stack, [node.top ?? 0]);
    for (const child of node.children ?? []) pending.push({ node: child, stack });
  }
  return builder.build();
}
