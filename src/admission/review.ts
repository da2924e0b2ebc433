import type { JsonObject } from '../kubernetes/index.ts';

/** The operations an admission request can carry. */
export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;

export type Operation = (typeof OPERATIONS)[number];

export interface UserInfo {
  readonly username?: string;
  readonly groups?: readonly string[];
}

/** The part of an `admission.k8s.io/v1` AdmissionRequest the decision reads. */
export interface AdmissionRequest {
  readonly uid: string;
  readonly operation: Operation;
  /** The request's namespace (empty for cluster-scoped objects). */
  readonly namespace: string | undefined;
  readonly object: JsonObject | undefined;
  readonly oldObject: JsonObject | undefined;
  readonly dryRun: boolean;
  readonly userInfo: UserInfo;
}

/** The response sent back in an AdmissionReview (fields named as the API names them). */
export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: { readonly code: number; readonly message: string };
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
  /** `/mutate` only: a base64 RFC 6902 patch. */
  readonly patchType?: 'JSONPatch';
  readonly patch?: string;
}

export type ParsedReview = { readonly ok: true; readonly request: AdmissionRequest } | { readonly ok: false; readonly message: string };

/**
 * Reads an AdmissionReview body (already JSON-parsed). Anything that is not an
 * `admission.k8s.io/v1` AdmissionReview with a request uid and a known operation is refused with
 * a message naming the field.
 */
export function parseAdmissionReview(body: unknown): ParsedReview {
  if (!isJsonObject(body)) return refuse('the body is not a JSON object');
  if (body['apiVersion'] !== 'admission.k8s.io/v1' || body['kind'] !== 'AdmissionReview') return refuse('expected apiVersion admission.k8s.io/v1 and kind AdmissionReview');
  const request = body['request'];
  if (!isJsonObject(request)) return refuse('request is missing or not an object');
  const uid = request['uid'];
  if (typeof uid !== 'string' || uid === '') return refuse('request.uid must be a non-empty string');
  const operation = OPERATIONS.find((candidate) => candidate === request['operation']);
  if (operation === undefined) return refuse(`request.operation must be one of ${OPERATIONS.join(', ')}`);
  const object = optionalObject(request['object']);
  const oldObject = optionalObject(request['oldObject']);
  if (object === false) return refuse('request.object must be an object or null');
  if (oldObject === false) return refuse('request.oldObject must be an object or null');
  const namespace = request['namespace'];
  return {
    ok: true,
    request: {
      uid,
      operation,
      namespace: typeof namespace === 'string' && namespace !== '' ? namespace : undefined,
      object,
      oldObject,
      dryRun: request['dryRun'] === true,
      userInfo: userInfoOf(request['userInfo']),
    },
  };
}

/** The AdmissionReview envelope the API server expects back. */
export function reviewResponse(response: AdmissionResponse): { apiVersion: string; kind: string; response: AdmissionResponse } {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}

function optionalObject(value: unknown): JsonObject | undefined | false {
  if (value === undefined || value === null) return undefined;
  return isJsonObject(value) ? value : false;
}

function userInfoOf(value: unknown): UserInfo {
  if (!isJsonObject(value)) return {};
  const { username, groups } = value;
  return {
    ...(typeof username === 'string' ? { username } : {}),
    ...(Array.isArray(groups) ? { groups: groups.filter((group): group is string => typeof group === 'string') } : {}),
  };
}

/** JSON.parse yields JSON values: an object that is not an array is a JsonObject. */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(message: string): ParsedReview {
  return { ok: false, message };
}
