import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/app-imports.ts';

/** Every `.ts`/`.tsx` file under `dir`, as a path relative to the root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The repository files a source file imports or re-exports, type-only imports and `import()` included. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)));
}

const files = [...sourceFiles('src-main'), ...sourceFiles('src-renderer')];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** One cycle per strongly connected part of the graph (Tarjan), as the files that make it. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const part = stack.splice(stack.indexOf(file));
      if (part.length > 1 || graph.get(file)?.includes(file)) found.push(part);
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const importersOf = (from: string, into: string) =>
  [...graph]
    .filter(([f, deps]) => f.startsWith(from) && deps.some((d) => d.startsWith(into)))
    .map(([f]) => f);

describe('the layout of the source', () => {
  it('resolves every relative import to a source file', () => {
    const unresolved = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => !graph.has(d) && !/\.(json|css|svg|png|d\.ts)$/.test(d)).map((d) => `${f} → ${d}`),
    );
    expect(unresolved).toEqual([]);
  });

  it('keeps the contract free of the engine: nothing under src-main/api imports src-main/engine', () => {
    expect(importersOf('src-main/api/', 'src-main/engine/')).toEqual([]);
  });

  it('lets the renderer reach the main side only through src-main/api', () => {
    const outside = [...graph]
      .filter(([f]) => f.startsWith('src-renderer/'))
      .flatMap(([f, deps]) =>
        deps
          .filter((d) => d.startsWith('src-main/') && !d.startsWith('src-main/api/'))
          .map((d) => `${f} → ${d}`),
      );
    expect(outside).toEqual([]);
  });

  it('has no import cycle among src-main and src-renderer files, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one, and only files that make it', () => {
    const withCycle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(cycles(withCycle)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('keeps engine.ts to wiring and the facade (≤ 300 lines) and every engine file ≤ 400 lines', () => {
    const lines = (f: string) => readFileSync(join(ROOT, f), 'utf8').trimEnd().split('\n').length;
    expect(lines('src-main/engine/engine.ts')).toBeLessThanOrEqual(300);
    const long = files.filter((f) => f.startsWith('src-main/engine/') && lines(f) > 400);
    expect(long).toEqual([]);
  });
});
