import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, normalize } from 'node:path';
import { sourceFiles } from '../helpers/source.ts';

/**
 * The layers of src/, from the ground up. A file may import its own layer and the layers below it,
 * never one above. The importer, the contact endpoint and the Astro integrations sit beside the
 * stack: they may use the model, the engines and the catalogue, and only the top layer (or the
 * CLIs) may use them. `site.config.ts` (#site-config) stands just above the model.
 */
const RANK: Record<string, number> = {
  model: 0,
  styles: 0,
  'site-config': 1,
  policy: 2,
  classify: 2,
  catalogue: 3,
  views: 4,
  importer: 4,
  contact: 4,
  integrations: 4,
  components: 5,
  layouts: 5,
  pages: 5,
  client: 5,
  'content.config.ts': 5,
  'env.d.ts': 5,
  scripts: 6,
};
const BESIDE = new Set(['importer', 'contact', 'integrations']);
/**
 * Browser code ships to visitors: it may not pull in Node-side modules. The policy engine is pure
 * (no I/O) and runs in the browser on purpose, in the policy playground.
 */
const BROWSER_MAY_IMPORT = new Set(['model', 'policy', 'views', 'client']);

/** The layer a project file belongs to, or undefined for a file outside src/, scripts/ and the site config. */
export function layerOf(file: string): string | undefined {
  const parts = normalize(file).split(/[\\/]/);
  if (parts[0] === 'scripts') return 'scripts';
  if (parts[0] === 'site.config.ts') return 'site-config';
  if (parts[0] !== 'src') return undefined;
  return parts[1];
}

const IMPORTS = [
  // import x from '…', import { a, b } from '…', import type …, over several lines
  /(?:^|\n)\s*import\s+(?:type\s+)?[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
  // export { a } from '…', export * from '…'
  /(?:^|\n)\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s*)?from\s*['"]([^'"]+)['"]/g,
  // import '…' for its side effects (CSS, custom elements)
  /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g,
  // import('…')
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The project files a source file imports (package imports are left out), with the specifier as written. */
export function importsOf(file: string, text: string): { specifier: string; target: string }[] {
  const out: { specifier: string; target: string }[] = [];
  for (const pattern of IMPORTS) {
    for (const m of text.matchAll(pattern)) {
      const specifier = m[1]!;
      let target: string | undefined;
      if (specifier.startsWith('.')) target = normalize(join(dirname(file), specifier));
      else if (specifier.startsWith('#src/')) target = join('src', specifier.slice('#src/'.length));
      else if (specifier.startsWith('#scripts/')) target = join('scripts', specifier.slice('#scripts/'.length));
      else if (specifier === '#site-config') target = 'site.config.ts';
      if (target) out.push({ specifier, target });
    }
  }
  return out;
}

/** Every import edge that breaks the layering, as `file → specifier (why)`. */
export function layerViolations(files: { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    if (!from) continue;
    for (const { specifier, target } of importsOf(file, text)) {
      const to = layerOf(target);
      const edge = `${file} → ${specifier}`;
      if (!to) {
        out.push(`${edge} (outside src/, scripts/ and the site config)`);
        continue;
      }
      if (from === to) continue;
      if (!(from in RANK) || !(to in RANK)) {
        out.push(`${edge} (${!(from in RANK) ? from : to} is not a known layer; add it to RANK in this test)`);
        continue;
      }
      if (to === 'scripts') out.push(`${edge} (nothing in src/ imports scripts/)`);
      else if (RANK[to]! > RANK[from]!) out.push(`${edge} (${from} may not import the higher layer ${to})`);
      else if (BESIDE.has(from) && BESIDE.has(to)) out.push(`${edge} (${from} and ${to} sit side by side)`);
      else if (from === 'client' && !BROWSER_MAY_IMPORT.has(to)) out.push(`${edge} (browser code may not use ${to})`);
    }
  }
  return out;
}

const files = sourceFiles('src', 'scripts').concat(sourceFiles('.').filter((f) => f.file === 'site.config.ts'));

test('no import in src/ or scripts/ runs from a lower layer to a higher one', () => {
  assert.deepEqual(layerViolations(files), []);
});

test('the import scan sees the real graph (it is not vacuous)', () => {
  const edges = files.flatMap((f) => importsOf(f.file, f.text).map((i) => `${layerOf(f.file)}→${layerOf(i.target)}`));
  assert.ok(edges.length > 200, `only ${edges.length} project imports were found`);
  for (const edge of ['catalogue→policy', 'views→catalogue', 'pages→views', 'importer→classify', 'scripts→catalogue']) {
    assert.ok(edges.includes(edge), `the edge ${edge} was not found`);
  }
  // Multi-line, type-only, re-export, side-effect and dynamic imports are all seen.
  const text = [
    "import {\n  a,\n  type B,\n} from '#src/views/urls.ts';",
    "import type { C } from '../catalogue/load.ts';",
    "export * from '#src/importer/run.ts';",
    "import '#src/client/search-ui.ts';",
    "const m = await import('#scripts/lib/cli.ts');",
    "const s = `import x from '../astro.config.mjs'`;",
  ].join('\n');
  assert.deepEqual(layerViolations([{ file: 'src/policy/x.ts', text }]), [
    'src/policy/x.ts → #src/views/urls.ts (policy may not import the higher layer views)',
    'src/policy/x.ts → ../catalogue/load.ts (policy may not import the higher layer catalogue)',
    'src/policy/x.ts → #src/importer/run.ts (policy may not import the higher layer importer)',
    'src/policy/x.ts → #src/client/search-ui.ts (policy may not import the higher layer client)',
    'src/policy/x.ts → #scripts/lib/cli.ts (nothing in src/ imports scripts/)',
  ]);
  assert.deepEqual(
    layerViolations([{ file: 'src/importer/x.ts', text: "import { a } from '#src/contact/store.ts';" }]),
    ['src/importer/x.ts → #src/contact/store.ts (importer and contact sit side by side)'],
  );
  assert.deepEqual(
    layerViolations([{ file: 'src/client/x.ts', text: "import { a } from '#src/catalogue/load.ts';" }]),
    ['src/client/x.ts → #src/catalogue/load.ts (browser code may not use catalogue)'],
  );
});

test('relative imports stay in their own folder; everything else goes through #src, #scripts or #site-config', () => {
  const escaping = files.flatMap((f) =>
    importsOf(f.file, f.text)
      .filter(
        (i) =>
          i.specifier.startsWith('.') &&
          // scripts/ reaches its helpers in scripts/lib/ as ./lib/x.ts
          (i.specifier.includes('..') || (f.file.startsWith('src') && !/^\.\/[^/]+$/.test(i.specifier))),
      )
      .map((i) => `${f.file} → ${i.specifier}`),
  );
  assert.deepEqual(escaping, []);
});
