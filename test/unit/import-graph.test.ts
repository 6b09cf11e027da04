// The module graph's rules (docs/architecture.md): no import cycle anywhere in the product, type-only imports
// included, and storage reached only by the central system's own layers. ESLint's import-x/no-cycle sees only
// the imports that exist at run time; this test reads every import, `import type` too, with TypeScript's own
// pre-processor, so a cycle that only types close is caught as well.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceFolders = ['main', 'shared', 'renderer/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|cts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project file an import specifier names, or null for a package or a non-source file (CSS, JSON). */
function resolveImport(fromFile: string, specifier: string, known: Set<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(fromFile), specifier);
  // NodeNext imports name the emitted `.js`; the source is the `.ts`/`.tsx` beside it.
  const stem = target.replace(/\.(c|m)?js$/, '');
  for (const candidate of [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.cts`, `${stem}.mts`, join(target, 'index.ts'), join(target, 'index.tsx')]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

function importGraph(): Map<string, string[]> {
  const files = sourceFolders.flatMap((folder) => sourceFiles(join(root, folder)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((ref) => resolveImport(file, ref.fileName, known)).filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan's algorithm). */
function cycles(graph: Map<string, string[]>): string[][] {
  let nextIndex = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, nextIndex);
    lowLink.set(node, nextIndex);
    nextIndex++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.map((f) => relative(root, f)).sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const graph = importGraph();
const inProject = (file: string): string => relative(root, file).split('\\').join('/');

test('the import graph is read: it holds the central system and the console', () => {
  // Guards the test itself: a resolver that found nothing would report no cycle.
  const centralSystem = [...graph.keys()].find((f) => inProject(f) === 'main/csms/central-system.ts');
  assert.ok(centralSystem, 'main/csms/central-system.ts is in the graph');
  assert.ok((graph.get(centralSystem) ?? []).length > 5, 'the central system imports project files');
  assert.ok(
    [...graph.keys()].some((f) => inProject(f).startsWith('renderer/src/')),
    'the console is in the graph',
  );
});

test('no import cycle, type-only imports included', () => {
  assert.deepEqual(cycles(graph), []);
});

test('cycle detection finds a loop when there is one', () => {
  // The detector on a small graph of its own: a -> b -> c -> a is one cycle; d stands apart.
  const fake = new Map<string, string[]>([
    [join(root, 'a.ts'), [join(root, 'b.ts')]],
    [join(root, 'b.ts'), [join(root, 'c.ts')]],
    [join(root, 'c.ts'), [join(root, 'a.ts')]],
    [join(root, 'd.ts'), [join(root, 'a.ts')]],
  ]);
  assert.deepEqual(cycles(fake), [['a.ts', 'b.ts', 'c.ts']]);
});

test('storage is reached only by the central system itself: not by the API routes, the operations or the console', () => {
  const storage = 'main/csms/storage/';
  const mayNotReachStorage = ['main/api/', 'main/csms/operations/', 'renderer/', 'shared/'];
  const offenders: string[] = [];
  for (const [file, targets] of graph) {
    const from = inProject(file);
    if (!mayNotReachStorage.some((prefix) => from.startsWith(prefix))) continue;
    for (const target of targets) if (inProject(target).startsWith(storage)) offenders.push(`${from} -> ${inProject(target)}`);
  }
  assert.deepEqual(offenders, []);
});

test('the central system never imports electron: only the desktop shell (main/app) does', () => {
  const offenders: string[] = [];
  for (const file of graph.keys()) {
    const from = inProject(file);
    if (from.startsWith('main/app/')) continue;
    const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((ref) => ref.fileName);
    if (imports.some((name) => name === 'electron' || name.startsWith('electron/'))) offenders.push(from);
  }
  assert.deepEqual(offenders, []);
});
