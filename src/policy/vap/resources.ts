import type { JsonObject } from '../../kubernetes/index.ts';
import { apiGroupOf, arrayAt, isJsonObject, objectAt, stringAt } from '../../kubernetes/index.ts';

/** Group, version and resource (plural) of a request, as admission rules name them. */
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

interface KindInfo {
  readonly resource: string;
  readonly namespaced: boolean;
  /** Other versions the API server serves the resource in (for `matchPolicy: Equivalent`). */
  readonly versions: readonly string[];
}

/** `group kind plural scope versions…` of the built-in kinds (scope `n` namespaced, `c` cluster). */
const BUILT_IN = `
 Pod pods n v1|Service services n v1|ConfigMap configmaps n v1|Secret secrets n v1|ServiceAccount serviceaccounts n v1
 PersistentVolumeClaim persistentvolumeclaims n v1|PersistentVolume persistentvolumes c v1|Namespace namespaces c v1|Node nodes c v1
 ReplicationController replicationcontrollers n v1|PodTemplate podtemplates n v1|Endpoints endpoints n v1|LimitRange limitranges n v1
 ResourceQuota resourcequotas n v1|Event events n v1|Binding bindings n v1
apps Deployment deployments n v1 v1beta2 v1beta1|StatefulSet statefulsets n v1 v1beta2 v1beta1|DaemonSet daemonsets n v1 v1beta2
apps ReplicaSet replicasets n v1 v1beta2|ControllerRevision controllerrevisions n v1 v1beta2 v1beta1
extensions Deployment deployments n v1beta1|DaemonSet daemonsets n v1beta1|ReplicaSet replicasets n v1beta1|Ingress ingresses n v1beta1
extensions NetworkPolicy networkpolicies n v1beta1|PodSecurityPolicy podsecuritypolicies c v1beta1
batch Job jobs n v1|CronJob cronjobs n v1 v1beta1
autoscaling HorizontalPodAutoscaler horizontalpodautoscalers n v2 v1 v2beta2 v2beta1
policy PodDisruptionBudget poddisruptionbudgets n v1 v1beta1|PodSecurityPolicy podsecuritypolicies c v1beta1
networking.k8s.io Ingress ingresses n v1 v1beta1|NetworkPolicy networkpolicies n v1|IngressClass ingressclasses c v1 v1beta1
rbac.authorization.k8s.io Role roles n v1 v1beta1|RoleBinding rolebindings n v1 v1beta1
rbac.authorization.k8s.io ClusterRole clusterroles c v1 v1beta1|ClusterRoleBinding clusterrolebindings c v1 v1beta1
storage.k8s.io StorageClass storageclasses c v1 v1beta1|CSIDriver csidrivers c v1|CSINode csinodes c v1
storage.k8s.io VolumeAttachment volumeattachments c v1|CSIStorageCapacity csistoragecapacities n v1 v1beta1
admissionregistration.k8s.io ValidatingAdmissionPolicy validatingadmissionpolicies c v1 v1beta1 v1alpha1
admissionregistration.k8s.io ValidatingAdmissionPolicyBinding validatingadmissionpolicybindings c v1 v1beta1 v1alpha1
admissionregistration.k8s.io ValidatingWebhookConfiguration validatingwebhookconfigurations c v1
admissionregistration.k8s.io MutatingWebhookConfiguration mutatingwebhookconfigurations c v1
apiextensions.k8s.io CustomResourceDefinition customresourcedefinitions c v1 v1beta1
scheduling.k8s.io PriorityClass priorityclasses c v1|node.k8s.io RuntimeClass runtimeclasses c v1
coordination.k8s.io Lease leases n v1|discovery.k8s.io EndpointSlice endpointslices n v1|events.k8s.io Event events n v1
certificates.k8s.io CertificateSigningRequest certificatesigningrequests c v1|apiregistration.k8s.io APIService apiservices c v1
flowcontrol.apiserver.k8s.io FlowSchema flowschemas c v1|PriorityLevelConfiguration prioritylevelconfigurations c v1
`;

/** Resources the API server serves under more than one group: `matchPolicy: Equivalent` treats them as one. */
const EQUIVALENT_GROUPS: readonly (readonly string[])[] = [
  ['apps/deployments', 'extensions/deployments'],
  ['apps/daemonsets', 'extensions/daemonsets'],
  ['apps/replicasets', 'extensions/replicasets'],
  ['networking.k8s.io/ingresses', 'extensions/ingresses'],
  ['networking.k8s.io/networkpolicies', 'extensions/networkpolicies'],
  ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  ['/events', 'events.k8s.io/events'],
];

