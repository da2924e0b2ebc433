import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPalisadeError } from '../core/index.ts';
import { ConnectionHealth } from './health.ts';
import { isTransientError, withRetry } from './retry.ts';

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('isTransientError', () => {
  const cases: readonly [string, unknown, boolean][] = [
    ['admin shutdown (57P01)', coded('terminating connection due to administrator command', '57P01'), true],
    ['server starting (57P03)', coded('the database system is starting up', '57P03'), true],
    ['connection failure (08006)', coded('connection failure', '08006'), true],
    ['too many connections (53300)', coded('sorry, too many clients already', '53300'), true],
    ['serialisation failure (40001)', coded('could not serialize access', '40001'), true],
    ['refused', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), true],
    ['reset', coded('read ECONNRESET', 'ECONNRESET'), true],
    ['both addresses refused', new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')]), true],
    ['node-postgres: socket gone', new Error('Connection terminated unexpectedly'), true],
    ['node-postgres: pool timeout', new Error('timeout exceeded when trying to connect'), true],
    ['unique violation (23505)', coded('duplicate key value violates unique constraint', '23505'), false],
    ['syntax error (42601)', coded('syntax error at or near "SELEC"', '42601'), false],
    ['a bug', new TypeError('Cannot read properties of undefined'), false],
    ['not an Error', 'ECONNREFUSED', false],
  ];
  for (const [name, error, expected] of cases) it(name, () => assert.equal(isTransientError(error), expected));
});

/** A clock that moves only when the retry sleeps. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return { now: () => time, sleep: (ms) => Promise.resolve(void (slept.push(ms), (time += ms))), slept };
}

describe('withRetry', () => {
  it('tries again with doubling waits until the store answers, and logs the outage once', async () => {
    const time = fakeTime();
    const log: string[] = [];
    const health = new ConnectionHealth((line) => log.push(line), time.now);
    let calls = 0;
    const value = await withRetry('postgres://db', () => (++calls < 4 ? Promise.reject(coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')) : Promise.resolve('rows')), health, time);
    assert.equal(value, 'rows');
    assert.deepEqual(time.slept, [200, 400, 800]);
    assert.deepEqual(log, ['lost the store: connect ECONNREFUSED 127.0.0.1:5432; retrying with backoff', 'the store is back after 1400 ms']);
    assert.deepEqual(health.snapshot(), { errors: { store: 3, queue: 0 }, outages: { store: 1, queue: 0 }, down: [], storeRetries: 3, requeuedJobs: 0 });
  });

  it('throws any other error at once', async () => {
    const time = fakeTime();
    await assert.rejects(withRetry('postgres://db', () => Promise.reject(coded('duplicate key', '23505')), undefined, time), { message: 'duplicate key' });
    assert.deepEqual(time.slept, []);
  });

  it('gives up after its budget with DB_UNAVAILABLE, the waits capped', async () => {
    const time = fakeTime();
    const health = new ConnectionHealth(() => undefined, time.now);
    const failing = (): Promise<never> => Promise.reject(new Error('Connection terminated unexpectedly'));
    const error: unknown = await withRetry('postgres://palisade@db:5432/watch', failing, health, { ...time, budgetMs: 10_000, maxDelayMs: 3000 }).catch((caught: unknown) => caught);
    assert.ok(isPalisadeError(error));
    assert.equal(error.code, 'DB_UNAVAILABLE');
    assert.equal(error.message, 'postgres://palisade@db:5432/watch: the store did not answer for 10000 ms: Connection terminated unexpectedly');
    assert.deepEqual(time.slept, [200, 400, 800, 1600, 3000, 3000]);
    assert.deepEqual(health.snapshot().down, ['store']);
  });
});
