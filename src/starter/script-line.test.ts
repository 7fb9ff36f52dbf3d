import { describe, expect, it } from 'vitest';
import { namedFiles, nodeFile, scriptCommands } from './script-line.js';

describe('scriptCommands', () => {
  it('reads each command of a list, with the variables it sets', () => {
    expect(scriptCommands('NODE_ENV=production node server.js --port 3 && echo "done"')).toEqual([
      { env: { NODE_ENV: 'production' }, argv: ['node', 'server.js', '--port', '3'] },
      { env: {}, argv: ['echo', 'done'] },
    ]);
  });

  it('gives up on what only a shell does', () => {
    expect(scriptCommands('node $ENTRY')).toBeUndefined();
    expect(scriptCommands('node a.js > out.txt')).toBeUndefined();
  });
});

describe('nodeFile and namedFiles', () => {
  it('find the file a Node runner runs, and the files other programs name', () => {
    expect(nodeFile({ env: {}, argv: ['tsx', 'src/a.ts', 'x'] })).toEqual({
      runner: 'tsx',
      file: 'src/a.ts',
      args: ['x'],
      env: {},
    });
    expect(nodeFile({ env: {}, argv: ['node', '--inspect', 'a.js'] })).toBeUndefined();
    expect(
      namedFiles({ env: {}, argv: ['mocha', 'test/a.test.js', 'test/**/*.js', '--config=x.js'] }),
    ).toEqual(['test/a.test.js']);
  });
});
