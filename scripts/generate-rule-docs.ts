// Writes docs/rules/<slug>.md for every rule and docs/rules/README.md. Run: npm run docs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas } from '../src/catalog.ts';
import { buildRuleManifest, renderRuleManifest } from '../src/lazy-catalog.ts';
import { HADOLINT_COMPATIBILITY_PAGE, renderHadolintCompatibility } from './hadolint-compatibility.ts';
import { KUBE_LINTER_COMPATIBILITY_PAGE, renderKubeLinterCompatibility } from './kube-linter-compatibility.ts';
import { writeComplianceDocs } from './compliance-docs.ts';
import { frameworks } from '../src/compliance/index.ts';
import { REPO_ROOT, findNarratives, readNarrative, renderRuleDoc, renderRuleIndex } from './rule-docs.ts';
import { writeValidatorModules } from './schema-validators.ts';

const outDir = join(REPO_ROOT, 'docs', 'rules');
mkdirSync(outDir, { recursive: true });
const narratives = findNarratives();
const written = new Set<string>(['README.md']);
for (const meta of ruleMetas) {
  const path = narratives.get(meta.slug);
  if (path === undefined) {
    process.stderr.write(`missing narrative for ${meta.slug}\n`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(join(outDir, `${meta.slug}.md`), renderRuleDoc(meta, readNarrative(path)));
  written.add(`${meta.slug}.md`);
}
writeFileSync(join(outDir, 'README.md'), renderRuleIndex(ruleMetas));
writeFileSync(join(outDir, HADOLINT_COMPATIBILITY_PAGE), renderHadolintCompatibility(ruleMetas));
written.add(HADOLINT_COMPATIBILITY_PAGE);
writeFileSync(join(outDir, KUBE_LINTER_COMPATIBILITY_PAGE), renderKubeLinterCompatibility(ruleMetas));
written.add(KUBE_LINTER_COMPATIBILITY_PAGE);
for (const file of readdirSync(outDir)) if (!written.has(file)) rmSync(join(outDir, file));
process.stdout.write(`wrote ${written.size} files to docs/rules/\n`);
process.stdout.write(`wrote ${writeComplianceDocs(join(REPO_ROOT, 'docs', 'compliance'), frameworks, ruleMetas).length} framework pages to docs/compliance/\n`);
// What a scan reads to decide which areas to load before loading any (src/lazy-catalog.ts).
writeFileSync(join(REPO_ROOT, 'src', 'rule-manifest.json'), renderRuleManifest(await buildRuleManifest()));
process.stdout.write('wrote src/rule-manifest.json\n');
// Validators of Palisade's own file formats, precompiled so that reading them loads no ajv (decision 0034-g).
for (const path of writeValidatorModules()) process.stdout.write(`wrote ${path}\n`);
