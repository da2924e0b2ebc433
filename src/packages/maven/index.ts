import type { FileRef } from '../../core/index.ts';
import { baseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parsePom } from './parse.ts';

/** `pom.xml`, and `*.pom` files sniffed to hold a `<project>`. */
export function isPomFile(file: FileRef, sniff: () => string): boolean {
  const name = baseName(file.path);
  if (name === 'pom.xml') return true;
  return name.endsWith('.pom') && sniff().includes('<project');
}

export const pomAnalyzer = defineInventoryAnalyzer({
  id: 'packages/maven',
  version: 1,
  matches: isPomFile,
  parse: parsePom,
});

export { interpolate, parsePom } from './parse.ts';
