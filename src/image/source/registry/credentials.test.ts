import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isPalisadeError } from '../../../core/index.ts';
import { parseChallenge } from './auth.ts';
import { dockerConfigPath, lookupCredentials } from './credentials.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('lookupCredentials', () => {
  let dir = '';
  let bin = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-creds-'));
    bin = join(dir, 'bin');
    await mkdir(bin);
    const helpers: Record<string, string> = {
      ok: `read s; echo "{\\"ServerURL\\":\\"$s\\",\\"Username\\":\\"u-$s\\",\\"Secret\\":\\"p\\"}"`,
      token: 'echo \'{"Username":"<token>","Secret":"refresh"}\'',
      none: 'echo "credentials not found in native keychain"; exit 1',
      broken: 'echo "keychain locked" >&2; exit 3',
      garbage: 'echo not-json',
    };
    for (const [name, body] of Object.entries(helpers)) {
      const path = join(bin, `docker-credential-${name}`);
      await writeFile(path, `#!/bin/sh\n${body}\n`);
      await chmod(path, 0o755);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function lookup(config: unknown, registry: string): Promise<unknown> {
    const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
    const found = await lookupCredentials(registry, { dockerConfigPath: path, env: { PATH: `${bin}:/usr/bin:/bin` } });
    return found === undefined ? undefined : { ...found, source: found.source.replace(path, 'CONFIG') };
  }

  const CASES: readonly [string, unknown, string, unknown][] = [
    ['auth under the bare host', { auths: { 'r.example:5000': { auth: b64('u:p:with:colons') } } }, 'r.example:5000', { username: 'u', password: 'p:with:colons', source: 'CONFIG auths["r.example:5000"]' }],
    ['auth under an https:// URL with a path', { auths: { 'https://r.example/v1/': { auth: b64('u:p') } } }, 'r.example', { username: 'u', password: 'p', source: 'CONFIG auths["https://r.example/v1/"]' }],
    ['Docker Hub under its legacy key', { auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } }, 'docker.io', { username: 'hub', password: 'pw', source: 'CONFIG auths["https://index.docker.io/v1/"]' }],
    ['username and password fields', { auths: { 'r.example': { username: 'a', password: 'b' } } }, 'r.example', { username: 'a', password: 'b', source: 'CONFIG auths["r.example"]' }],
    ['an identity token wins over auth', { auths: { 'r.example': { auth: b64('u:p'), identitytoken: 'idt' } } }, 'r.example', { identityToken: 'idt', source: 'CONFIG auths["r.example"]' }],
    ['no entry for the host', { auths: { 'other.example': { auth: b64('u:p') } } }, 'r.example', undefined],
    ['credHelpers before auths', { credHelpers: { 'r.example': 'ok' }, auths: { 'r.example': { auth: b64('x:y') } } }, 'r.example', { username: 'u-r.example', password: 'p', source: 'docker-credential-ok' }],
    ['credsStore after auths', { credsStore: 'ok', auths: {} }, 'r.example', { username: 'u-r.example', password: 'p', source: 'docker-credential-ok' }],
    ['Docker Hub through a store gets the legacy key', { credsStore: 'ok' }, 'docker.io', { username: 'u-https://index.docker.io/v1/', password: 'p', source: 'docker-credential-ok' }],
    ['a helper token is an identity token', { credHelpers: { 'r.example': 'token' } }, 'r.example', { identityToken: 'refresh', source: 'docker-credential-token' }],
    ['a helper without credentials', { credsStore: 'none' }, 'r.example', undefined],
    ['a helper that is not installed', { credsStore: 'desktop' }, 'r.example', undefined],
    ['fields of the wrong type', { auths: { 'r.example': { auth: 5, username: 1 } }, credHelpers: 'x' }, 'r.example', undefined],
  ];
  for (const [name, config, registry, expected] of CASES) {
    it(name, async () => {
      assert.deepEqual(await lookup(config, registry), expected);
    });
  }

  it('returns nothing when the config does not exist', async () => {
    assert.equal(await lookupCredentials('r.example', { dockerConfigPath: join(dir, 'absent.json'), env: {} }), undefined);
  });

  const FAILURES: readonly [string, unknown, string, RegExp][] = [
    ['malformed JSON', '{"auths":', 'CONFIG_INVALID', /config-\w+\.json is not valid JSON/],
    ['not an object', '[]', 'CONFIG_INVALID', /config-\w+\.json is not a JSON object\.$/],
    ['auth without a colon', { auths: { 'r.example': { auth: b64('nocolon') } } }, 'CONFIG_INVALID', /auths\["r\.example"\]: "auth" is not base64 of "user:password"\.$/],
    ['a failing helper', { credsStore: 'broken' }, 'REGISTRY_AUTH_FAILED', /^docker-credential-broken get failed for r\.example \(exit 3\): keychain locked$/],
    ['a helper printing garbage', { credsStore: 'garbage' }, 'REGISTRY_AUTH_FAILED', /^docker-credential-garbage get printed something other than JSON for r\.example\.$/],
  ];
  for (const [name, config, code, message] of FAILURES) {
    it(`fails on ${name}`, async () => {
      await assert.rejects(lookup(config, 'r.example'), (error: unknown) => isPalisadeError(error) && error.code === code && message.test(error.message));
    });
  }

  it('finds the config from --docker-config, $DOCKER_CONFIG or HOME', () => {
    assert.equal(dockerConfigPath({ dockerConfigPath: '/x/c.json', env: { DOCKER_CONFIG: '/d' } }), '/x/c.json');
    assert.equal(dockerConfigPath({ env: { DOCKER_CONFIG: '/d', HOME: '/h' } }), '/d/config.json');
    assert.equal(dockerConfigPath({ env: { HOME: '/h' } }), '/h/.docker/config.json');
  });
});

describe('parseChallenge', () => {
  const CASES: readonly [string, unknown][] = [
    ['Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"', { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' } }],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    ['bearer realm=https://a/t, service=s', { scheme: 'bearer', params: { realm: 'https://a/t', service: 's' } }],
    ['Bearer realm="a\\"b",error="insufficient_scope"', { scheme: 'bearer', params: { realm: 'a"b', error: 'insufficient_scope' } }],
    ['Bearer', { scheme: 'bearer', params: {} }],
    ['', undefined],
    [`Bearer ${'a="b",'.repeat(10_000)}`, { scheme: 'bearer', params: { a: 'b' } }],
    ['Bearer realm="unterminated', { scheme: 'bearer', params: { realm: '"unterminated' } }],
  ];
  for (const [header, expected] of CASES) {
    it(`parses ${JSON.stringify(header.slice(0, 60))}`, () => {
      assert.deepEqual(parseChallenge(header), expected);
    });
  }
});
