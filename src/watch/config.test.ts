import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseWatchConfig } from './config.ts';
import { tagMatches } from './discover.ts';

describe('parseWatchConfig', () => {
  it('reads repositories, tag globs, sinks and paths relative to the file', () => {
    const config = parseWatchConfig(
      parse(`store: state/watch.db
interval: 5m
repositories:
  - registry.example.com/shop/web
  - { repository: registry.example.com/shop/api, tags: ["v1.*", "main"] }
sinks:
  - stdout
  - { webhook: "https://hooks.example.com/palisade", secretEnv: HOOK_SECRET }
  - { slack: "https://hooks.slack.com/services/T/B/X" }
listen: 127.0.0.1:9464
cluster: { context: prod }
`),
      '/etc/palisade/watch.yaml',
    );
    assert.deepEqual(config, {
      store: '/etc/palisade/state/watch.db',
      intervalSeconds: 300,
      repositories: [
        { repository: 'registry.example.com/shop/web', tags: ['*'] },
        { repository: 'registry.example.com/shop/api', tags: ['v1.*', 'main'] },
      ],
      insecureRegistries: [],
      sinks: [{ type: 'stdout' }, { type: 'webhook', url: 'https://hooks.example.com/palisade', secretEnv: 'HOOK_SECRET' }, { type: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }],
      listen: '127.0.0.1:9464',
      cluster: { context: 'prod' },
    });
  });

  it('keeps a postgres:// store as a URL and reads the queue', () => {
    const config = parseWatchConfig({ store: 'postgres://palisade@db.example.com:5432/watch', queue: 'redis://redis.example.com:6379/2', repositories: ['r/a'] }, '/etc/palisade/watch.yaml');
    assert.deepEqual([config.store, config.queue], ['postgres://palisade@db.example.com:5432/watch', 'redis://redis.example.com:6379/2']);
  });

  const broken: [string, unknown, RegExp][] = [
    ['a queue that is not Redis', { repositories: ['r/a'], queue: 'amqp://rabbit' }, /queue: expected redis:\/\/host:port\[\/db\] \(got "amqp:\/\/rabbit"\)/],
    ['not a mapping', ['a'], /\(top\): expected a mapping/],
    ['no repositories', { repositories: [] }, /repositories: name at least one repository/],
    ['a bad interval', { repositories: ['r/a'], interval: 'soon' }, /interval: expected a duration such as 30s, 10m or 1h \(got "soon"\)/],
    ['a bad sink', { repositories: ['r/a'], sinks: [{ webhook: 'not a url' }] }, /sinks\[0\]: expected "stdout"/],
    ['a tag that is not a string', { repositories: [{ repository: 'r/a', tags: [1] }] }, /repositories\[0\]\.tags\[0\]: expected a string/],
  ];
  for (const [name, value, message] of broken) {
    it(`refuses ${name}`, () => assert.throws(() => parseWatchConfig(value, 'watch.yaml'), (error: unknown) => error instanceof Error && Reflect.get(error, 'code') === 'CONFIG_INVALID' && message.test(error.message)));
  }
});

describe('tagMatches', () => {
  const cases: [string, string[], boolean][] = [
    ['v1.2.3', ['v1.*'], true],
    ['v10.0', ['v1.*'], false],
    ['main', ['main', 'release-?'], true],
    ['release-7', ['release-?'], true],
    ['release-17', ['release-?'], false],
    ['a+b', ['a+b'], true],
  ];
  for (const [tag, globs, expected] of cases) it(`${tag} against ${globs.join(', ')}`, () => assert.equal(tagMatches(tag, globs), expected));
});
