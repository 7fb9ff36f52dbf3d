import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../model/profile.js';
import { withoutAgentSamples } from './agent-samples.js';

const names = (profile: ReturnType<ProfileBuilder['build']>) =>
  profile.samples.map((s) => s.stack.map((id) => profile.frames[id]?.name).join(';'));

describe('withoutAgentSamples', () => {
  it('drops every sample with a frame in the agent directory, as a path or a file URL', () => {
    const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    const main = builder.frameId({ name: 'main', file: '/app/main.js' });
    const work = builder.frameId({ name: 'work', file: '/app/work.js' });
    const save = builder.frameId({ name: 'writeSourceMaps', file: '/pkg/dist/agent/source-map-dump.cjs' });
    const load = builder.frameId({ name: '(anonymous)', file: 'file:///pkg/dist/agent/preload.cjs' });
    const lookalike = builder.frameId({ name: 'x', file: '/pkg/dist/agent-not/x.js' });
    builder.addSample([main, work], [5]);
    builder.addSample([main, save], [2]);
    builder.addSample([load], [1]);
    builder.addSample([lookalike], [3]);
    const kept = withoutAgentSamples(builder.build(), ['/pkg/dist/agent']);
    expect(kept.samples.map((s) => s.values[0])).toEqual([5, 3]);
  });

  it('knows the agent by its sources too, where the profiler mapped its frames', () => {
    const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    const main = builder.frameId({ name: 'main', file: '/app/main.js' });
    const stop = builder.frameId({ name: 'writeProfile', file: '/pkg/src/agent/pprof.cts' });
    builder.addSample([main], [4]);
    builder.addSample([main, stop], [2]);
    const kept = withoutAgentSamples(builder.build(), ['/pkg/dist/agent', '/pkg/src/agent']);
    expect(kept.samples.map((s) => s.values[0])).toEqual([4]);
  });

  it("keeps a parked worker's wait as the program's, without the agent's Atomics.wait wrapper", () => {
    const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    const loop = builder.frameId({
      name: 'atomicsWaitLoop',
      file: '/app/node_modules/piscina/dist/worker.js',
    });
    const mapped = builder.frameId({
      name: 'Atomics.wait',
      file: '/pkg/src/agent/worker-flush.cts',
      line: 70,
    });
    const built = builder.frameId({
      name: 'Atomics.wait',
      file: '/pkg/dist/agent/worker-flush.cjs',
      line: 52,
    });
    const flush = builder.frameId({ name: 'flushNow', file: '/pkg/src/agent/worker-flush.cts', line: 40 });
    builder.addSample([loop, mapped], [23]);
    builder.addSample([loop, built], [7]);
    builder.addSample([loop, mapped, flush], [2]);
    const kept = withoutAgentSamples(builder.build(), ['/pkg/dist/agent', '/pkg/src/agent']);
    expect(names(kept)).toEqual(['atomicsWaitLoop', 'atomicsWaitLoop']);
    expect(kept.samples.map((s) => s.values[0])).toEqual([23, 7]);
  });
});
