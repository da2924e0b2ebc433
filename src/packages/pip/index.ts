import type { FileRef } from '../../core/index.ts';
import { baseName, defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { parseRequirements } from './parse.ts';

/** `requirements.txt`, `requirements-dev.txt`, `requirements/*.txt` and the like. */
export function isRequirementsFile(file: FileRef): boolean {
  const name = baseName(file.path);
  return (/^requirements.*\.txt$/.test(name) || /(?:^|\/)requirements\/[^/]+\.txt$/.test(file.path)) && !file.path.includes('site-packages/');
}

export const requirementsAnalyzer = defineInventoryAnalyzer({
  id: 'packages/pip',
  version: 1,
  matches: isRequirementsFile,
  parse: parseRequirements,
});

export { parseRequirements, pinnedVersion } from './parse.ts';
