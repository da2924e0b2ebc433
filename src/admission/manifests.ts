import { stringify } from 'yaml';
import { TOOL_VERSION } from '../scan/version.ts';

export interface ManifestOptions {
  /** The namespace the webhook runs in (default `palisade-system`); it is never sent to the webhook itself. */
  readonly namespace?: string;
  /** The server image (default `ghcr.io/palisade-dev/palisade:<version>`); pin it by digest in production. */
  readonly image?: string;
  /**
   * Where the API server's trust in the serving certificate comes from: cert-manager (an Issuer and a
   * Certificate, and the CA injected into the webhook configuration), or a CA bundle (PEM) given by
   * the user, the serving certificate and key then being a Secret the user creates.
   */
  readonly trust: { readonly kind: 'cert-manager' } | { readonly kind: 'ca-bundle'; readonly pem: string };
  /** `Fail` (default) or `Ignore`: what the API server does when the webhook cannot answer. */
  readonly failurePolicy?: 'Fail' | 'Ignore';
  /** The webhook's timeout (default 5 s; the server answers within `timeoutSeconds - 1`). */
  readonly timeoutSeconds?: number;
  /** `enforce`, `warn` or `audit` (default `enforce`). */
  readonly mode?: string;
  /** Add a MutatingWebhookConfiguration for `/mutate` (pins verified image tags to digests). */
  readonly mutate?: boolean;
}

const NAME = 'palisade-admission';
const PORT = 8443;
const LABELS = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'palisade' };

/** Resources the webhook is asked about (CREATE and UPDATE): workloads, Services, Ingresses, RBAC and NetworkPolicies. */
const WEBHOOK_RULES = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'services', 'serviceaccounts'] },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses', 'networkpolicies'] },
  { apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['v1'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] },
];

/**
 * Everything to run the webhook, as one multi-document YAML text: Namespace (restricted Pod Security),
 * ServiceAccount (no API token) with a Role reading only its own ConfigMap, ConfigMap, Deployment (two
 * replicas spread over nodes, restricted security context, read-only root filesystem, limits),
 * PodDisruptionBudget, Service, NetworkPolicy and the ValidatingWebhookConfiguration.
 */
export function admissionManifests(options: ManifestOptions): string {
  const namespace = options.namespace ?? 'palisade-system';
  const timeoutSeconds = options.timeoutSeconds ?? 5;
  const objects = [
    namespaceObject(namespace),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(namespace), automountServiceAccountToken: false },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(namespace),
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [NAME], verbs: ['get', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(namespace),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace }],
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(namespace), data: { '.palisade.yaml': 'failOn: high\n' } },
    deployment(namespace, options.image ?? `ghcr.io/palisade-dev/palisade:${TOOL_VERSION}`, options.mode ?? 'enforce', timeoutSeconds, options.mutate === true),
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(namespace), spec: { minAvailable: 1, selector: { matchLabels: LABELS } } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(namespace),
      spec: { type: 'ClusterIP', selector: LABELS, ports: [{ name: 'https', port: 443, targetPort: PORT, protocol: 'TCP' }] },
    },
    networkPolicy(namespace),
    ...(options.trust.kind === 'cert-manager' ? certManagerObjects(namespace) : []),
    ...(options.mutate === true ? [mutatingConfiguration(namespace, options, timeoutSeconds)] : []),
    webhookConfiguration(namespace, options, timeoutSeconds),
  ];
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n');
}

function meta(namespace: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: NAME, namespace, labels: LABELS, ...extra };
}

function namespaceObject(namespace: string): Record<string, unknown> {
  const labels = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } };
}

