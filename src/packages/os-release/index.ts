export { OS_RELEASE_PATHS } from '../matchers.ts';

export { applyDistribution } from './apply.ts';
export { distroQualifier, parseOsRelease } from './parse.ts';
