import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionHealth } from './health.ts';

describe('ConnectionHealth', () => {
  it('logs an outage once, however many errors it has, and counts everything', () => {
    let time = 1000;
    const log: string[] = [];
    const health = new ConnectionHealth((line) => log.push(line), () => time);
    health.failed('queue', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }));
    time += 700;
    health.failed('queue', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    health.failed('store', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    assert.deepEqual([health.isDown('queue'), health.isDown('store')], [true, true]);
    time += 300;
    health.recovered('queue');
    health.recovered('queue');
    health.requeued('rematch-abc');
    health.retried();
    assert.deepEqual(log, [
      'lost the queue: connect ECONNREFUSED 127.0.0.1:6379; retrying with backoff',
      'lost the store: terminating connection due to administrator command (57P01); retrying with backoff',
      'the queue is back after 1000 ms',
      'job rematch-abc was missing from the queue (Redis lost its data?); queued again',
    ]);
    assert.equal(
      health.metricsText(),
      [
        '# HELP palisade_watch_connection_errors_total Connection errors seen, per service.',
        '# TYPE palisade_watch_connection_errors_total counter',
        'palisade_watch_connection_errors_total{service="store"} 1',
        'palisade_watch_connection_errors_total{service="queue"} 2',
        '# HELP palisade_watch_outages_total Outages that ended (the service answered again), per service.',
        '# TYPE palisade_watch_outages_total counter',
        'palisade_watch_outages_total{service="store"} 0',
        'palisade_watch_outages_total{service="queue"} 1',
        '# HELP palisade_watch_connection_up Whether the last contact with the service succeeded.',
        '# TYPE palisade_watch_connection_up gauge',
        'palisade_watch_connection_up{service="store"} 0',
        'palisade_watch_connection_up{service="queue"} 1',
        '# HELP palisade_watch_store_retries_total Store operations tried again after a connection error.',
        '# TYPE palisade_watch_store_retries_total counter',
        'palisade_watch_store_retries_total 1',
        '# HELP palisade_watch_requeued_jobs_total Jobs the queue had lost, queued again.',
        '# TYPE palisade_watch_requeued_jobs_total counter',
        'palisade_watch_requeued_jobs_total 1',
        '',
      ].join('\n'),
    );
  });

  it('names the errors of every address tried (AggregateError) and non-Error values', () => {
    const log: string[] = [];
    const health = new ConnectionHealth((line) => log.push(line));
    health.failed('store', new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')]));
    health.failed('queue', 'socket closed');
    assert.deepEqual(log, ['lost the store: connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432; retrying with backoff', 'lost the queue: socket closed; retrying with backoff']);
  });
});
