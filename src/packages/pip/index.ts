import { defineInventoryAnalyzer } from '../shared/analyzer.ts';
import { PIP } from '../matchers.ts';
import { parseRequirements } from './parse.ts';

export { isRequirementsFile } from '../matchers.ts';

export const requirementsAnalyzer = defineInventoryAnalyzer({ ...PIP, parse: parseRequirements });

export { parseRequirements, pinnedVersion } from './parse.ts';
