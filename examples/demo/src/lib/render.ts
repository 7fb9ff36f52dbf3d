/**
 * Rendering a definition through its template with liquidjs (Jinja/Tera-like: loops, conditionals,
 * filters, `{% render %}` partials). Templates are looked up by file name in the project's
 * templates folder.
 */
import { Liquid } from 'liquidjs';
import type { TestDefinition } from './definition.js';
import { DemoError } from './errors.js';
import { slowFilterEnabled, slugFilter } from './filters.js';

/** A configured template engine for one templates folder. */
export type Renderer = Liquid;

/**
 * `cache` keeps parsed templates between renders (the `run` and `render` commands); the watcher
 * turns it off so that an edited template is read again. The demo's own filters (`slug`,
 * filters.ts) are registered here; `DEMO_SLOW_FILTER=1` makes `slug` slow on purpose.
 */
export function createRenderer(templatesDir: string, options: { cache?: boolean } = {}): Renderer {
  const liquid = new Liquid({
    root: [templatesDir],
    partials: [templatesDir],
    // Tests name templates with their full file name (`suite.md.liquid`).
    extname: '',
    cache: options.cache ?? true,
    strictFilters: true,
  });
  liquid.registerFilter('slug', slugFilter(slowFilterEnabled()));
  return liquid;
}

/** What a template sees: the definition's fields at the top level, plus the project name. */
export function templateContext(definition: TestDefinition, projectName: string): Record<string, unknown> {
  return { ...definition, project: { name: projectName } };
}

/** Renders `definition` through the template it names; a template error becomes a DemoError. */
export function renderDefinition(
  renderer: Renderer,
  definition: TestDefinition,
  projectName: string,
  file?: string,
): string {
  try {
    const template = renderer.parseFileSync(definition.template);
    return renderer.renderSync(template, templateContext(definition, projectName));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DemoError(`template "${definition.template}": ${message}`, file, undefined, { cause: error });
  }
}
