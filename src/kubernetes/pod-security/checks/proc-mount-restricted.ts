import { defineCheck } from '../check.ts';
import { procMountV1Dot0 } from './proc-mount.ts';

/**
 * `procMount_restricted` (restricted, v1.35+): from v1.35 the baseline `procMount` check relaxes for
 * user-namespace pods, so the restricted level replaces it with the unconditional v1.0 check.
 */
export const procMountRestrictedCheck = defineCheck({
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimum: 35, checkPod: procMountV1Dot0, overrides: ['procMount'] }],
});
