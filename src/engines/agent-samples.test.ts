import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../model/profile.js';
import { withoutAgentSamples } from './agent-samples.js';

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
    const kept = withoutAgentSamples(builder.build(), '/pkg/dist/agent');
    expect(kept.samples.map((s) => s.values[0])).toEqual([5, 3]);
  });
});