const BUILT_IN_KINDS: ReadonlyMap<string, KindInfo> = parseBuiltIns(BUILT_IN);

function parseBuiltIns(table: string): Map<string, KindInfo> {
  const kinds = new Map<string, KindInfo>();
  for (const line of table.split('\n')) {
    // A line that starts with a space is the core group; an entry whose third word is not a scope names its group first.
    let group = '';
    for (const entry of line.split('|')) {
      const words = entry.trim().split(/\s+/);
      if (words.length > 3 && words[2] !== 'n' && words[2] !== 'c') group = words.shift() ?? '';
      const [kind, resource, scope, ...versions] = words;
      if (kind === undefined || kind === '' || resource === undefined) continue;
      kinds.set(`${group}/${kind}`, { resource, namespaced: scope === 'n', versions });
    }
  }
  return kinds;
}

/** Equivalents of requests of catalogs without CRDs, shared by them (bounded: resource names come from admitted objects). */
const BUILT_IN_EQUIVALENTS = new Map<string, readonly GroupVersionResource[]>();
const MAX_BUILT_IN_EQUIVALENTS = 4096;

/** What the scan's CustomResourceDefinitions say about custom kinds. */
export class ResourceCatalog {
  readonly #custom = new Map<string, KindInfo>();
  readonly #equivalents = new Map<string, readonly GroupVersionResource[]>();

  /** Learns the plural, scope and versions of every CRD among `objects`. */
  constructor(objects: readonly JsonObject[]) {
    for (const object of objects) {
      if (object['kind'] !== 'CustomResourceDefinition' || apiGroupOf(stringAt(object, 'apiVersion') ?? '') !== 'apiextensions.k8s.io') continue;
      const spec = objectAt(object, 'spec');
      const names = spec === undefined ? undefined : objectAt(spec, 'names');
      const group = spec === undefined ? undefined : stringAt(spec, 'group');
      const kind = names === undefined ? undefined : stringAt(names, 'kind');
      const plural = names === undefined ? undefined : stringAt(names, 'plural');
      if (spec === undefined || group === undefined || kind === undefined || plural === undefined) continue;
      const versions = arrayAt(spec, 'versions').flatMap((version) => (isJsonObject(version) && typeof version['name'] === 'string' ? [version['name']] : []));
      this.#custom.set(`${group}/${kind}`, { resource: plural, namespaced: stringAt(spec, 'scope') !== 'Cluster', versions });
    }
  }

  /** The resource (plural) of a kind: built in, from a CRD of the scan, or guessed as kubectl does. */
  resourceOf(group: string, kind: string): string {
    return this.#info(group, kind)?.resource ?? guessResource(kind);
  }

  /** Known scope of a kind; undefined for a custom kind without a CRD in the scan. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    return this.#info(group, kind)?.namespaced;
  }

  /**
   * The request's resource and its equivalents (other versions, and other groups serving the same
   * resource), worked out once per resource and kind: per catalog, and, for a catalog that knows no
   * CRD (the answer then depends on the built-in kinds alone), once for all such catalogs.
   */
  equivalents(gvr: GroupVersionResource, kind: string): readonly GroupVersionResource[] {
    const key = `${gvr.group}/${gvr.version}/${gvr.resource}/${kind}`;
    const cache = this.#custom.size === 0 ? BUILT_IN_EQUIVALENTS : this.#equivalents;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const found = this.#findEquivalents(gvr, kind);
    if (cache.size >= MAX_BUILT_IN_EQUIVALENTS) cache.clear();
    cache.set(key, found);
    return found;
  }

  #findEquivalents(gvr: GroupVersionResource, kind: string): readonly GroupVersionResource[] {
    const result: GroupVersionResource[] = [gvr];
    const add = (candidate: GroupVersionResource): void => {
      if (!result.some((known) => known.group === candidate.group && known.version === candidate.version && known.resource === candidate.resource)) result.push(candidate);
    };
    for (const version of this.#info(gvr.group, kind)?.versions ?? []) add({ ...gvr, version });
    const family = EQUIVALENT_GROUPS.find((members) => members.includes(`${gvr.group}/${gvr.resource}`)) ?? [];
    for (const member of family) {
      const group = member.slice(0, member.indexOf('/'));
      for (const version of this.#info(group, kind)?.versions ?? []) add({ group, version, resource: gvr.resource });
    }
    return result;
  }

  #info(group: string, kind: string): KindInfo | undefined {
    return this.#custom.get(`${group}/${kind}`) ?? BUILT_IN_KINDS.get(`${group}/${kind}`);
  }
}

/** kubectl's `UnsafeGuessKindToResource`: lower case, then `-s`, `-es` or `-ies`. */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === '') return lower;
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
