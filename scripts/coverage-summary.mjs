// A node:test reporter for `npm run coverage`: the totals of the project's own source (main/, shared/, renderer/),
// leaving out the tests themselves, which Node's coverage counts too, then the same by folder, and the source files
// no test loaded at all (they count in no total, so the percentages alone would flatter).
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';

const SOURCE = /^(main|shared|renderer\/src)\/.*\.(ts|tsx|mts|cts)$/;
const isSource = (path) => SOURCE.test(path) && !path.endsWith('.d.ts');

/** The folder a file is summarised under: two levels (main/csms, shared/api), renderer/src as one. */
const folderOf = (path) => (path.startsWith('renderer/') ? 'renderer/src' : path.split('/').slice(0, 2).join('/'));

const emptyCounts = () => ({ files: 0, lines: [0, 0], branches: [0, 0], functions: [0, 0] });

function add(counts, file) {
  counts.files++;
  counts.lines[0] += file.coveredLineCount;
  counts.lines[1] += file.totalLineCount;
  counts.branches[0] += file.coveredBranchCount;
  counts.branches[1] += file.totalBranchCount;
  counts.functions[0] += file.coveredFunctionCount;
  counts.functions[1] += file.totalFunctionCount;
}

const percent = ([covered, total]) => (total === 0 ? '    -  ' : `${((100 * covered) / total).toFixed(1).padStart(5)} %`);
const count = (n) => n.toLocaleString('en-GB');

function summarise(summary) {
  const root = summary.workingDirectory;
  const files = summary.files.map((f) => ({ ...f, path: relative(root, f.path) })).filter((f) => isSource(f.path));
  const total = emptyCounts();
  const byFolder = new Map();
  for (const file of files) {
    add(total, file);
    const folder = folderOf(file.path);
    if (!byFolder.has(folder)) byFolder.set(folder, emptyCounts());
    add(byFolder.get(folder), file);
  }
  const out = ['', `Coverage of the ${total.files} source files the tests loaded (main/, shared/, renderer/src/; tests not counted):`];
  out.push(`  lines      ${percent(total.lines)}  (${count(total.lines[0])} of ${count(total.lines[1])})`);
  out.push(`  branches   ${percent(total.branches)}  (${count(total.branches[0])} of ${count(total.branches[1])})`);
  out.push(`  functions  ${percent(total.functions)}  (${count(total.functions[0])} of ${count(total.functions[1])})`);
  out.push('', '  folder                 files    lines  branches  functions');
  for (const [folder, c] of [...byFolder].sort(([a], [b]) => a.localeCompare(b)))
    out.push(`  ${folder.padEnd(22)} ${String(c.files).padStart(5)}  ${percent(c.lines)}  ${percent(c.branches)}   ${percent(c.functions)}`);

  // Every source file of the repository (git knows them) against the ones the tests loaded.
  try {
    const tracked = execFileSync('git', ['ls-files', 'main', 'shared', 'renderer/src'], { cwd: root, encoding: 'utf8' }).split('\n').filter(isSource);
    const loaded = new Set(files.map((f) => f.path));
    const never = tracked.filter((path) => !loaded.has(path));
    const neverByFolder = new Map();
    for (const path of never) neverByFolder.set(folderOf(path), (neverByFolder.get(folderOf(path)) ?? 0) + 1);
    out.push('', `Source files no test loaded: ${never.length} of ${tracked.length}`);
    for (const [folder, n] of [...neverByFolder].sort(([a], [b]) => a.localeCompare(b))) out.push(`  ${folder.padEnd(22)} ${String(n).padStart(5)}`);
  } catch (err) {
    out.push('', `(could not list the source files with git: ${err instanceof Error ? err.message : String(err)})`);
  }
  return `${out.join('\n')}\n`;
}

export default async function* coverageSummary(source) {
  for await (const event of source) {
    if (event.type === 'test:coverage') yield summarise(event.data.summary);
  }
}
