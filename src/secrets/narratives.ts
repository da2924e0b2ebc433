import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretFamily } from './detector.ts';
import { article, capitalise } from './detector.ts';
import type { ProviderEntry } from './providers/index.ts';
import { placeholderLine, sampleLine } from './providers/index.ts';

/** Where the data-driven rules' narratives live (beside the hand-written rules, where the docs tooling finds them). */
export const RULES_DIR = join(import.meta.dirname, 'rules');

const SOURCES: Readonly<Record<SecretFamily, string>> = {
  cloud: 'cloud.ts', vcs: 'vcs.ts', ci: 'ci.ts', registry: 'registry.ts', chat: 'chat.ts', payment: 'payment.ts',
  ai: 'saas.ts', saas: 'saas.ts', database: 'database.ts', key: 'keys.ts', kubernetes: 'keys.ts', generic: 'generic.ts',
};

/** First line of a generated narrative: names the table row's source and the test that runs its cases. */
export function dataDrivenMarker(entry: ProviderEntry): string {
  return `<!-- data-driven: source=src/secrets/providers/${SOURCES[entry.family]} test=src/secrets/providers/providers.test.ts -->`;
}

function fence(code: string): string {
  return ['```text', code, '```'].join('\n');
}

function detection(entry: ProviderEntry): string {
  const parts = [`The rule runs only on files containing one of ${entry.keywords.map((keyword) => `\`${keyword}\``).join(', ')} (case-insensitive prefilter).`];
  if (entry.entropy !== undefined) parts.push(`The value must have at least ${entry.entropy} bits of Shannon entropy per character.`);
  if (entry.keepPlaceholders !== true) parts.push('Placeholders (`EXAMPLE`, `xxxx`, `<your-token>`, `${VAR}`, `{{ … }}`, `changeme` …) and runs of one character are not reported.');
  return parts.join(' ');
}

/** The narrative of one data-driven rule: rationale, its own Fail sample, its Pass cases. */
export function renderProviderNarrative(entry: ProviderEntry): string {
  const pass = [placeholderLine(entry), ...entry.fp].map(fence).join('\n\n');
  return `${dataDrivenMarker(entry)}
## Rationale

${capitalise(article(entry.name))} ${entry.name} in a file is readable by everyone who can read the repository, its history, the images
built from it and the logs that print it. The finding shows only the first characters and the length
of the value; the fingerprint is derived from a hash of the secret.

${detection(entry)}

## Examples

### Fail

${fence(sampleLine(entry).line)}

### Pass

${pass}

## When not to use

When the value is a documented public test credential. Mark the line with \`gitleaks:allow\` or add
an exception with a reason rather than disabling the rule.
`;
}

/** Generated narratives that differ from the table (path → expected text; undefined = stale file to delete). */
export function narrativeDrift(entries: readonly ProviderEntry[]): Map<string, string | undefined> {
  const drift = new Map<string, string | undefined>();
  const wanted = new Map(entries.map((entry) => [join(RULES_DIR, `${entry.slug}.md`), renderProviderNarrative(entry)]));
  for (const [path, text] of wanted) {
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) drift.set(path, text);
  }
  for (const file of readdirSync(RULES_DIR)) {
    const path = join(RULES_DIR, file);
    if (file.endsWith('.md') && !wanted.has(path) && readFileSync(path, 'utf8').startsWith('<!-- data-driven:')) drift.set(path, undefined);
  }
  return drift;
}
