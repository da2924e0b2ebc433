// Pod watch traffic as a kind v1.32 API server sends it (`GET /api/v1/pods?watch=1&allowWatchBookmarks=true`),
// written for Palisade's tests: a Deployment rolling out a new digest in `prod`, a StatefulSet, a
// CronJob's Pod finishing, a bookmark, and the 410 Gone a watch gets when its version left the window.
export const DIGEST_PAYMENTS_V1 = `sha256:${'1a'.repeat(32)}`;
export const DIGEST_PAYMENTS_V2 = `sha256:${'2b'.repeat(32)}`;
export const DIGEST_LEDGER = `sha256:${'3c'.repeat(32)}`;
export const DIGEST_REPORT = `sha256:${'4d'.repeat(32)}`;

interface PodShape {
  readonly name: string;
  readonly namespace: string;
  readonly version: string;
  readonly image: string;
  readonly digest?: string;
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly labels?: Record<string, string>;
  readonly phase?: string;
}

/** A Pod as the API server returns it (list items drop apiVersion/kind; watch objects carry them). */
export function pod(shape: PodShape): Record<string, unknown> {
  const container = shape.image.replace(/[:@].*$/, '').split('/').pop() ?? 'main';
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: shape.name,
      namespace: shape.namespace,
      uid: `uid-${shape.namespace}-${shape.name}`,
      resourceVersion: shape.version,
      creationTimestamp: '2026-11-27T09:00:00Z',
      labels: shape.labels ?? {},
      ...(shape.owner === undefined ? {} : { ownerReferences: [{ apiVersion: shape.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: shape.owner.kind, name: shape.owner.name, uid: `uid-owner-${shape.owner.name}`, controller: true, blockOwnerDeletion: true }] }),
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-27T09:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }],
    },
    spec: { containers: [{ name: container, image: shape.image, imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always', nodeName: 'kind-worker' },
    status: {
      phase: shape.phase ?? (shape.digest === undefined ? 'Pending' : 'Running'),
      ...(shape.digest === undefined
        ? {}
        : { containerStatuses: [{ name: container, image: shape.image, imageID: `${shape.image.replace(/[:@].*$/, '')}@${shape.digest}`, ready: true, restartCount: 0, started: true }] }),
    },
  };
}

const rs = (hash: string): { kind: string; name: string } => ({ kind: 'ReplicaSet', name: `payments-${hash}` });

export const PAYMENTS_V1 = pod({ name: 'payments-6f7d8c9b5-k2x9q', namespace: 'prod', version: '5001', image: 'registry.example.com/shop/payments:1.0', digest: DIGEST_PAYMENTS_V1, owner: rs('6f7d8c9b5'), labels: { app: 'payments', 'pod-template-hash': '6f7d8c9b5' } });
export const LEDGER = pod({ name: 'ledger-0', namespace: 'prod', version: '5002', image: `registry.example.com/shop/ledger@${DIGEST_LEDGER}`, digest: DIGEST_LEDGER, owner: { kind: 'StatefulSet', name: 'ledger' }, labels: { app: 'ledger' } });
export const REPORT_RUNNING = pod({ name: 'nightly-report-29400480-7wq4d', namespace: 'batch', version: '5003', image: 'registry.example.com/shop/report:2.1', digest: DIGEST_REPORT, owner: { kind: 'Job', name: 'nightly-report-29400480' }, labels: { 'batch.kubernetes.io/job-name': 'nightly-report-29400480' } });

/** The list the informer starts from (resourceVersion 5003). */
export const INITIAL_PODS = [PAYMENTS_V1, LEDGER, REPORT_RUNNING].map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => item);
export const INITIAL_VERSION = '5003';

const v2 = (version: string, digest?: string): Record<string, unknown> =>
  pod({ name: 'payments-58b4d7c6f-zt8mw', namespace: 'prod', version, image: 'registry.example.com/shop/payments:1.1', ...(digest === undefined ? {} : { digest }), owner: rs('58b4d7c6f'), labels: { app: 'payments', 'pod-template-hash': '58b4d7c6f' } });

/** The rollout: the new Pod is scheduled (no digest yet), starts (digest known), the old one goes; the CronJob's Pod finishes. */
export const ROLLOUT_EVENTS: readonly Record<string, unknown>[] = [
  { type: 'ADDED', object: v2('5010') },
  { type: 'MODIFIED', object: v2('5012', DIGEST_PAYMENTS_V2) },
  { type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '5015', annotations: { 'k8s.io/initial-events-end': 'true' } } } },
  { type: 'DELETED', object: { ...PAYMENTS_V1, metadata: { ...Object(PAYMENTS_V1['metadata']), resourceVersion: '5020', deletionTimestamp: '2026-11-27T09:05:00Z' } } },
  { type: 'MODIFIED', object: pod({ name: 'nightly-report-29400480-7wq4d', namespace: 'batch', version: '5021', image: 'registry.example.com/shop/report:2.1', digest: DIGEST_REPORT, owner: { kind: 'Job', name: 'nightly-report-29400480' }, phase: 'Succeeded' }) },
];

/** The ERROR event a watch from an expired resourceVersion gets. */
export const GONE_EVENT = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 5003 (5400)', reason: 'Expired', code: 410 } };

/** What a re-list after the 410 finds (resourceVersion 5400): the rollout done, a debug Pod added meanwhile. */
export const RELISTED_PODS = [v2('5012', DIGEST_PAYMENTS_V2), LEDGER, pod({ name: 'debug', namespace: 'prod', version: '5399', image: `registry.example.com/shop/payments@${DIGEST_PAYMENTS_V2}`, digest: DIGEST_PAYMENTS_V2 })].map(
  ({ kind: _kind, apiVersion: _apiVersion, ...item }) => item,
);
export const RELISTED_VERSION = '5400';
