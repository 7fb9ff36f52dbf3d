// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are shell words (${PORT}), not templates
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CommandLineError, splitCommandLine, substitutePort } from './command-line.js';

/** Quoting cases, each with the argv a POSIX shell gives (checked against /bin/sh below). */
const QUOTING: [string, string[]][] = [
  ['wrk -c 10 -d 5s http://localhost:3000/', ['wrk', '-c', '10', '-d', '5s', 'http://localhost:3000/']],
  ['  a \t b  c  ', ['a', 'b', 'c']],
  [`k6 run 'my script.js'`, ['k6', 'run', 'my script.js']],
  [
    `curl -H "Content-Type: application/json" -d '{"a": [1, 2]}'`,
    ['curl', '-H', 'Content-Type: application/json', '-d', '{"a": [1, 2]}'],
  ],
  [`a "" ''`, ['a', '', '']],
  [`a ""b c''`, ['a', 'b', 'c']],
  [`'it'\\''s' "it's" it\\'s`, ["it's", "it's", "it's"]],
  [`"a\\"b" "a\\\\b" "a\\b" "a\\$b" 'a\\b'`, ['a"b', 'a\\b', 'a\\b', 'a$b', 'a\\b']],
  [`a\\ b a\\\\b \\"q\\" \\|`, ['a b', 'a\\b', '"q"', '|']],
  ['one\\\ntwo "x\\\ny"', ['onetwo', 'xy']],
  [`'a | b' "c && d; e > f < g" '$(x) \`y\`' 'x#y'`, ['a | b', 'c && d; e > f < g', '$(x) `y`', 'x#y']],
  ['url?a=1 *.js [ab] ~/x {a,b} a#b', ['url?a=1', '*.js', '[ab]', '~/x', '{a,b}', 'a#b']],
  [`echo $ "a $" "$ b" 'x'"y"z`, ['echo', '$', 'a $', '$ b', 'xyz']],
  [`node -e "console.log('héllo ✓')"`, ['node', '-e', "console.log('héllo ✓')"]],
];

/** What /bin/sh makes of `text`, with globbing off and HOME pointing nowhere useful. */
function shellArgv(text: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `set -f; printf '%s\\0' ${text}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('splitCommandLine', () => {
  it.each(QUOTING)('splits %j', (text, argv) => {
    expect(splitCommandLine(text)).toEqual(argv);
  });

  it('agrees with /bin/sh on every quoting case', () => {
    // `~` would be expanded by the shell (we keep it, on purpose): compared without that case.
    for (const [text] of QUOTING.filter(([t]) => !t.includes('~'))) {
      expect(splitCommandLine(text), text).toEqual(shellArgv(text));
    }
  });

  it('keeps $PORT and ${PORT} for substitutePort, outside single quotes and inside', () => {
    expect(splitCommandLine(`wrk http://localhost:$PORT/ "--port=\${PORT}" '$PORT' $PORT/x`)).toEqual([
      'wrk',
      'http://localhost:$PORT/',
      '--port=${PORT}',
      '$PORT',
      '$PORT/x',
    ]);
  });

  it('returns no argument for an empty or blank line', () => {
    expect(splitCommandLine('')).toEqual([]);
    expect(splitCommandLine(' \t\n')).toEqual([]);
    expect(splitCommandLine('\n  wrk http://x/ \n')).toEqual(['wrk', 'http://x/']);
  });

  const REFUSED: [string, string, number][] = [
    ['a | b', '|', 3],
    ['a || b', '||', 3],
    ['a && b', '&&', 3],
    ['a & b', '&', 3],
    ['a; b', ';', 2],
    ['a > out.txt', '>', 3],
    ['a >> out.txt', '>>', 3],
    ['a 2>&1', '>', 4],
    ['a < in.txt', '<', 3],
    ['(a)', '(', 1],
    ['echo $(id)', '$(', 6],
    ['echo "x $(id)"', '$(', 9],
    ['echo `id`', '`', 6],
    ['echo "`id`"', '`', 7],
    ['echo $HOME', '$HOME', 6],
    ['echo "${HOME}"', '$HOME', 7],
    ['echo ${PORT:-3000}', '${', 6],
    ['echo $1 "$@"', '$1', 6],
    ['a # comment', '#', 3],
    ['a\nb', '\n', 2],
    ["a 'open", "'", 3],
    ['a "open', '"', 3],
    ['a "x\\"', '"', 3],
  ];

  it.each(REFUSED)('refuses %j, naming %j at column %d', (text, found, column) => {
    let error: unknown;
    try {
      splitCommandLine(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandLineError);
    const e = error as CommandLineError;
    expect(e.found).toBe(found);
    expect(e.column).toBe(column);
    expect(e.message).toContain(`column ${column}`);
    expect(e.message).toContain(text);
  });

  it('says to use the array form for what needs a shell, and to close a quote', () => {
    expect(() => splitCommandLine('wrk http://x | tee out')).toThrow(
      'the load command `wrk http://x | tee out` has the shell operator "|" at column 14: load commands run ' +
        'without a shell; quote it if it belongs to an argument, or give the load as an array in the config ' +
        '(["sh", "-c", "..."] if it needs a shell)',
    );
    expect(() => splitCommandLine(`k6 run 'x.js`)).toThrow(
      /a single quote that is never closed at column 8: close it/,
    );
    expect(() => splitCommandLine('curl $HOST')).toThrow(/only \$PORT is replaced/);
  });
});

describe('substitutePort', () => {
  it('replaces {port}, $PORT and ${PORT} wherever they are, and nothing else', () => {
    const argv = [
      'wrk',
      'http://localhost:{port}/a',
      '--port=$PORT',
      '${PORT}',
      '{port}:{port}',
      '$PORTS',
      '{Port}',
      '$port',
    ];
    expect(substitutePort(argv, 8080)).toEqual([
      'wrk',
      'http://localhost:8080/a',
      '--port=8080',
      '8080',
      '8080:8080',
      '$PORTS',
      '{Port}',
      '$port',
    ]);
    expect(argv[1]).toBe('http://localhost:{port}/a');
  });

  it('works on what splitCommandLine returns', () => {
    expect(substitutePort(splitCommandLine(`autocannon -c 5 "http://[::1]:$PORT/?q=a b"`), 3000)).toEqual([
      'autocannon',
      '-c',
      '5',
      'http://[::1]:3000/?q=a b',
    ]);
  });

  it('refuses what is not a port', () => {
    expect(() => substitutePort(['x'], 70000)).toThrow(RangeError);
    expect(() => substitutePort(['x'], 1.5)).toThrow('not a TCP port: 1.5');
  });
});
