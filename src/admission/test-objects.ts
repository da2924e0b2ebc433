// Test support: the Kubernetes objects of a manifest file as the API server would receive them
// (one object per document, `List` items one by one; documents that do not parse are left out).
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../kubernetes/index.ts';

export function objectsOfFile(text: string): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) continue;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!isObject(value)) continue;
    const items = value['items'];
    if (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(items)) objects.push(...items.filter(isKubernetesObject));
    else if (isKubernetesObject(value)) objects.push(value);
  }
  return objects;
}

function isKubernetesObject(value: unknown): value is JsonObject {
  return isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string';
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
