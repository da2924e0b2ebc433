// Test support: posts to the webhook over HTTPS and reads the answer.
import { request } from 'node:https';

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export function httpsRequest(port: number, ca: Buffer, method: string, path: string, body?: string | Buffer): Promise<HttpAnswer> {
  return new Promise((resolveAnswer, rejectAnswer) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, ca, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveAnswer({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      response.on('error', rejectAnswer);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // The server may answer 400 and close before a huge body is fully sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') rejectAnswer(new Error(`connection closed early: ${error.code}`));
      else rejectAnswer(error);
    });
    outgoing.end(body);
  });
}

/** An AdmissionReview request for `object`. */
export function reviewOf(object: unknown, fields: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { uid: 'uid-1', operation: 'CREATE', object, userInfo: { username: 'alice' }, ...fields },
  });
}
