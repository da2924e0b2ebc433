// Public API of src/vuln/cvss: CVSS vector validation, scoring and the qualitative severity scale.
export type { CvssProblem, CvssVector, CvssVersion } from './vector.ts';
export { parseCvssVector } from './vector.ts';
export { CvssCalculator, scoreCvssVector, severityFromScore } from './score.ts';
