import { defineRule } from '../../core/index.ts';
import type { JsonObject } from '../json.ts';
import { arrayAt, isJsonObject, objectAt, objectPath, stringAt } from '../json.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import { apiGroupOf, podSpecOf } from '../workload.ts';

type MessageId = 'serviceSelectsNothing' | 'ingressBackendMissing' | 'autoscalerTargetMissing' | 'serviceAccountMissing';

export const noDanglingReferences = defineRule<KubernetesObjectArtifact, MessageId, ReferenceFact>({
  meta: {
    id: 'K8S-0037',
    slug: 'no-dangling-references',
    title: 'Object refers to something the scanned manifests do not define',
    severity: 'low',
    kind: 'misconfig',
    stability: 'experimental',
    since: '0.1.0',
    target: 'kubernetes-object',
    description:
      'A Service whose selector matches no pod template, an Ingress backend naming no Service, an autoscaler targeting a missing workload or a pod using a missing service account: the reference is misspelt or the object it needs was left out, and traffic, scaling or the pod itself fails at deploy time.',
    remediation: 'Fix the name or labels so the reference matches an object of the same namespace, or add the missing object to the manifests.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service', 'https://kubernetes.io/docs/concepts/services-networking/ingress/'],
    aliases: [
      { tool: 'kube-linter', id: 'dangling-service', relation: 'same' },
      { tool: 'kube-linter', id: 'dangling-ingress', relation: 'same' },
      { tool: 'kube-linter', id: 'dangling-horizontalpodautoscaler', relation: 'same' },
      { tool: 'kube-linter', id: 'non-existent-service-account', relation: 'same' },
    ],
    compliance: ['pci-dss-4.0:2.2.1'],
    packs: ['hardening'],
    messages: {
      serviceSelectsNothing: 'Service "{name}" selects no pod template of the scanned manifests in its namespace.',
      ingressBackendMissing: 'Ingress "{name}" routes to Service "{service}", which the scanned manifests do not define in its namespace.',
      autoscalerTargetMissing: 'HorizontalPodAutoscaler "{name}" scales {kind} "{target}", which the scanned manifests do not define in its namespace.',
      serviceAccountMissing: '{kind} "{name}" runs as service account "{account}", which the scanned manifests do not define in its namespace.',
    },
  },
  collect: referenceFact,
  checkProject(context, facts) {
    const index = indexObjects(facts);
    for (const { namespace, artifact, selector, backends, target, account } of facts) {
      if (artifact === undefined) continue;
      const name = artifact.ref.name ?? '(unnamed)';
      if (selector !== undefined && selectsNothing(selector, index.podLabels.get(namespace) ?? NO_TEMPLATES)) {
        context.report({ artifact, messageId: 'serviceSelectsNothing', at: { pointer: '/spec/selector' }, data: { name } });
      }
      for (const { service, pointer } of backends ?? []) {
        if (!index.names.has(key(namespace, 'Service', service))) context.report({ artifact, messageId: 'ingressBackendMissing', at: { pointer }, data: { name, service } });
      }
      if (target !== undefined && !index.names.has(key(namespace, target.kind, target.name))) {
        context.report({ artifact, messageId: 'autoscalerTargetMissing', at: { pointer: '/spec/scaleTargetRef/name' }, data: { name, kind: target.kind, target: target.name } });
      }
      if (account !== undefined && !index.names.has(key(namespace, 'ServiceAccount', account.name))) {
        context.report({ artifact, messageId: 'serviceAccountMissing', at: { pointer: account.pointer }, data: { kind: artifact.ref.kind, name, account: account.name } });
      }
    }
  },
});

/**
 * What the rule keeps of an object: its `namespace/kind/name`, its pod template's labels, and the
 * references it makes (with the object itself, to report on) when it makes any.
 */
interface ReferenceFact {
  readonly namespace: string;
  readonly key: string | undefined;
  readonly templateLabels: JsonObject | undefined;
  readonly artifact?: KubernetesObjectArtifact;
  /** A Service's selector. */
  readonly selector?: JsonObject;
  readonly backends?: readonly { readonly service: string; readonly pointer: string }[];
  /** A HorizontalPodAutoscaler's `scaleTargetRef`. */
  readonly target?: { readonly kind: string; readonly name: string };
  readonly account?: { readonly name: string; readonly pointer: string };
}

