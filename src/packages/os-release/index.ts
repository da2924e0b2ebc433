export const OS_RELEASE_PATHS: ReadonlySet<string> = new Set(['etc/os-release', 'usr/lib/os-release']);

export { applyDistribution } from './apply.ts';
export { distroQualifier, parseOsRelease } from './parse.ts';
