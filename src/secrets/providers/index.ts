import type { ProviderEntry } from './build.ts';
import { ciProviders } from './ci.ts';
import { chatProviders } from './chat.ts';
import { cloudProviders } from './cloud.ts';
import { databaseProviders } from './database.ts';
import { genericProviders } from './generic.ts';
import { keyProviders } from './keys.ts';
import { paymentProviders } from './payment.ts';
import { registryProviders } from './registry.ts';
import { aiProviders, saasProviders } from './saas.ts';
import { vcsProviders } from './vcs.ts';

export type { ProviderEntry } from './build.ts';
export { placeholderLine, sampleLine } from './build.ts';
export { decodeJsonSegment, isServiceAccountJwt } from './keys.ts';

/** Every provider detector, in id order. */
export const providerEntries: readonly ProviderEntry[] = Object.freeze(
  [...cloudProviders, ...vcsProviders, ...ciProviders, ...registryProviders, ...chatProviders, ...paymentProviders, ...aiProviders, ...saasProviders, ...keyProviders, ...databaseProviders, ...genericProviders].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);
