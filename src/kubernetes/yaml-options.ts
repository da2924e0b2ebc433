import type { Tags } from 'yaml';

/**
 * YAML 1.1, as Kubernetes reads manifests (`0755` is 493, `no` is false), except that
 * timestamps and sexagesimal numbers stay strings: Kubernetes' decoder keeps them as text.
 */
export const YAML_OPTIONS = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.filter(keepsKubernetesMeaning).map(withKubernetesFloats),
  logLevel: 'error',
} as const;

function keepsKubernetesMeaning(tag: Tags[number]): boolean {
  if (typeof tag === 'string') return true;
  return tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME';
}

/**
 * The library's YAML 1.1 floats accept a mantissa without a digit (`e5`, `E+1`, `.`, `-.`, `._`
 * resolve to NaN); go-yaml, which Kubernetes uses, needs a digit before the dot or after it, and
 * reads those as strings. The same patterns, with that digit required (a look-ahead).
 */
const EXPONENT_FLOAT = /^[-+]?(?=[0-9_.]*[0-9])(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const DOT_FLOAT = /^[-+]?(?=[0-9_.]*[0-9])(?:[0-9][0-9_]*)?\.[0-9_]*$/;

function withKubernetesFloats(tag: Tags[number]): Tags[number] {
  if (typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:float' || !('test' in tag) || tag.test === undefined) return tag;
  if (tag.format === 'EXP') return { ...tag, test: EXPONENT_FLOAT };
  // The plain float tag has no format; `.nan`/`.inf` share the tag name and are left as they are.
  if (tag.format === undefined && tag.test.test('1.5')) return { ...tag, test: DOT_FLOAT };
  return tag;
}

/** JSON is a subset of YAML 1.2; parsing it with the same library keeps positions. */
export const JSON_OPTIONS = { version: '1.2', logLevel: 'error' } as const;
