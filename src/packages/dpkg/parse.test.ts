import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceDocument } from '../../core/index.ts';
import { assertGolden, packageKeys } from '../__fixtures__/golden.ts';
import { isDpkgStatus } from './index.ts';
import { parseDpkgStatus } from './parse.ts';

describe('dpkg golden artifacts', () => {
  it('status', () => assertGolden(parseDpkgStatus, new URL('__fixtures__/status', import.meta.url), 'var/lib/dpkg/status'));
  it('status.d entry (distroless)', () => assertGolden(parseDpkgStatus, new URL('__fixtures__/status-d-entry', import.meta.url), 'var/lib/dpkg/status.d/tzdata'));
});

describe('dpkg quirks', () => {
  const parse = (text: string) => parseDpkgStatus(createSourceDocument('var/lib/dpkg/status', text));

  it('tolerates CRLF line ends, extra blank lines and trailing spaces', () => {
    assert.deepEqual(packageKeys(parse('\r\n\r\nPackage: a\r\nVersion: 1.0 \r\n\r\n\r\n\r\nPackage: b\r\nVersion: 2.0\r\n\r\n')), ['a@1.0', 'b@2.0']);
  });

  it('an empty database yields an empty inventory', () => {
    assert.deepEqual(packageKeys(parse('')), []);
  });

  it('matches the status file and status.d entries, not their md5sums', () => {
    const paths = ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/base', 'var/lib/dpkg/status.d/base.md5sums', 'etc/dpkg/status', 'x/var/lib/dpkg/status'];
    assert.deepEqual(paths.map((path) => isDpkgStatus({ path, size: 1 })), [true, true, false, false, false]);
  });
});