function deployment(namespace: string, image: string, mode: string, timeoutSeconds: number, mutate: boolean): Record<string, unknown> {
  const probe = (path: string): Record<string, unknown> => ({ httpGet: { path, port: PORT, scheme: 'HTTPS' }, periodSeconds: 10, timeoutSeconds: 2 });
  const container = {
    name: 'admission',
    image,
    imagePullPolicy: 'IfNotPresent',
    args: [
      'admission',
      'serve',
      `--port=${PORT}`,
      '--tls-cert=/etc/palisade/tls/tls.crt',
      '--tls-key=/etc/palisade/tls/tls.key',
      '--config=/etc/palisade/config/.palisade.yaml',
      `--mode=${mode}`,
      `--deadline=${Math.max(1, timeoutSeconds - 1) * 1000}`,
      ...(mutate ? ['--mutate', '--verify-policy=/etc/palisade/config/verify-policy.yaml'] : []),
    ],
    ports: [{ name: 'https', containerPort: PORT, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    livenessProbe: probe('/healthz'),
    readinessProbe: probe('/readyz'),
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    volumeMounts: [
      { name: 'tls', mountPath: '/etc/palisade/tls', readOnly: true },
      { name: 'config', mountPath: '/etc/palisade/config', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
  const antiAffinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: LABELS } } }] } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(namespace),
    spec: {
      replicas: 2,
      selector: { matchLabels: LABELS },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: LABELS },
        spec: {
          serviceAccountName: NAME,
          automountServiceAccountToken: false,
          priorityClassName: 'system-cluster-critical',
          securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          affinity: antiAffinity,
          containers: [container],
          volumes: [
            { name: 'tls', secret: { secretName: `${NAME}-tls` } },
            { name: 'config', configMap: { name: NAME } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
          ],
        },
      },
    },
  };
}

/** Ingress to the server port only (the API server's address is not known here); egress to DNS and HTTPS registries. */
function networkPolicy(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(namespace),
    spec: {
      podSelector: { matchLabels: LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ port: PORT, protocol: 'TCP' }] }],
      egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }, { ports: [{ port: 443, protocol: 'TCP' }] }],
    },
  };
}

/** cert-manager's kinds are custom resources whose schemas Palisade does not carry: the waiver says so. */
const CERT_MANAGER_WAIVER = { 'palisade.dev/ignore': "require-known-schema -- cert-manager's CRDs are not in Palisade's schema catalogue" };

function certManagerObjects(namespace: string): Record<string, unknown>[] {
  return [
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta(namespace, { annotations: CERT_MANAGER_WAIVER }), spec: { selfSigned: {} } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(namespace, { annotations: CERT_MANAGER_WAIVER }),
      spec: {
        secretName: `${NAME}-tls`,
        duration: '2160h',
        renewBefore: '360h',
        dnsNames: [`${NAME}.${namespace}.svc`, `${NAME}.${namespace}.svc.cluster.local`],
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        issuerRef: { kind: 'Issuer', name: NAME },
      },
    },
  ];
}

function webhookConfiguration(namespace: string, options: ManifestOptions, timeoutSeconds: number): Record<string, unknown> {
  const webhook = {
    name: 'validate.palisade.dev',
    ...webhookCommon(namespace, options, timeoutSeconds, '/validate'),
    failurePolicy: options.failurePolicy ?? 'Fail',
    rules: WEBHOOK_RULES.map((rule) => ({ ...rule, operations: ['CREATE', 'UPDATE'], scope: '*' })),
  };
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: configurationMeta(namespace, options), webhooks: [webhook] };
}

/** Pinning is an improvement, not the gate: `Ignore`, so an unavailable webhook never blocks (validation still runs). */
function mutatingConfiguration(namespace: string, options: ManifestOptions, timeoutSeconds: number): Record<string, unknown> {
  const workloads = WEBHOOK_RULES.filter((rule) => rule.apiGroups.includes('apps') || rule.apiGroups.includes('batch')).concat([{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }]);
  const webhook = {
    name: 'mutate.palisade.dev',
    ...webhookCommon(namespace, options, timeoutSeconds, '/mutate'),
    failurePolicy: 'Ignore',
    reinvocationPolicy: 'Never',
    rules: workloads.map((rule) => ({ ...rule, operations: ['CREATE'], scope: '*' })),
  };
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: configurationMeta(namespace, options), webhooks: [webhook] };
}

function configurationMeta(namespace: string, options: ManifestOptions): Record<string, unknown> {
  const annotations = { 'cert-manager.io/inject-ca-from': `${namespace}/${NAME}` };
  return { name: NAME, labels: LABELS, ...(options.trust.kind === 'cert-manager' ? { annotations } : {}) };
}

function webhookCommon(namespace: string, options: ManifestOptions, timeoutSeconds: number, path: string): Record<string, unknown> {
  const caBundle = options.trust.kind === 'ca-bundle' ? { caBundle: Buffer.from(options.trust.pem).toString('base64') } : {};
  return {
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    matchPolicy: 'Equivalent',
    timeoutSeconds,
    clientConfig: { service: { namespace, name: NAME, path, port: 443 }, ...caBundle },
    namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', namespace] }] },
  };
}
