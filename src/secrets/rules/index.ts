import type { Rule } from '../../core/index.ts';
import { detectorRule } from '../detector.ts';
import { providerEntries } from '../providers/index.ts';
import { noCredentialInKubernetesSecret } from './no-credential-in-kubernetes-secret.ts';

/** The provider and generic detectors (data-driven: `src/secrets/providers/`), one rule each. */
export const detectorRules: readonly Rule[] = Object.freeze(providerEntries.map(detectorRule));

/** Every secret rule, sorted by slug. */
export const secretRules: readonly Rule[] = Object.freeze([...detectorRules, noCredentialInKubernetesSecret].sort((a, b) => a.meta.slug.localeCompare(b.meta.slug)));
