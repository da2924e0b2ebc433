// Corpus suite: published version-ordering vectors (../shared/corpora/versions, from
// google/osv-scalibr's semantic/testdata; README there). Every `a <op> b` line is checked both ways
// with compareVersions. Run: npm run test:corpus. Skips with a message where ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tryCompareVersions } from '../../src/vuln/index.ts';
import { REPO_ROOT } from '../cli-helpers.ts';

const FOLDER = join(REPO_ROOT, '..', 'shared', 'corpora', 'versions');
const skip = existsSync(FOLDER) ? false : `version vectors not found at ${FOLDER} (needs ../shared beside the clone)`;

/**
 * Corpus file → the OSV ecosystem whose ordering it tests, the lines where we disagree on purpose
 * (exact text; each explained in src/vuln/versioning/README.md), and how many lines hold a version
 * we report as invalid instead of ordering it.
 */
interface CorpusFile {
  readonly file: string;
  readonly ecosystem: string;
  readonly disagree?: readonly string[];
  readonly invalid?: number;
}

const FILES: readonly CorpusFile[] = [
  // apk-tools orders versions that do not start with a digit; we report them.
  { file: 'alpine-versions.txt', ecosystem: 'Alpine', invalid: 3 },
  { file: 'alpine-versions-generated.txt', ecosystem: 'Alpine' },
  { file: 'cran-versions.txt', ecosystem: 'CRAN' },
  { file: 'cran-versions-generated.txt', ecosystem: 'CRAN' },
  { file: 'debian-versions.txt', ecosystem: 'Debian' },
  { file: 'debian-versions-generated.txt', ecosystem: 'Debian' },
  { file: 'hackage-versions.txt', ecosystem: 'Hackage' },
  { file: 'maven-versions.txt', ecosystem: 'Maven' },
  { file: 'maven-versions-generated.txt', ecosystem: 'Maven' },
  { file: 'nuget-versions.txt', ecosystem: 'NuGet' },
  { file: 'packagist-versions.txt', ecosystem: 'Packagist' },
  // Raw PHP version_compare, which the vectors follow, is wrong where Composer normalises first.
  {
    file: 'packagist-versions-generated.txt',
    ecosystem: 'Packagist',
    disagree: ['v3.0 < v3.0.0-beta', 'v3.4 < v3.4.0-alpha', 'v4-beta4 < v4.0-alpha', 'v1.9.0-BETA.1 < v1.9.0-ALPHA.2', 'v4.4 < v4.4.0-beta'],
  },
  { file: 'pub-versions.txt', ecosystem: 'Pub' },
  // Legacy (pre-PEP 440) versions, which pip ≥ 24 and packaging ≥ 22 reject too.
  { file: 'pypi-versions.txt', ecosystem: 'PyPI', invalid: 5 },
  { file: 'pypi-versions-generated.txt', ecosystem: 'PyPI', invalid: 36 },
  { file: 'redhat-versions.txt', ecosystem: 'Red Hat' },
  { file: 'rubygems-versions.txt', ecosystem: 'RubyGems' },
  { file: 'rubygems-versions-generated.txt', ecosystem: 'RubyGems' },
  { file: 'semver-versions.txt', ecosystem: 'npm' },
  { file: 'semver-versions.txt', ecosystem: 'crates.io' },
  // Go versions have three numbers at most (`1.1.3.4.5` is reported).
  { file: 'semver-versions.txt', ecosystem: 'Go', invalid: 1 },
  { file: 'semver-versions.txt', ecosystem: 'Hex' },
];

const EXPECTED_SIGN: Readonly<Record<string, number>> = { '<': -1, '=': 0, '>': 1 };

interface Outcome {
  readonly total: number;
  /** Lines ordered differently from the vector. */
  readonly wrong: string[];
  /** Lines holding a version we report as invalid, with the message. */
  readonly invalid: string[];
}

function checkFile(file: string, ecosystem: string): Outcome {
  const lines = readFileSync(join(FOLDER, file), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const wrong: string[] = [];
  const invalid: string[] = [];
  for (const line of lines) {
    const [a = '', op = '', b = ''] = line.split(' ');
    const expected = EXPECTED_SIGN[op];
    assert.ok(expected !== undefined, `bad vector line in ${file}: ${line}`);
    const forward = tryCompareVersions(ecosystem, a, b);
    const backward = tryCompareVersions(ecosystem, b, a);
    if (!forward.ok || !backward.ok) {
      invalid.push(`${line} → ${forward.ok ? '' : forward.error.message}`);
      continue;
    }
    if (Math.sign(forward.value) !== expected || Math.sign(backward.value) !== -expected) wrong.push(line);
  }
  return { total: lines.length, wrong, invalid };
}

describe('corpus: version-ordering vectors', { skip }, () => {
  for (const { file, ecosystem, disagree = [], invalid = 0 } of FILES) {
    it(`${file} (${ecosystem})`, (t) => {
      const outcome = checkFile(file, ecosystem);
      const passed = outcome.total - outcome.wrong.length - outcome.invalid.length;
      t.diagnostic(`${file}: ${passed}/${outcome.total} agree (${((passed / outcome.total) * 100).toFixed(2)}%), ${outcome.wrong.length} disagree, ${outcome.invalid.length} reported invalid`);
      for (const line of [...outcome.wrong, ...outcome.invalid].slice(0, 10)) t.diagnostic(line);
      assert.deepEqual(outcome.wrong, disagree);
      assert.equal(outcome.invalid.length, invalid, outcome.invalid.join('\n'));
    });
  }
});
