import { PalisadeError } from '../core/index.ts';
import { cleanCache, defaultCachePath } from '../image/cache/index.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import type { CliIo } from './io.ts';

export const CACHE_HELP = `Usage: palisade cache <command> [options]

Manage the image layer cache (per-layer results of \`palisade scan <image>\`, reused across scans
and across images that share base layers).

Commands:
  clean            Remove the cache file
  path             Print where the cache is

Options:
  --cache-file <path>  The cache file (default: $PALISADE_CACHE_DIR/image-layers.sqlite, else
                       $XDG_CACHE_HOME/palisade/…, else ~/.cache/palisade/…)
  -h, --help           Show this help
`;

const OPTIONS = { 'cache-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `palisade cache clean|path`: the image layer cache. */
export async function cacheCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  const [action, ...extra] = parsed.positionals;
  if (parsed.values['help'] === true || action === undefined) {
    io.stdout.write(CACHE_HELP);
    return action === undefined && parsed.values['help'] !== true ? 2 : 0;
  }
  if (extra.length > 0) throw new PalisadeError('USAGE', `Unexpected argument "${extra.join(' ')}" after "cache ${action}"`);
  const path = stringOption(parsed, 'cache-file') ?? defaultCachePath(io.env);
  if (action === 'path') {
    io.stdout.write(`${path}\n`);
    return 0;
  }
  if (action === 'clean') {
    const { removed, bytes } = await cleanCache(path);
    io.stdout.write(removed ? `Removed the image layer cache ${path} (${formatBytes(bytes)}).\n` : `No image layer cache at ${path}.\n`);
    return 0;
  }
  throw new PalisadeError('USAGE', `Unknown cache command "${action}"; expected "clean" or "path"`);
}

