import { isRecord, optionalString, parseJsonObject, stringArray, stringRecord } from './json.ts';
import type { ImageConfigFile } from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type ContainerConfig = NonNullable<ImageConfigFile['config']>;
type History = NonNullable<ImageConfigFile['history']>[number];

/**
 * Reads an image config (OCI image-spec or Docker container image v1) into the fields the scanner
 * uses. Fields of the wrong type are dropped, not fatal: a config is data to scan, not to trust.
 */
export function parseImageConfig(bytes: Buffer, what: string): ImageConfigFile {
  const document = parseJsonObject(bytes, what);
  const out: Mutable<ImageConfigFile> = {};
  const created = optionalString(document.created);
  if (created !== undefined) out.created = created;
  const architecture = optionalString(document.architecture);
  if (architecture !== undefined) out.architecture = architecture;
  const os = optionalString(document.os);
  if (os !== undefined) out.os = os;
  if (isRecord(document.config)) out.config = parseContainerConfig(document.config);
  if (isRecord(document.rootfs)) {
    out.rootfs = { type: optionalString(document.rootfs.type) ?? '', diff_ids: stringArray(document.rootfs.diff_ids) ?? [] };
  }
  if (Array.isArray(document.history)) out.history = document.history.filter(isRecord).map(parseHistory);
  return out;
}

function parseContainerConfig(value: Record<string, unknown>): ContainerConfig {
  const out: Mutable<ContainerConfig> = {};
  const user = optionalString(value.User);
  if (user !== undefined) out.User = user;
  const env = stringArray(value.Env);
  if (env !== undefined) out.Env = env;
  const entrypoint = value.Entrypoint === null ? null : stringArray(value.Entrypoint);
  if (entrypoint !== undefined) out.Entrypoint = entrypoint;
  const cmd = value.Cmd === null ? null : stringArray(value.Cmd);
  if (cmd !== undefined) out.Cmd = cmd;
  const workingDir = optionalString(value.WorkingDir);
  if (workingDir !== undefined) out.WorkingDir = workingDir;
  if (isRecord(value.ExposedPorts)) out.ExposedPorts = value.ExposedPorts;
  const labels = value.Labels === null ? null : stringRecord(value.Labels);
  if (labels !== undefined) out.Labels = labels;
  if (isRecord(value.Healthcheck)) {
    const test = stringArray(value.Healthcheck.Test);
    out.Healthcheck = test === undefined ? {} : { Test: test };
  }
  if (value.Volumes === null) out.Volumes = null;
  else if (isRecord(value.Volumes)) out.Volumes = value.Volumes;
  return out;
}

function parseHistory(value: Record<string, unknown>): History {
  const out: Mutable<History> = {};
  const created = optionalString(value.created);
  if (created !== undefined) out.created = created;
  const createdBy = optionalString(value.created_by);
  if (createdBy !== undefined) out.created_by = createdBy;
  const comment = optionalString(value.comment);
  if (comment !== undefined) out.comment = comment;
  if (typeof value.empty_layer === 'boolean') out.empty_layer = value.empty_layer;
  return out;
}
