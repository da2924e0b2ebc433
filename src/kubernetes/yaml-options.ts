import type { Tags } from 'yaml';

/**
 * YAML 1.1, as Kubernetes reads manifests (`0755` is 493, `no` is false), except that
 * timestamps and sexagesimal numbers stay strings: Kubernetes' decoder keeps them as text.
 */
export const YAML_OPTIONS = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.filter(keepsKubernetesMeaning),
  logLevel: 'error',
} as const;

function keepsKubernetesMeaning(tag: Tags[number]): boolean {
  if (typeof tag === 'string') return true;
  return tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME';
}

/** JSON is a subset of YAML 1.2; parsing it with the same library keeps positions. */
export const JSON_OPTIONS = { version: '1.2', logLevel: 'error' } as const;
