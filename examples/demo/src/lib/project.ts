/**
 * A demo project: a folder with `demo.toml` naming where tests, templates and rendered output
 * live. Every command that takes `[dir]` starts here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseToml } from './definition.js';
import { DemoError } from './errors.js';

/** The project file's name, looked for in the given folder and its parents. */
export const PROJECT_FILE = 'demo.toml';

const projectFileSchema = z
  .object({
    project: z
      .object({
        name: z.string().min(1),
        tests_dir: z.string().default('tests'),
        templates_dir: z.string().default('templates'),
        output_dir: z.string().default('out'),
      })
      .strict(),
  })
  .strict();

/** A loaded project with absolute folders. */
export interface Project {
  name: string;
  root: string;
  testsDir: string;
  templatesDir: string;
  outputDir: string;
}

/** Reads `<dir>/demo.toml`; `outputDir` overrides the file's output folder (e.g. a temp dir). */
export function loadProject(dir: string, options: { outputDir?: string } = {}): Project {
  const root = path.resolve(dir);
  const file = path.join(root, PROJECT_FILE);
  if (!existsSync(file)) {
    throw new DemoError(`no ${PROJECT_FILE} here: run "demo init ${dir}" to create a project`, root);
  }
  const parsed = projectFileSchema.safeParse(parseToml(readFileSync(file, 'utf8'), file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DemoError(`${issue?.path.join('.') || '(root)'}: ${issue?.message}`, file);
  }
  const p = parsed.data.project;
  return {
    name: p.name,
    root,
    testsDir: path.resolve(root, p.tests_dir),
    templatesDir: path.resolve(root, p.templates_dir),
    outputDir: path.resolve(root, options.outputDir ?? p.output_dir),
  };
}

/** The project that a single test file belongs to: the nearest folder above it with demo.toml. */
export function findProjectOf(file: string): Project {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (existsSync(path.join(dir, PROJECT_FILE))) return loadProject(dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new DemoError(`no ${PROJECT_FILE} in any folder above this file`, file);
    dir = parent;
  }
}

/** Every `.toml` test definition of the project, sorted so output order is stable. */
export function listTestFiles(project: Project): string[] {
  if (!existsSync(project.testsDir)) return [];
  return readdirSync(project.testsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((f) => path.join(project.testsDir, f));
}

/**
 * Where a test's rendered output goes: `tests/api/login.toml` with `suite.md.liquid` becomes
 * `out/api/login.md` (the template's inner extension, `txt` when it has none).
 */
export function outputPathFor(project: Project, testFile: string, template: string): string {
  const relative = path.relative(project.testsDir, testFile).replace(/\.toml$/, '');
  const inner = path.extname(template.replace(/\.liquid$/, ''));
  return path.join(project.outputDir, `${relative}${inner || '.txt'}`);
}
