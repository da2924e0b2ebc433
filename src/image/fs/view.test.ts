import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LayerEntry } from './entry.ts';
import { FinalView, MAX_SYMLINK_HOPS } from './view.ts';

const file = (path: string, size = 1): LayerEntry => ({ path, type: 'file', size });
const dir = (path: string): LayerEntry => ({ path, type: 'directory', size: 0 });
const link = (path: string, target: string): LayerEntry => ({ path, type: 'symlink', size: 0, target });
const whiteout = (path: string): LayerEntry => ({ path, type: 'whiteout', size: 0 });
const opaque = (path: string): LayerEntry => ({ path, type: 'opaque', size: 0 });

function paths(view: FinalView): string[] {
  return [...view.files()].map((entry) => `${entry.path}@${entry.layer}`);
}

describe('FinalView', () => {
  it('lets upper layers replace files and whiteouts delete them', () => {
    const view = FinalView.build([
      [dir('etc'), file('etc/a'), file('etc/b'), file('etc/c')],
      [file('etc/b'), whiteout('etc/c')],
    ]);
    assert.deepEqual(paths(view), ['etc/a@0', 'etc/b@1']);
    assert.equal(view.fate(0, 'etc/a'), 'present');
    assert.equal(view.fate(0, 'etc/b'), 'replaced');
    assert.equal(view.fate(0, 'etc/c'), 'deleted');
    assert.equal(view.fate(1, 'etc/b'), 'present');
  });

  it('deletes a whole directory with one whiteout, and a later layer can recreate it', () => {
    const view = FinalView.build([[dir('app'), file('app/x'), dir('app/sub'), file('app/sub/y')], [whiteout('app')], [file('app/z')]]);
    assert.deepEqual(paths(view), ['app/z@2']);
    assert.equal(view.fate(0, 'app/sub/y'), 'deleted');
  });

  it('makes a directory opaque: lower content hidden, same-layer content kept', () => {
    const view = FinalView.build([
      [file('cache/old'), file('cache/deep/older'), file('keep')],
      [file('cache/new'), opaque('cache')],
    ]);
    assert.deepEqual(paths(view), ['cache/new@1', 'keep@0']);
  });

  it('replaces a lower directory by a file, and a lower file by a directory', () => {
    const view = FinalView.build([[file('d/x'), file('f')], [file('d'), file('f/y')]]);
    assert.deepEqual(paths(view), ['d@1', 'f/y@1']);
  });

  it('treats whiteouts in the same layer as affecting only lower layers', () => {
    const view = FinalView.build([[file('a')], [file('b'), whiteout('b'), whiteout('a')]]);
    assert.deepEqual(paths(view), ['b@1']);
  });

  it('resolves symlinks inside the image only', () => {
    const view = FinalView.build([
      [file('usr/lib/os-release'), link('etc/os-release', '../usr/lib/os-release'), link('escape', '../../../../etc/shadow'), link('abs', '/usr/lib/os-release'), file('etc/shadow')],
    ]);
    assert.equal(view.resolve('etc/os-release'), 'usr/lib/os-release');
    assert.equal(view.resolve('abs'), 'usr/lib/os-release');
    assert.equal(view.resolve('escape'), 'etc/shadow');
    assert.equal(view.lookup('etc/os-release')?.entry?.type, 'symlink');
  });

  it('gives up on symlink loops and on links to nothing', () => {
    const view = FinalView.build([[link('a', 'b'), link('b', 'a'), link('self', 'self/x'), link('dangling', 'nowhere')]]);
    assert.equal(view.resolve('a'), undefined);
    assert.equal(view.resolve('self'), undefined);
    assert.equal(view.resolve('dangling'), undefined);
    assert.equal(view.resolve('a/deeper'), undefined);
  });

  it(`follows a chain of up to ${MAX_SYMLINK_HOPS} links`, () => {
    const chain = Array.from({ length: MAX_SYMLINK_HOPS }, (_value, index) => link(`l${index}`, `l${index + 1}`));
    const ok = FinalView.build([[...chain, file(`l${MAX_SYMLINK_HOPS}`)]]);
    assert.equal(ok.resolve('l0'), `l${MAX_SYMLINK_HOPS}`);
    const tooLong = FinalView.build([[link('start', 'l0'), ...chain, file(`l${MAX_SYMLINK_HOPS}`)]]);
    assert.equal(tooLong.resolve('start'), undefined);
  });

  it('places entries under a symlinked directory where the link points (merged /usr)', () => {
    const view = FinalView.build([[dir('usr/lib'), link('lib', 'usr/lib')], [file('lib/apk/db/installed')]]);
    assert.deepEqual(paths(view), ['lib@0', 'usr/lib/apk/db/installed@1']);
    assert.equal(view.lookup('lib/apk/db/installed')?.layer, 1);
    assert.equal(view.fate(1, 'lib/apk/db/installed'), 'present');
  });

  it('never lets a symlinked parent place entries outside the root', () => {
    const view = FinalView.build([[link('up', '../../..')], [file('up/etc/passwd')]]);
    assert.deepEqual(paths(view), ['etc/passwd@1', 'up@0']);
  });

  it('keeps a directory and its children when an upper layer only changes its metadata', () => {
    const view = FinalView.build([[dir('a'), file('a/x')], [dir('a')]]);
    assert.deepEqual(paths(view), ['a/x@0']);
    assert.equal(view.lookup('a')?.layer, 1);
  });

  it('ignores whiteouts of paths that do not exist and of the root', () => {
    const view = FinalView.build([[file('a')], [whiteout('missing/x'), whiteout('')]]);
    assert.deepEqual(paths(view), ['a@0']);
  });
});
