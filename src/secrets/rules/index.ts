import type { Rule } from '../../core/index.ts';
import { detectorRules } from '../detector-rules.ts';
import { noCredentialInKubernetesSecret } from './no-credential-in-kubernetes-secret.ts';

export { detectorRules } from '../detector-rules.ts';

/** Every secret rule, sorted by slug. */
export const secretRules: readonly Rule[] = Object.freeze([...detectorRules, noCredentialInKubernetesSecret].sort((a, b) => a.meta.slug.localeCompare(b.meta.slug)));
