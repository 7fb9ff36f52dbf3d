/** `demo dev`: the real chokidar watcher, in a spawned CLI and through the library. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { type DevFeedback, startDevWatcher } from '../../examples/demo/src/lib/dev.js';
import { loadProject } from '../../examples/demo/src/lib/project.js';
import { CLI, copyOfStarter, TSX } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** Resolves with the accumulated output once `pattern` appears in it. */
function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
  });
}

describe('demo dev', () => {
  it('re-renders a changed test and the users of a changed template, then exits 0 on SIGINT', async () => {
    const { dir, cleanup } = copyOfStarter('dev-cli');
    cleanups.push(cleanup);
    const child = execa('node', ['--import', TSX, CLI, 'dev'], { cwd: dir, reject: false });
    await waitForOutput(child.stdout, /watching tests and templates/);

    const smoke = path.join(dir, 'tests', 'smoke.toml');
    writeFileSync(smoke, readFileSync(smoke, 'utf8').replace('environment = "local"', 'environment = "qa"'));
    await waitForOutput(child.stdout, /ok tests\/smoke.toml -> out\/smoke.md in [\d.]+ ms \(parse/);
    expect(readFileSync(path.join(dir, 'out', 'smoke.md'), 'utf8')).toContain('# smoke (qa)');

    const partial = path.join(dir, 'templates', 'partials', 'service.md.liquid');
    writeFileSync(partial, `${readFileSync(partial, 'utf8')} (watched)`);
    const seen = await waitForOutput(child.stdout, /ok tests\/checkout.toml.*\[templates\/partials/);
    expect(seen).toMatch(/ok tests\/checkout.toml -> out\/checkout.md/);
    expect(readFileSync(path.join(dir, 'out', 'checkout.md'), 'utf8')).toContain('(watched)');

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('stopped (SIGINT)');
  });

  it('renders the last of two saves made within chokidar 50 ms change throttle', async () => {
    const { dir, cleanup } = copyOfStarter('dev-lib');
    cleanups.push(cleanup);
    const project = loadProject(dir);
    const smoke = path.join(dir, 'tests', 'smoke.toml');
    const original = readFileSync(smoke, 'utf8');
    const feedback: DevFeedback[] = [];
    const watcher = startDevWatcher(project, (f) => feedback.push(f));
    try {
      await watcher.ready;
      // A first, timed-out-of-the-way save warms up the render path so the next two are close.
      writeFileSync(smoke, original.replace('"local"', '"warm"'));
      await expect.poll(() => feedback.length, { timeout: 10_000, interval: 20 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeFileSync(smoke, original.replace('"local"', '"first"'));
      // chokidar reports the first save within a few ms; a second save 20 ms later falls inside its
      // 50 ms window and chokidar drops it, so only the watcher's re-check can render it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeFileSync(smoke, original.replace('"local"', '"second"'));
      await expect
        .poll(() => feedback.at(-1)?.output?.includes('# smoke (second)'), { timeout: 10_000, interval: 20 })
        .toBe(true);
      const last = feedback.at(-1);
      expect(last?.ok).toBe(true);
      expect(last?.timings?.renderMs).toBeGreaterThan(0);
    } finally {
      await watcher.close();
    }
  });
});
