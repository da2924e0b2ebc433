// Regenerates src/secrets/rules/<slug>.md for the data-driven rules: `node src/secrets/write-narratives.ts`.
import { rmSync, writeFileSync } from 'node:fs';
import { narrativeDrift } from './narratives.ts';
import { providerEntries } from './providers/index.ts';

for (const [path, text] of narrativeDrift(providerEntries)) {
  if (text === undefined) rmSync(path);
  else writeFileSync(path, text);
  console.log(`${text === undefined ? 'removed' : 'wrote'} ${path}`);
}
