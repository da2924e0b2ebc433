import { dirname, join, relative } from 'node:path';
import { readTextIfReadable } from '../core/fs.ts';
import type { HadolintSettings } from '../dockerfile/index.ts';
import type { SelectorMeta } from './select-rules.ts';
import { ruleMatchesSelector } from './select-rules.ts';

const NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export interface HadolintMigration {
  /** Where it was found, relative to the scan root when inside it. */
  readonly path: string;
  readonly settings: HadolintSettings;
  /** Problems in the file and settings Palisade cannot apply, as `file:line:column: message` notices. */
  readonly notices: readonly string[];
}

/**
 * Finds a hadolint configuration in the scan root or the nearest parent that has one (stopping at a
 * repository root, a folder with `.git`), and maps it onto Palisade's settings. Selectors of DL rules
 * Palisade does not implement are dropped with a notice instead of failing the scan.
 */
export async function loadHadolintMigration(root: string, rules: readonly SelectorMeta[]): Promise<HadolintMigration | undefined> {
  for (let directory = root; ; directory = dirname(directory)) {
    for (const name of NAMES) {
      const path = join(directory, name);
      const text = readTextIfReadable(path);
      // The reader (YAML, hadolint's rule list) loads only when there is a file to read.
      if (text !== undefined) return migrate(relative(root, path) || name, (await import('../dockerfile/hadolint-config.ts')).parseHadolintConfig(text), rules);
    }
    const isRepositoryRoot = readTextIfReadable(join(directory, '.git', 'HEAD')) !== undefined;
    if (isRepositoryRoot || dirname(directory) === directory) return undefined;
  }
}

function migrate(path: string, settings: HadolintSettings, rules: readonly SelectorMeta[]): HadolintMigration {
  const known = (selector: string): boolean => rules.some((meta) => ruleMatchesSelector(meta, selector));
  const notices = settings.problems.map((problem) => `${path}:${problem.line}:${problem.column}: ${problem.message}`);
  const unknown = [...settings.skipRules, ...Object.keys(settings.severityOverrides), ...Object.keys(settings.ruleOptions)].filter((selector) => !known(selector));
  for (const selector of new Set(unknown)) notices.push(`${path}: ${selector} has no Palisade equivalent (see docs/rules/hadolint-compatibility.md); its setting is ignored`);
  return {
    path,
    notices,
    settings: {
      ...settings,
      skipRules: settings.skipRules.filter(known),
      severityOverrides: Object.fromEntries(Object.entries(settings.severityOverrides).filter(([selector]) => known(selector))),
      ruleOptions: Object.fromEntries(Object.entries(settings.ruleOptions).filter(([selector]) => known(selector))),
    },
  };
}
