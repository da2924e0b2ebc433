import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { apiGroupOf, objectAt, stringAt } from '../../kubernetes/index.ts';
import type { ParamKind, PolicyBinding } from './model.ts';
import type { AdmissionTarget } from './request.ts';
import type { ResourceCatalog } from './resources.ts';
import { labelsOf, selectorMatches } from '../../kubernetes/label-selector.ts';

/** The params a binding selects for one request: `[null]` when the policy takes none, or an error to treat by the failure policy. */
export type ParamsOutcome = { readonly ok: true; readonly params: readonly (KubernetesObjectArtifact | null)[] } | { readonly ok: false; readonly message: string };

const WITHOUT_PARAMS: ParamsOutcome = Object.freeze({ ok: true, params: Object.freeze([null]) });

/** Candidate param objects by group and kind (any version: the API server converts between them). */
export class ParamIndex {
  readonly #objects: readonly KubernetesObjectArtifact[];
  readonly #catalog: ResourceCatalog;
  /** Built on the first policy that takes params (most evaluations need none). */
  #byKind: Map<string, KubernetesObjectArtifact[]> | undefined;

  constructor(objects: readonly KubernetesObjectArtifact[], catalog: ResourceCatalog) {
    this.#objects = objects;
    this.#catalog = catalog;
  }

  #candidates(key: string): readonly KubernetesObjectArtifact[] {
    if (this.#byKind === undefined) {
      this.#byKind = new Map();
      for (const artifact of this.#objects) {
        const kindKey = `${apiGroupOf(artifact.ref.apiVersion)}/${artifact.ref.kind}`;
        const list = this.#byKind.get(kindKey);
        if (list === undefined) this.#byKind.set(kindKey, [artifact]);
        else list.push(artifact);
      }
    }
    return this.#byKind.get(key) ?? [];
  }

  /**
   * As the API server's `CollectParams`: no paramKind or no paramRef → one evaluation without params;
   * `name` or `selector` picks objects of the kind, in `paramRef.namespace` or else (for a namespaced
   * kind) the request's namespace; none found with `parameterNotFoundAction: Deny` is an error.
   */
  collect(paramKind: ParamKind | undefined, binding: PolicyBinding, target: AdmissionTarget): ParamsOutcome {
    const ref = binding.paramRef;
    if (paramKind === undefined || ref === undefined) return WITHOUT_PARAMS;
    const group = apiGroupOf(paramKind.apiVersion);
    const candidates = this.#candidates(`${group}/${paramKind.kind}`);
    const namespaced = this.#catalog.isNamespaced(group, paramKind.kind) ?? (ref.namespace !== undefined || candidates.some((candidate) => candidate.ref.namespace !== undefined));
    if (!namespaced && ref.namespace !== undefined) return { ok: false, message: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
    const namespace = ref.namespace ?? target.namespace;
    if (namespaced && namespace === '') return { ok: false, message: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources' };
    const inScope = candidates.filter((candidate) => !namespaced || (candidate.ref.namespace ?? 'default') === namespace);
    const found = ref.name !== undefined ? inScope.filter((candidate) => nameOf(candidate) === ref.name) : inScope.filter((candidate) => selectorMatches(ref.selector, labelsOf(candidate.object)));
    if (found.length === 0 && ref.parameterNotFoundAction === 'Deny') return { ok: false, message: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
    return { ok: true, params: found };
  }
}

function nameOf(artifact: KubernetesObjectArtifact): string | undefined {
  return stringAt(objectAt(artifact.object, 'metadata') ?? {}, 'name');
}
