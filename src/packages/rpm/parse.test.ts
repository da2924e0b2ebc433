import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { applyDistribution } from '../os-release/apply.ts';
import { RPM_TAGS, buildRpmHeader, parseRpmHeader } from './header.ts';
import { parseRpmDatabase } from './parse.ts';

const PATH = 'var/lib/rpm/rpmdb.sqlite';

const openssl = buildRpmHeader([
  { tag: 63, value: 'region-tag-placeholder' },
  { tag: RPM_TAGS.name, value: 'openssl-libs' },
  { tag: RPM_TAGS.version, value: '3.0.7' },
  { tag: RPM_TAGS.release, value: '27.el9' },
  { tag: RPM_TAGS.epoch, value: 1 },
  { tag: RPM_TAGS.arch, value: 'x86_64' },
  { tag: RPM_TAGS.sourceRpm, value: 'openssl-3.0.7-27.el9.src.rpm' },
]);
const bash = buildRpmHeader([
  { tag: RPM_TAGS.name, value: 'bash' },
  { tag: RPM_TAGS.version, value: '5.1.8' },
  { tag: RPM_TAGS.release, value: '9.el9' },
  { tag: RPM_TAGS.arch, value: 'x86_64' },
  { tag: RPM_TAGS.sourceRpm, value: 'bash-5.1.8-9.el9.src.rpm' },
]);
const pubkey = buildRpmHeader([
  { tag: RPM_TAGS.name, value: 'gpg-pubkey' },
  { tag: RPM_TAGS.version, value: 'fd431d51' },
]);

/** An rpmdb.sqlite as rpm writes it: `Packages(hnum, blob)`, serialised to bytes. */
function database(blobs: readonly Uint8Array[]): Uint8Array {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
  for (const blob of blobs) insert.run(blob);
  const bytes = db.serialize();
  db.close();
  return bytes;
}

describe('rpm header blobs', () => {
  it('decodes name, version, release, epoch, arch and source rpm', () => {
    assert.deepEqual(parseRpmHeader(openssl), { name: 'openssl-libs', version: '3.0.7', release: '27.el9', epoch: 1, arch: 'x86_64', sourceRpm: 'openssl-3.0.7-27.el9.src.rpm' });
  });

  const bad = [
    ['too short', new Uint8Array([0, 0, 0]), 'header blob shorter than 8 bytes'],
    ['sizes beyond the blob', new Uint8Array([0, 0, 0, 9, 0, 0, 1, 0]), 'header sizes (il=9, dl=256) exceed the blob (8 bytes)'],
    ['huge index count', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), 'header sizes (il=4294967295, dl=0) exceed the blob (8 bytes)'],
    ['no name', buildRpmHeader([{ tag: RPM_TAGS.version, value: '1' }]), 'header without NAME or VERSION'],
  ] as const;
  for (const [name, blob, message] of bad) it(`rejects: ${name}`, () => assert.equal(parseRpmHeader(blob), message));
});

describe('parseRpmDatabase', () => {
  it('lists every package except gpg-pubkey, and reports a bad header by hnum', () => {
    const result = parseRpmDatabase(PATH, database([openssl, bash, pubkey, new Uint8Array([1, 2])]));
    assert.ok(result.ok);
    const { artifact, errors } = result.value;
    assert.deepEqual(
      artifact.packages.map((entry) => [entry.name, entry.version, entry.purl, entry.sourceName, entry.sourceVersion]),
      [
        ['openssl-libs', '1:3.0.7-27.el9', 'pkg:rpm/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1', 'openssl', '3.0.7-27.el9'],
        ['bash', '5.1.8-9.el9', 'pkg:rpm/bash@5.1.8-9.el9?arch=x86_64', 'bash', '5.1.8-9.el9'],
      ],
    );
    assert.deepEqual(errors, [{ path: PATH, code: 'PARSE_FAILED', message: 'rpm header 4: header blob shorter than 8 bytes; skipped.' }]);
    const applied = applyDistribution(artifact, { id: 'rhel', versionId: '9.4' });
    assert.deepEqual([applied.ecosystem, applied.packages[1]?.purl], ['Red Hat', 'pkg:rpm/rhel/bash@5.1.8-9.el9?arch=x86_64&distro=rhel-9.4']);
  });

  it('bytes that are not a database are one error', () => {
    const result = parseRpmDatabase(PATH, new TextEncoder().encode('not sqlite'));
    assert.equal(result.ok, false);
  });

  it('a database without a Packages table is one error', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE Other (x)');
    const bytes = db.serialize();
    db.close();
    const result = parseRpmDatabase(PATH, bytes);
    assert.ok(!result.ok);
    assert.match(result.error.message, /^Not a readable rpmdb.sqlite: /);
  });
});
