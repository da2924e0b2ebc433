import { PalisadeError } from '../../core/errors.ts';

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `7d`, `12h`, `1d12h`, `90m`, `30s`, `2w` → seconds; anything else is a USAGE error naming the value. */
export function parseDuration(text: string, what = '--max-age'): number {
  const parts = [...text.trim().matchAll(/(\d{1,9})([smhdw])/g)];
  const joined = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || joined !== text.trim()) {
    throw new PalisadeError('USAGE', `${what} must be a duration such as 7d, 12h or 1d12h (units s, m, h, d, w); got "${text}"`);
  }
  return parts.reduce((total, [, amount = '0', unit = 's']) => total + Number(amount) * (UNITS[unit] ?? 1), 0);
}

/** Seconds → `9d 2h`, `3h 5m`, `42s` (two largest units). */
export function formatDuration(seconds: number): string {
  const units = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const;
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 && parts.length < 2) parts.push(`${amount}${unit}`);
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}
