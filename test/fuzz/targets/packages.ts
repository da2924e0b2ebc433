// Lockfiles and OS package databases (src/packages): every parser returns an inventory and
// ScanErrors, never throws; every package has a name, a version, a purl and a range inside the file.
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import type { SourceDocument } from '../../../src/core/index.ts';
import type { ParsedInventory } from '../../../src/packages/index.ts';
import {
  RPM_TAGS,
  buildRpmHeader,
  parseApkInstalled,
  parseCargoLock,
  parseComposerLock,
  parseDpkgStatus,
  parseGemfileLock,
  parseGoMod,
  parseGoSum,
  parseGradleLockfile,
  parseNpmLock,
  parseNugetLock,
  parseOsRelease,
  parsePipfileLock,
  parsePnpmLock,
  parsePoetryLock,
  parsePom,
  parseRequirements,
  parseRpmDatabase,
  parseRpmHeader,
  parseUvLock,
  parseYarnLock,
} from '../../../src/packages/index.ts';
import type { FuzzTarget, InputSyntax } from '../harness.ts';
import { checkScanErrors, onlyCodedErrors, utf8, violation } from '../harness.ts';
import { documentTarget, fixture } from './shared.ts';

const F = 'src/packages';

function checkEntries(source: SourceDocument, output: ParsedInventory): void {
  const artifact = output.artifact;
  if (artifact === undefined) return;
  const lines = source.text.split(/\r\n|\r|\n/).length + 1;
  for (const entry of artifact.packages) {
    violation(typeof entry.name === 'string' && typeof entry.version === 'string' && typeof entry.purl === 'string', `package without name/version/purl: ${JSON.stringify(entry.name)}`);
    violation(entry.range.start.line >= 1 && entry.range.start.line <= lines, `package ${entry.name} at line ${entry.range.start.line}, outside the file (${lines} lines)`);
  }
}

function lockTarget(name: string, syntax: InputSyntax, files: readonly string[], parse: (source: SourceDocument) => ParsedInventory): FuzzTarget {
  return documentTarget(name, syntax, files.map((file) => fixture(`${F}/${file}`)), parse, checkEntries);
}

function rpmDatabase(blobs: readonly Uint8Array[]): Uint8Array {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
  for (const blob of blobs) insert.run(blob);
  const bytes = db.serialize();
  db.close();
  return bytes;
}

const rpmHeaders = [
  buildRpmHeader([
    { tag: 63, value: 'region' },
    { tag: RPM_TAGS.name, value: 'openssl-libs' },
    { tag: RPM_TAGS.version, value: '3.0.7' },
    { tag: RPM_TAGS.release, value: '27.el9' },
    { tag: RPM_TAGS.epoch, value: 1 },
    { tag: RPM_TAGS.arch, value: 'x86_64' },
    { tag: RPM_TAGS.sourceRpm, value: 'openssl-3.0.7-27.el9.src.rpm' },
  ]),
  buildRpmHeader([
    { tag: RPM_TAGS.name, value: 'bash' },
    { tag: RPM_TAGS.version, value: '5.1.8' },
    { tag: RPM_TAGS.release, value: '9.el9' },
  ]),
];

const rpmHeaderGenerator = fc
  .array(fc.record({ tag: fc.oneof(fc.constantFrom(...Object.values(RPM_TAGS)), fc.integer({ min: 0, max: 5000 })), value: fc.oneof(fc.string(), fc.integer({ min: -1, max: 2 ** 31 })) }), { maxLength: 8 })
  .map((entries) => Buffer.from(buildRpmHeader(entries)));

export const targets: readonly FuzzTarget[] = [
  lockTarget('apk-installed', 'text', ['apk/__fixtures__/installed'], parseApkInstalled),
  lockTarget('gemfile-lock', 'text', ['bundler/__fixtures__/gemfile.lock'], parseGemfileLock),
  lockTarget('cargo-lock', 'text', ['cargo/__fixtures__/cargo-v3.lock', 'cargo/__fixtures__/cargo-v4.lock'], parseCargoLock),
  lockTarget('composer-lock', 'json', ['composer/__fixtures__/composer.lock.json'], parseComposerLock),
  lockTarget('dpkg-status', 'text', ['dpkg/__fixtures__/status', 'dpkg/__fixtures__/status-d-entry'], parseDpkgStatus),
  lockTarget('go-mod', 'text', ['go/__fixtures__/go.mod'], parseGoMod),
  lockTarget('go-sum', 'text', ['go/__fixtures__/go.sum'], parseGoSum),
  lockTarget('gradle-lockfile', 'text', ['gradle/__fixtures__/gradle.lockfile'], parseGradleLockfile),
  lockTarget('maven-pom', 'xml', ['maven/__fixtures__/pom.xml'], parsePom),
  lockTarget('npm-lock', 'json', ['npm/__fixtures__/package-lock.v1.json', 'npm/__fixtures__/package-lock.v2.json', 'npm/__fixtures__/package-lock.v3.json'], parseNpmLock),
  lockTarget('nuget-lock', 'json', ['nuget/__fixtures__/packages.lock.json'], parseNugetLock),
  lockTarget('requirements-txt', 'text', ['pip/__fixtures__/requirements.txt'], parseRequirements),
  lockTarget('pipfile-lock', 'json', ['pipenv/__fixtures__/pipfile.lock.json'], parsePipfileLock),
  lockTarget('pnpm-lock', 'yaml', ['pnpm/__fixtures__/pnpm-lock.v5.yaml', 'pnpm/__fixtures__/pnpm-lock.v6.yaml', 'pnpm/__fixtures__/pnpm-lock.v9.yaml'], parsePnpmLock),
  lockTarget('poetry-lock', 'text', ['poetry/__fixtures__/poetry-v1.lock', 'poetry/__fixtures__/poetry-v2.lock'], parsePoetryLock),
  lockTarget('uv-lock', 'text', ['uv/__fixtures__/uv.lock'], parseUvLock),
  lockTarget('yarn-lock', 'text', ['yarn/__fixtures__/yarn-v1.lock', 'yarn/__fixtures__/yarn-berry.lock'], parseYarnLock),
  {
    name: 'os-release',
    syntax: 'text',
    samples: ['NAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\nVERSION_CODENAME=bookworm\n', 'ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"\n', "ID=alpine\nVERSION_ID=3.19.1\n"],
    check(input) {
      onlyCodedErrors(() => parseOsRelease(utf8(input)), []);
    },
  },
  {
    name: 'rpm-header',
    syntax: 'bytes',
    samples: rpmHeaders,
    generator: rpmHeaderGenerator,
    check(input) {
      const header = onlyCodedErrors(() => parseRpmHeader(input), []);
      if (typeof header === 'string') violation(header !== '', 'empty rpm header problem');
    },
  },
  {
    name: 'rpmdb-sqlite',
    syntax: 'bytes',
    samples: [rpmDatabase(rpmHeaders)],
    generator: fc.array(rpmHeaderGenerator, { maxLength: 3 }).map((blobs) => Buffer.from(rpmDatabase(blobs))),
    check(input) {
      const path = 'var/lib/rpm/rpmdb.sqlite';
      const result = onlyCodedErrors(() => parseRpmDatabase(path, input), []);
      if (result === undefined) return;
      checkScanErrors(result.ok ? result.value.errors : [result.error], path);
    },
  },
];
