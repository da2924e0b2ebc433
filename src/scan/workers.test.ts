import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { workerCount, workerHeadStart } from './workers.ts';

describe('workerCount', () => {
  it('takes PALISADE_WORKERS as it is, whatever the load (0 or 1: no workers)', () => {
    assert.equal(workerCount({ PALISADE_WORKERS: '0' }, 0), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '1' }, 0), 0);
    assert.equal(workerCount({ PALISADE_WORKERS: '3' }, 100), 3);
    assert.equal(workerCount({ PALISADE_WORKERS: '99' }, 0), 32);
  });

  it('else uses the idle cores: one thread per idle core plus the main thread, none on a busy machine', () => {
    const cores = availableParallelism();
    assert.equal(workerCount({}, 100), 0);
    assert.equal(workerCount({}, cores - 0.5), 0);
    assert.equal(workerCount({}, 0), cores <= 1 ? 0 : Math.min(cores, 8));
    assert.equal(workerCount({ PALISADE_WORKERS: 'many' }, 100), 0);
  });
});

describe('workerHeadStart', () => {
  it('starts nothing and loads nothing for no workers', async () => {
    const headStart = await workerHeadStart(0, 1);
    headStart.add({ path: 'a.txt', size: 100 });
    assert.deepEqual(headStart.started(), []);
    await headStart.stop();
  });

  it('starts the workers once the files the text analyzer reads by name reach the threshold, once', async () => {
    const headStart = await workerHeadStart(1, 100);
    headStart.add({ path: 'a.txt', size: 60 });
    headStart.add({ path: 'image.png', size: 1000 });
    headStart.add({ path: 'package-lock.json', size: 1000 });
    assert.deepEqual(headStart.started(), []);
    headStart.add({ path: 'b.js', size: 40 });
    headStart.add({ path: 'c.js', size: 400 });
    const started = headStart.started();
    assert.equal(started.length, 1);
    assert.equal(headStart.started(), started);
    await headStart.stop();
    assert.equal((await started[0]?.ended)?.error, undefined);
  });

  it('terminates its workers on stop, also those a scan has terminated already', async () => {
    const headStart = await workerHeadStart(2, 1);
    headStart.add({ path: 'a.txt', size: 1 });
    const [first, second] = headStart.started();
    await first?.worker.terminate();
    await headStart.stop();
    assert.deepEqual([(await first?.ended)?.error, (await second?.ended)?.error], [undefined, undefined]);
  });
});
