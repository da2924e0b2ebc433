import type { Rule } from '../core/index.ts';
import { detectorRule } from './detector.ts';
import { providerEntries } from './providers/index.ts';

/**
 * The provider and generic detectors (data-driven: `src/secrets/providers/`), one rule each. In a
 * module of their own so that a secret-scanning worker thread loads them without the other areas.
 */
export const detectorRules: readonly Rule[] = Object.freeze(providerEntries.map(detectorRule));