function referenceFact(artifact: KubernetesObjectArtifact): ReferenceFact {
  const { ref, object } = artifact;
  const namespace = ref.namespace ?? '';
  const pod = podSpecOf(object);
  const fact = {
    namespace,
    key: ref.name === undefined ? undefined : key(namespace, ref.kind, ref.name),
    templateLabels: pod === undefined ? undefined : (objectPath(object, labelsPathOf(pod.pointer)) ?? {}),
  };
  const selector = ref.kind === 'Service' && apiGroupOf(ref.apiVersion) === '' ? objectPath(object, ['spec', 'selector']) : undefined;
  const backends = ref.kind === 'Ingress' ? ingressBackends(object) : [];
  const scaleTarget = ref.kind === 'HorizontalPodAutoscaler' ? objectPath(object, ['spec', 'scaleTargetRef']) : undefined;
  const target = scaleTarget === undefined ? undefined : { kind: stringAt(scaleTarget, 'kind'), name: stringAt(scaleTarget, 'name') };
  const named = target?.kind === undefined || target.name === undefined ? undefined : { kind: target.kind, name: target.name };
  const accountName = pod === undefined ? undefined : stringAt(pod.spec, 'serviceAccountName');
  const account = pod === undefined || accountName === undefined || accountName === '' || accountName === 'default' ? undefined : { name: accountName, pointer: `${pod.pointer}/serviceAccountName` };
  // Most objects make no reference: their fact is the one above, built without the spreads below.
  if (selector === undefined && backends.length === 0 && named === undefined && account === undefined) return fact;
  return {
    ...fact,
    artifact,
    ...(selector === undefined ? {} : { selector }),
    ...(backends.length === 0 ? {} : { backends }),
    ...(named === undefined ? {} : { target: named }),
    ...(account === undefined ? {} : { account }),
  };
}

/** The path of a pod template's labels from its pod spec's pointer (`/spec/template/spec` → spec, template, metadata, labels), worked out once per pointer. */
const labelsPaths = new Map<string, readonly string[]>();

function labelsPathOf(podPointer: string): readonly string[] {
  let path = labelsPaths.get(podPointer);
  if (path === undefined) {
    path = [...podPointer.split('/').slice(1, -1), 'metadata', 'labels'];
    labelsPaths.set(podPointer, path);
  }
  return path;
}

interface ObjectIndex {
  /** `namespace/kind/name` of every object. */
  readonly names: ReadonlySet<string>;
  /** Pod template labels of every workload, by namespace. */
  readonly podLabels: ReadonlyMap<string, TemplateLabels>;
}

function indexObjects(facts: readonly ReferenceFact[]): ObjectIndex {
  const names = new Set<string>();
  const podLabels = new Map<string, TemplateLabels>();
  for (const { namespace, key: name, templateLabels } of facts) {
    if (name !== undefined) names.add(name);
    if (templateLabels === undefined) continue;
    let known = podLabels.get(namespace);
    if (known === undefined) {
      known = new TemplateLabels();
      podLabels.set(namespace, known);
    }
    known.add(templateLabels);
  }
  return { names, podLabels };
}

function key(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** A non-empty equality selector that no pod template's labels satisfy. */
function selectsNothing(selector: JsonObject | undefined, templates: TemplateLabels): boolean {
  if (selector === undefined) return false;
  const entries = Object.entries(selector);
  const [first] = entries;
  if (first === undefined) return false;
  // Only the templates that carry the first label with its value can match: found by the index, not by a scan of all.
  const candidates = templates.withLabel(first[0], first[1]);
  return !candidates.some((labels) => entries.every(([label, value]) => labels[label] === value));
}

/**
 * The pod template labels of one namespace, indexed by label and value (a Service's selector is
 * checked against the few templates that carry its first label, not against every template).
 */
class TemplateLabels {
  readonly #byLabel = new Map<string, Map<unknown, JsonObject[]>>();

  add(labels: JsonObject): void {
    for (const [label, value] of Object.entries(labels)) {
      let values = this.#byLabel.get(label);
      if (values === undefined) {
        values = new Map();
        this.#byLabel.set(label, values);
      }
      const list = values.get(value);
      if (list === undefined) values.set(value, [labels]);
      else list.push(labels);
    }
  }

  /** Templates whose `label` is `value` by `===` (a NaN value, never equal, has none). */
  withLabel(label: string, value: unknown): readonly JsonObject[] {
    if (typeof value === 'number' && Number.isNaN(value)) return [];
    return this.#byLabel.get(label)?.get(value) ?? [];
  }
}

const NO_TEMPLATES = new TemplateLabels();

/** Service backends of an Ingress (networking.k8s.io/v1 and the older `serviceName` form), with pointers. */
function ingressBackends(ingress: JsonObject): { readonly service: string; readonly pointer: string }[] {
  const spec = objectAt(ingress, 'spec') ?? {};
  const found: { readonly service: string; readonly pointer: string }[] = [];
  const add = (backend: JsonObject | undefined, pointer: string): void => {
    const v1 = backend === undefined ? undefined : stringAt(objectAt(backend, 'service') ?? {}, 'name');
    const beta = backend === undefined ? undefined : stringAt(backend, 'serviceName');
    if (v1 !== undefined) found.push({ service: v1, pointer: `${pointer}/service/name` });
    else if (beta !== undefined) found.push({ service: beta, pointer: `${pointer}/serviceName` });
  };
  add(objectAt(spec, 'defaultBackend'), '/spec/defaultBackend');
  add(objectAt(spec, 'backend'), '/spec/backend');
  arrayAt(spec, 'rules').forEach((rule, ruleIndex) => {
    const paths = isJsonObject(rule) ? arrayAt(objectAt(rule, 'http') ?? {}, 'paths') : [];
    paths.forEach((path, pathIndex) => add(isJsonObject(path) ? objectAt(path, 'backend') : undefined, `/spec/rules/${ruleIndex}/http/paths/${pathIndex}/backend`));
  });
  return found;
}
