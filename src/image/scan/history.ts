import type { ImageConfigFile } from '../source/types.ts';

/**
 * The `created_by` of the history entry behind each layer: history entries marked `empty_layer`
 * (ENV, LABEL, USER …) made no layer and are skipped, so the n-th remaining entry belongs to the
 * n-th layer. Undefined where the history is shorter than the layer list (squashed or hand-made images).
 */
export function layerCreators(config: ImageConfigFile, layerCount: number): (string | undefined)[] {
  const creators = (config.history ?? []).filter((entry) => entry.empty_layer !== true).map((entry) => entry.created_by);
  return Array.from({ length: layerCount }, (_value, index) => creators[index]);
}

/**
 * The Dockerfile instruction as people write it: `/bin/sh -c #(nop) COPY …` → `COPY …`,
 * `/bin/sh -c apt-get …` → `RUN apt-get …`, BuildKit's `… # buildkit` suffix dropped.
 */
export function instructionOf(createdBy: string): string {
  const text = createdBy.replace(/\s*# buildkit$/, '').trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop !== null) return (nop[1] ?? '').trim();
  const shell = /^\/bin\/sh -c\s+(.*)$/s.exec(text);
  if (shell !== null) return `RUN ${shell[1] ?? ''}`.trim();
  return text;
}
