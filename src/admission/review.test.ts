import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAdmissionReview, reviewResponse } from './review.ts';

const ENVELOPE = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' };

test('reads a request', () => {
  const parsed = parseAdmissionReview({
    ...ENVELOPE,
    request: { uid: 'abc', operation: 'UPDATE', namespace: 'shop', object: { kind: 'Pod' }, oldObject: { kind: 'Pod' }, dryRun: true, userInfo: { username: 'alice', groups: ['dev', 3] } },
  });
  assert.deepEqual(parsed, {
    ok: true,
    request: { uid: 'abc', operation: 'UPDATE', namespace: 'shop', object: { kind: 'Pod' }, oldObject: { kind: 'Pod' }, dryRun: true, userInfo: { username: 'alice', groups: ['dev'] } },
  });
  const minimal = parseAdmissionReview({ ...ENVELOPE, request: { uid: 'u', operation: 'DELETE', namespace: '', object: null } });
  assert.deepEqual(minimal, { ok: true, request: { uid: 'u', operation: 'DELETE', namespace: undefined, object: undefined, oldObject: undefined, dryRun: false, userInfo: {} } });
});

test('refuses what is not an admission.k8s.io/v1 AdmissionReview, naming the field', () => {
  const table: readonly [unknown, string][] = [
    [null, 'the body is not a JSON object'],
    [[1], 'the body is not a JSON object'],
    ['text', 'the body is not a JSON object'],
    [{ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview' }, 'expected apiVersion admission.k8s.io/v1 and kind AdmissionReview'],
    [{ ...ENVELOPE }, 'request is missing or not an object'],
    [{ ...ENVELOPE, request: [] }, 'request is missing or not an object'],
    [{ ...ENVELOPE, request: { uid: '', operation: 'CREATE' } }, 'request.uid must be a non-empty string'],
    [{ ...ENVELOPE, request: { uid: 7, operation: 'CREATE' } }, 'request.uid must be a non-empty string'],
    [{ ...ENVELOPE, request: { uid: 'u', operation: 'create' } }, 'request.operation must be one of CREATE, UPDATE, DELETE, CONNECT'],
    [{ ...ENVELOPE, request: { uid: 'u', operation: 'CREATE', object: 'pod' } }, 'request.object must be an object or null'],
    [{ ...ENVELOPE, request: { uid: 'u', operation: 'UPDATE', object: {}, oldObject: [] } }, 'request.oldObject must be an object or null'],
  ];
  for (const [body, message] of table) assert.deepEqual(parseAdmissionReview(body), { ok: false, message }, JSON.stringify(body));
});

test('wraps a response in the envelope', () => {
  assert.deepEqual(reviewResponse({ uid: 'u', allowed: true }), { ...ENVELOPE, response: { uid: 'u', allowed: true } });
});
