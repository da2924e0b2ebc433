import type { PalisadeError, Result } from '../core/index.ts';
import { err, ok } from '../core/index.ts';
import { validateConfig } from './config-validator.generated.ts';
import type { PalisadeConfig } from './schema.ts';
import { issuesError, schemaIssues } from './schema-issues.ts';
import type { YamlSource } from './yaml-source.ts';
import { parseYamlSource } from './yaml-source.ts';

/**
 * Parses and validates the text of `.palisade.yaml`. An empty file (or one holding only comments) is a
 * valid empty configuration. Every problem is reported in one `CONFIG_INVALID` error, one
 * `file:line:column: message` line each; `position` holds the first.
 */
export function loadConfig(path: string, text: string): Result<PalisadeConfig, PalisadeError> {
  const loaded = loadConfigDocument(path, text);
  return loaded.ok ? ok(loaded.value.config) : loaded;
}

/** Like `loadConfig`, keeping the parsed YAML so later checks (rule options) can name positions. */
export function loadConfigDocument(path: string, text: string): Result<{ config: PalisadeConfig; source: YamlSource | undefined }, PalisadeError> {
  const parsed = parseYamlSource(path, text);
  if (!parsed.ok) return err(issuesError('CONFIG_INVALID', path, parsed.error));
  const data = parsed.value.data ?? {};
  // Precompiled from configSchema (scripts/schema-validators.ts): no ajv loads here.
  if (validateConfig(data)) return ok({ config: data, source: parsed.value.source });
  return err(issuesError('CONFIG_INVALID', path, schemaIssues(parsed.value.source, validateConfig.errors ?? [])));
}
