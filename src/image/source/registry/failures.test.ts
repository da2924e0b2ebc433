/**
 * Failure modes a real registry cannot be made to produce, against a tiny node:http fake: 5xx then
 * success, 429 with Retry-After, resets, hangs, corrupt blobs, odd media types, auth refusals.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isPalisadeError, nullThrows, type ErrorCode } from '../../../core/index.ts';
import { sha256 } from '../../../../test/image/oci-builder.ts';
import { readAll } from '../../../../test/image/streams.ts';
import type { FakeHttpServer } from '../../../../test/fake-http.ts';
import { startFakeHttp } from '../../../../test/fake-http.ts';
import { openImage } from '../open.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

type Fake = FakeHttpServer;

const LAYER = gzipSync(Buffer.from('layer bytes'));
const CONFIG = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: 'x' } }));
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const MANIFEST = Buffer.from(JSON.stringify({
  schemaVersion: 2,
  mediaType: MANIFEST_TYPE,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(CONFIG), size: CONFIG.length },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(LAYER), size: LAYER.length }],
}));

/** A registry serving one image at app:v1; `override` answers first (return true when handled). */
async function startFake(override: (request: IncomingMessage, response: ServerResponse, count: number) => boolean = () => false): Promise<Fake> {
  const handler: Handler = (request, response, count) => {
    if (override(request, response, count)) return;
    const path = request.url ?? '';
    if (path === '/v2/app/manifests/v1' || path === `/v2/app/manifests/${sha256(MANIFEST)}`) {
      response.writeHead(200, { 'content-type': MANIFEST_TYPE, 'docker-content-digest': sha256(MANIFEST) }).end(MANIFEST);
    } else if (path === `/v2/app/blobs/${sha256(CONFIG)}`) {
      response.writeHead(200).end(CONFIG);
    } else if (path === `/v2/app/blobs/${sha256(LAYER)}`) {
      response.writeHead(200).end(LAYER);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND","message":"nothing here"}]}');
    }
  };
  return startFakeHttp(handler);
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPalisadeError(error), String(error));
    assert.equal(error.code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

const TUNING = { retries: 2, backoffMs: 1, maxRetryAfterMs: 1500 };

async function withFake(override: Parameters<typeof startFake>[0], body: (fake: Fake, options: { insecureRegistries: string[]; env: Record<string, string>; timeoutMs: number }) => Promise<void>): Promise<void> {
  const fake = await startFake(override);
  try {
    await body(fake, { insecureRegistries: [fake.host], env: { PATH: '', HOME: '/nonexistent' }, timeoutMs: 2000 });
  } finally {
    await fake.close();
  }
}

const isManifest = (request: IncomingMessage): boolean => request.url === '/v2/app/manifests/v1';

describe('registry failure modes (fake server)', () => {
  it('retries a 500 and then succeeds', async () => {
    let failures = 0;
    await withFake((request, response) => {
      if (!isManifest(request) || failures >= 2) return false;
      failures++;
      response.writeHead(500).end('{"errors":[{"code":"UNKNOWN","message":"boom"}]}');
      return true;
    }, async (fake, options) => {
      const image = await openImage(`docker://${fake.host}/app:v1`, options, TUNING);
      assert.equal(image.manifestDigest, sha256(MANIFEST));
      assert.equal(fake.requests.filter((line) => line === 'GET /v2/app/manifests/v1').length, 3);
      await image.close();
    });
  });

  it('gives up after the retries with NETWORK_FAILED naming the status', async () => {
    await withFake((request, response) => {
      if (!isManifest(request)) return false;
      response.writeHead(503).end('{"errors":[{"code":"UNAVAILABLE","message":"maintenance"}]}');
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'NETWORK_FAILED', `docker://${fake.host}/app:v1: ${fake.host} answered HTTP 503 for manifest app:v1 (registry: UNAVAILABLE: maintenance).`);
      assert.equal(fake.requests.length, 3);
    });
  });

  it('honours Retry-After on 429', async () => {
    let limited = false;
    await withFake((request, response) => {
      if (!isManifest(request) || limited) return false;
      limited = true;
      response.writeHead(429, { 'retry-after': '1' }).end();
      return true;
    }, async (fake, options) => {
      const image = await openImage(`docker://${fake.host}/app:v1`, options, TUNING);
      assert.equal(image.manifestDigest, sha256(MANIFEST));
      assert.equal(fake.requests.filter((line) => line === 'GET /v2/app/manifests/v1').length, 2);
    });
  });

  it('retries a connection reset', async () => {
    let reset = false;
    await withFake((request) => {
      if (!isManifest(request) || reset) return false;
      reset = true;
      request.socket.destroy();
      return true;
    }, async (fake, options) => {
      const image = await openImage(`docker://${fake.host}/app:v1`, options, TUNING);
      assert.equal(image.manifestDigest, sha256(MANIFEST));
    });
  });

  it('times out a registry that never answers', async () => {
    await withFake((request) => isManifest(request), async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, { ...options, timeoutMs: 150 }, { ...TUNING, retries: 1 }), 'NETWORK_FAILED', `GET http://${fake.host}/v2/app/manifests/v1: timed out (no data for 150 ms).`);
    });
  });

  it('fails a layer stream that stalls half-way, but waits for a slow reader', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 3);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(CONFIG), size: CONFIG.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(big), size: big.length }, { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(LAYER), size: LAYER.length }],
    }));
    await withFake((request, response) => {
      if (request.url === '/v2/app/manifests/big') {
        response.writeHead(200, { 'content-type': MANIFEST_TYPE }).end(manifest);
        return true;
      }
      if (request.url === `/v2/app/blobs/${sha256(big)}`) {
        response.writeHead(200, { 'content-length': String(big.length) }).end(big);
        return true;
      }
      if (request.url !== `/v2/app/blobs/${sha256(LAYER)}`) return false;
      response.writeHead(200, { 'content-length': String(LAYER.length) });
      response.write(LAYER.subarray(0, 5));
      return true;
    }, async (fake, options) => {
      const image = await openImage(`docker://${fake.host}/app:big`, { ...options, timeoutMs: 100 }, TUNING);
      const [slow, stalled] = image.layers;
      const stream = await nullThrows(slow, 'layer').open();
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal((await readAll(stream)).length, big.length);
      await rejectsWith(readAll(await nullThrows(stalled, 'layer').open()), 'NETWORK_FAILED', `http://${fake.host}/v2/app/blobs/${sha256(LAYER)}: the transfer stalled (no data for 100 ms).`);
      await image.close();
    });
  });

  it('fails a layer stream whose bytes do not match the digest', async () => {
    await withFake((request, response) => {
      if (request.url !== `/v2/app/blobs/${sha256(LAYER)}`) return false;
      response.writeHead(200).end(Buffer.alloc(LAYER.length, 1));
      return true;
    }, async (fake, options) => {
      const image = await openImage(`docker://${fake.host}/app:v1`, options, TUNING);
      const layer = nullThrows(image.layers[0], 'layer');
      await rejectsWith(readAll(await layer.open()), 'IMAGE_INVALID', new RegExp(`^blob ${layer.digest} from ${fake.host} has digest sha256:[0-9a-f]{64}, expected ${layer.digest}\\.$`));
    });
  });

  it('fails a config or manifest that does not match its digest', async () => {
    await withFake((request, response) => {
      if (request.url !== `/v2/app/blobs/${sha256(CONFIG)}`) return false;
      response.writeHead(200).end(Buffer.concat([CONFIG, Buffer.from(' ')]));
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'IMAGE_INVALID', `blob ${sha256(CONFIG)} has ${CONFIG.length + 1} bytes, expected ${CONFIG.length} (${sha256(CONFIG)}).`);
      const wanted = `sha256:${'0'.repeat(64)}`;
      await rejectsWith(openImage(`docker://${fake.host}/app@${wanted}`, options, TUNING), 'IMAGE_NOT_FOUND', /not found \(HTTP 404\) \(registry: NOT_FOUND: nothing here\)\.$/);
    });
    await withFake((request, response) => {
      if (!isManifest(request)) return false;
      response.writeHead(200, { 'content-type': MANIFEST_TYPE, 'docker-content-digest': `sha256:${'1'.repeat(64)}` }).end(MANIFEST);
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'IMAGE_INVALID', `docker://${fake.host}/app:v1: the manifest has digest ${sha256(MANIFEST)} but the registry announced sha256:${'1'.repeat(64)}.`);
    });
  });

  it('refuses a manifest larger than 4 MiB without reading it all', async () => {
    await withFake((request, response) => {
      if (!isManifest(request)) return false;
      response.writeHead(200, { 'content-type': MANIFEST_TYPE }).end(Buffer.alloc(5 * 1024 * 1024, 0x20));
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'IMAGE_INVALID', `http://${fake.host}/v2/app/manifests/v1: the response is larger than 4194304 bytes.`);
    });
  });

  it('names an unknown manifest media type', async () => {
    await withFake((request, response) => {
      if (!isManifest(request)) return false;
      response.writeHead(200, { 'content-type': 'application/vnd.example.widget+json' }).end('{"schemaVersion":2}');
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'IMAGE_INVALID', /: manifest sha256:[0-9a-f]{64} has the unknown manifest media type "application\/vnd\.example\.widget\+json"\.$/);
    });
  });

  it('maps 401 and 403 to REGISTRY_AUTH_FAILED', async () => {
    await withFake((request, response) => {
      if (request.url?.startsWith('/token') === true) {
        response.writeHead(401).end();
        return true;
      }
      if (request.url?.startsWith('/v2/app/') === true) {
        response.writeHead(401, { 'www-authenticate': `Bearer realm="http://${request.headers.host ?? ''}/token",service="fake"` }).end();
        return true;
      }
      response.writeHead(403).end();
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'REGISTRY_AUTH_FAILED', `The token service http://${fake.host}/token refused access to ${fake.host} anonymously (HTTP 401).`);
      await rejectsWith(openImage(`docker://${fake.host}/other:v1`, options, TUNING), 'REGISTRY_AUTH_FAILED', `docker://${fake.host}/other:v1: ${fake.host} denied access to manifest other:v1 anonymously (HTTP 403).`);
    });
    await withFake((_request, response) => {
      response.writeHead(401).end();
      return true;
    }, async (fake, options) => {
      await rejectsWith(openImage(`docker://${fake.host}/app:v1`, options, TUNING), 'REGISTRY_AUTH_FAILED', `${fake.host} answered 401 without a WWW-Authenticate challenge.`);
    });
  });

  it('follows blob redirects without leaking the Authorization header to another origin', async () => {
    const storage = await startFake((request, response) => {
      response.writeHead(200).end(request.headers.authorization === undefined ? LAYER : Buffer.alloc(0));
      return true;
    });
    try {
      await withFake((request, response) => {
        if (request.url?.startsWith('/token') === true) {
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t0k3n"}');
          return true;
        }
        if (request.headers.authorization !== 'Bearer t0k3n') {
          response.writeHead(401, { 'www-authenticate': `Bearer realm="http://${request.headers.host ?? ''}/token",service="fake",scope="repository:app:pull"` }).end();
          return true;
        }
        if (request.url !== `/v2/app/blobs/${sha256(LAYER)}`) return false;
        response.writeHead(307, { location: `http://${storage.host}/storage/layer` }).end();
        return true;
      }, async (fake, options) => {
        const image = await openImage(`docker://${fake.host}/app:v1`, options, TUNING);
        assert.deepEqual(await readAll(await nullThrows(image.layers[0], 'layer').open()), LAYER);
        assert.deepEqual(storage.requests, ['GET /storage/layer']);
        assert.ok(fake.requests.includes('GET /token?service=fake&scope=repository%3Aapp%3Apull'), fake.requests.join('\n'));
        await image.close();
      });
    } finally {
      await storage.close();
    }
  });
});
