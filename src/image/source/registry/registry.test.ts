/** Against a real registry: Debian's docker-registry with TLS, htpasswd or token auth, images pushed by skopeo. */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { isPalisadeError, nullThrows, type ErrorCode } from '../../../core/index.ts';
import { buildLayer, initLayout, writeImage, writeIndexBlob, writeIndexJson, type BuilderDescriptor, type BuiltLayer } from '../../../../test/image/oci-builder.ts';
import { findBinary, REFRESH_TOKEN, REGISTRY_PASSWORD, REGISTRY_USER, skipWithout, startRegistry, type RegistryFixture } from '../../../../test/image/registry.ts';
import { readAll } from '../../../../test/image/streams.ts';
import { openImage } from '../open.ts';
import type { OpenImageOptions } from '../types.ts';

const TOOLS = ['docker-registry', 'openssl', 'skopeo'] as const;
const available = TOOLS.every((tool) => findBinary(tool) !== undefined);
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64' };

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalisadeError(error), String(error));
    assert.equal(error.code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('docker:// against a real registry', () => {
  let root = '';
  let layer: BuiltLayer | undefined;
  let single: BuilderDescriptor | undefined;
  let platforms: Record<string, BuilderDescriptor> = {};
  let basic: RegistryFixture | undefined;
  let token: RegistryFixture | undefined;
  let plain: RegistryFixture | undefined;
  const fixtures = (): { basic: RegistryFixture; token: RegistryFixture; plain: RegistryFixture } => ({
    basic: nullThrows(basic, 'started'),
    token: nullThrows(token, 'started'),
    plain: nullThrows(plain, 'started'),
  });
  const skip = (t: TestContext): boolean => skipWithout(t, ...TOOLS);
  const env = { PATH: '/nonexistent', HOME: '/nonexistent' };

  before(async () => {
    if (!available) return;
    root = await mkdtemp(join(tmpdir(), 'palisade-registry-test-'));
    const layout = join(root, 'layout');
    await initLayout(layout);
    layer = await buildLayer({ 'etc/os-release': 'ID=palisade\n', 'app/run': '#!/bin/sh\necho hi\n' });
    single = await writeImage(layout, { layers: [layer], config: { config: { User: 'app', Env: ['PATH=/bin'] } } });
    platforms = {
      amd64: await writeImage(layout, { layers: [{ arch: 'amd64' }], platform: AMD64 }),
      arm64: await writeImage(layout, { layers: [{ arch: 'arm64' }], platform: { ...ARM64, variant: 'v8' } }),
    };
    const index = await writeIndexBlob(layout, [nullThrows(platforms.amd64, 'amd64'), nullThrows(platforms.arm64, 'arm64')]);
    await writeIndexJson(layout, [{ descriptor: single, tag: 'v1' }, { descriptor: index, tag: 'multi' }]);
    basic = await startRegistry({ auth: 'htpasswd' });
    await basic.push(`oci:${layout}:v1`, 'team/app:v1');
    await basic.push(`oci:${layout}:v1`, 'private/app:v1');
    await basic.push(`oci:${layout}:multi`, 'team/multi:latest', { all: true });
    await basic.push(`oci:${layout}:v1`, 'team/docker:v1', { format: 'v2s2' });
    token = await startRegistry({ auth: 'token', storageDir: basic.storageDir });
    plain = await startRegistry({ auth: 'none', tls: false, storageDir: basic.storageDir });
  });
  after(async () => {
    await basic?.stop();
    await token?.stop();
    await plain?.stop();
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('pulls with Basic credentials from the Docker config (auths.auth) over TLS with a custom CA', async (t) => {
    if (skip(t)) return;
    const { basic } = fixtures();
    const options: OpenImageOptions = { caFile: nullThrows(basic.caFile, 'tls'), dockerConfigPath: await basic.writeDockerConfig(), env };
    const image = await openImage(`docker://${basic.host}/team/app:v1`, options);
    assert.equal(image.transport, 'docker');
    assert.equal(image.manifestDigest, single?.digest);
    assert.equal(image.manifestMediaType, 'application/vnd.oci.image.manifest.v1+json');
    assert.deepEqual(image.config.config, { User: 'app', Env: ['PATH=/bin'] });
    const pulled = nullThrows(image.layers[0], 'layer');
    assert.deepEqual({ digest: pulled.digest, size: pulled.size, mediaType: pulled.mediaType }, { digest: layer?.digest, size: layer?.size, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' });
    assert.deepEqual(await readAll(await pulled.open()), layer?.bytes);
    await image.close();
    const byDigest = await openImage(`docker://${basic.host}/team/app@${nullThrows(single, 'single').digest}`, options);
    assert.equal(byDigest.configDigest, image.configDigest);
    await byDigest.close();
  });

  it('pulls with auths username/password fields, and through a credential helper', async (t) => {
    if (skip(t)) return;
    const { basic } = fixtures();
    const caFile = nullThrows(basic.caFile, 'tls');
    const withFields = await basic.writeDockerConfig({ username: REGISTRY_USER, password: REGISTRY_PASSWORD });
    const image = await openImage(`docker://${basic.host}/team/app:v1`, { caFile, dockerConfigPath: withFields, env });
    await image.close();
    const bin = join(root, 'bin');
    await mkdir(bin, { recursive: true });
    const helper = join(bin, 'docker-credential-palisadetest');
    await writeFile(helper, `#!/bin/sh\nread server\n[ "$server" = "${basic.host}" ] || { echo "credentials not found in native keychain"; exit 1; }\necho '{"ServerURL":"${basic.host}","Username":"${REGISTRY_USER}","Secret":"${REGISTRY_PASSWORD}"}'\n`);
    await chmod(helper, 0o755);
    const helperConfig = join(root, 'helper-config.json');
    await writeFile(helperConfig, JSON.stringify({ credHelpers: { [basic.host]: 'palisadetest' } }));
    const viaHelper = await openImage(`docker://${basic.host}/team/app:v1`, { caFile, dockerConfigPath: helperConfig, env: { PATH: `${bin}:/usr/bin:/bin` } });
    assert.equal(viaHelper.manifestDigest, single?.digest);
    await viaHelper.close();
  });

  it('fails with REGISTRY_AUTH_FAILED without or with wrong credentials', async (t) => {
    if (skip(t)) return;
    const { basic } = fixtures();
    const caFile = nullThrows(basic.caFile, 'tls');
    await rejectsWith(openImage(`docker://${basic.host}/team/app:v1`, { caFile, dockerConfigPath: join(root, 'absent.json'), env }), 'REGISTRY_AUTH_FAILED', /^127\.0\.0\.1:\d+ requires credentials and none were found for it \(log in with `docker login`/);
    const wrong = await basic.writeDockerConfig({ auth: Buffer.from(`${REGISTRY_USER}:wrong`).toString('base64') });
    await rejectsWith(openImage(`docker://${basic.host}/team/app:v1`, { caFile, dockerConfigPath: wrong, env }), 'REGISTRY_AUTH_FAILED', new RegExp(`^docker://127\\.0\\.0\\.1:\\d+/team/app:v1: 127\\.0\\.0\\.1:\\d+ denied access to manifest team/app:v1 with the credentials from ${wrong} auths\\["127\\.0\\.0\\.1:\\d+"\\] \\(HTTP 401\\) \\(registry: UNAUTHORIZED: authentication required\\)\\.$`));
    const missingHelper = join(root, 'store-config.json');
    await writeFile(missingHelper, JSON.stringify({ credsStore: 'not-installed' }));
    await rejectsWith(openImage(`docker://${basic.host}/team/app:v1`, { caFile, dockerConfigPath: missingHelper, env }), 'REGISTRY_AUTH_FAILED', /requires credentials and none were found/);
  });

  it('refuses an unknown CA with a clear TLS message, and skips verification for insecure registries', async (t) => {
    if (skip(t)) return;
    const { basic } = fixtures();
    const dockerConfigPath = await basic.writeDockerConfig();
    await rejectsWith(openImage(`docker://${basic.host}/team/app:v1`, { dockerConfigPath, env, timeoutMs: 5000 }), 'NETWORK_FAILED', new RegExp(`^GET https://127\\.0\\.0\\.1:\\d+/v2/team/app/manifests/v1: TLS failed \\((SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT): .*\\)\\. Trust the registry's CA with --ca-file, or list ${basic.host} in --insecure-registry to skip verification\\.$`));
    const image = await openImage(`docker://${basic.host}/team/app:v1`, { dockerConfigPath, env, insecureRegistries: [basic.host] });
    assert.equal(image.manifestDigest, single?.digest);
    await image.close();
  });

  it('reaches a plain-HTTP registry only when it is listed as insecure', async (t) => {
    if (skip(t)) return;
    const { plain } = fixtures();
    const image = await openImage(`docker://${plain.host}/team/app:v1`, { env, insecureRegistries: [plain.host] });
    assert.equal(image.manifestDigest, single?.digest);
    assert.deepEqual(await readAll(await nullThrows(image.layers[0], 'layer').open()), layer?.bytes);
    await image.close();
    await rejectsWith(openImage(`docker://${plain.host}/team/app:v1`, { env, timeoutMs: 5000 }, { retries: 0 }), 'NETWORK_FAILED', new RegExp(`^GET https://${plain.host.replace(/\./g, '\\.')}/v2/team/app/manifests/v1: TLS failed \\(EPROTO`));
  });

  it('selects the platform from a multi-arch index', async (t) => {
    if (skip(t)) return;
    const { plain } = fixtures();
    const options = { env, insecureRegistries: [plain.host] };
    const arm = await openImage(`docker://${plain.host}/team/multi`, { ...options, platform: ARM64 });
    assert.equal(arm.manifestDigest, platforms.arm64?.digest);
    assert.equal(arm.config.architecture, 'arm64');
    const amd = await openImage(`docker://${plain.host}/team/multi:latest`, { ...options, platform: AMD64 });
    assert.equal(amd.manifestDigest, platforms.amd64?.digest);
    await rejectsWith(openImage(`docker://${plain.host}/team/multi`, { ...options, platform: { os: 'linux', architecture: 'ppc64le' } }), 'IMAGE_NOT_FOUND', `docker://${plain.host}/team/multi has no image for platform linux/ppc64le; it has linux/amd64, linux/arm64/v8.`);
    await arm.close();
    await amd.close();
  });

  it('reads an image pushed as Docker v2 schema 2', async (t) => {
    if (skip(t)) return;
    const { plain } = fixtures();
    const image = await openImage(`docker://${plain.host}/team/docker:v1`, { env, insecureRegistries: [plain.host] });
    assert.equal(image.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.deepEqual(image.layers.map((pulled) => [pulled.mediaType, pulled.digest]), [['application/vnd.docker.image.rootfs.diff.tar.gzip', layer?.digest]]);
    assert.deepEqual(image.config.config, { User: 'app', Env: ['PATH=/bin'] });
    await image.close();
  });

  it('answers 404 with IMAGE_NOT_FOUND and the registry\'s own words', async (t) => {
    if (skip(t)) return;
    const { plain } = fixtures();
    const options = { env, insecureRegistries: [plain.host] };
    await rejectsWith(openImage(`docker://${plain.host}/team/app:nope`, options), 'IMAGE_NOT_FOUND', `docker://${plain.host}/team/app:nope: manifest team/app:nope not found (HTTP 404) (registry: MANIFEST_UNKNOWN: manifest unknown).`);
    await rejectsWith(openImage(`docker://${plain.host}/nobody/here`, options), 'IMAGE_NOT_FOUND', `docker://${plain.host}/nobody/here: manifest nobody/here:latest not found (HTTP 404) (registry: MANIFEST_UNKNOWN: manifest unknown).`);
  });

  it('gets anonymous bearer tokens, and tokens for credentials or an identity token', async (t) => {
    if (skip(t)) return;
    const { token } = fixtures();
    const caFile = nullThrows(token.caFile, 'tls');
    const anonymous = await openImage(`docker://${token.host}/team/app:v1`, { caFile, env, dockerConfigPath: join(root, 'absent.json') });
    assert.equal(anonymous.manifestDigest, single?.digest);
    assert.deepEqual(await readAll(await nullThrows(anonymous.layers[0], 'layer').open()), layer?.bytes);
    await anonymous.close();
    await rejectsWith(openImage(`docker://${token.host}/private/app:v1`, { caFile, env, dockerConfigPath: join(root, 'absent.json') }), 'REGISTRY_AUTH_FAILED', /^docker:\/\/127\.0\.0\.1:\d+\/private\/app:v1: 127\.0\.0\.1:\d+ denied access to manifest private\/app:v1 anonymously \(HTTP 401\) \(registry: UNAUTHORIZED: authentication required/);
    const withCredentials = await openImage(`docker://${token.host}/private/app:v1`, { caFile, env, dockerConfigPath: await token.writeDockerConfig() });
    assert.equal(withCredentials.manifestDigest, single?.digest);
    await withCredentials.close();
    const withIdentity = await openImage(`docker://${token.host}/private/app:v1`, { caFile, env, dockerConfigPath: await token.writeDockerConfig({ auth: '', identitytoken: REFRESH_TOKEN }) });
    assert.equal(withIdentity.manifestDigest, single?.digest);
    await withIdentity.close();
    const badIdentity = await token.writeDockerConfig({ identitytoken: 'stale' });
    await rejectsWith(openImage(`docker://${token.host}/private/app:v1`, { caFile, env, dockerConfigPath: badIdentity }), 'REGISTRY_AUTH_FAILED', new RegExp(`^The token service http://127\\.0\\.0\\.1:\\d+/token refused access to 127\\.0\\.0\\.1:\\d+ with the credentials from ${badIdentity} auths\\["127\\.0\\.0\\.1:\\d+"\\] \\(HTTP 401\\)\\.$`));
  });
});
