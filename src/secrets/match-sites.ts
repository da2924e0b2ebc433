/**
 * Where a detector's matches can start, so that its regex is tried there only instead of at every
 * position of the file: every match holds an occurrence of `anchor` (a cheap, selective regex) that
 * begins at most `before` characters after the match's start, or, with `before: 'line'`, begins on
 * the line where the match starts (for a pattern that starts with `^` in multiline mode and cannot
 * cross a line). The matches found are exactly those of the regex run over the whole text.
 */
export interface MatchSites {
  readonly anchor: RegExp;
  readonly before: number | 'line';
}

/** One match of a detector's pattern: its span, and its `secret` group when that took part. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly secret: string | undefined;
  readonly secretSpan: readonly [number, number] | undefined;
}

/** The group that measures how far past the candidate start the match begins (never a detector's own name). */
const SKIP = 'palisadeSiteSkip';

interface Compiled {
  readonly pattern: RegExp;
  readonly anchor: RegExp;
  /** Sticky; with a numeric `before`, it first skips lazily up to `before` characters: one call tries every start of a window in order. */
  readonly window: RegExp;
}

const cache = new WeakMap<MatchSites, Compiled>();

function compiled(pattern: RegExp, sites: MatchSites): Compiled {
  let found = cache.get(sites);
  if (found?.pattern !== pattern) {
    const flags = pattern.flags.replace(/[gdy]/g, '');
    const source = typeof sites.before === 'number' ? String.raw`(?<${SKIP}>[^]{0,${sites.before}}?)(?:${pattern.source})` : pattern.source;
    found = { pattern, anchor: new RegExp(sites.anchor.source, `${sites.anchor.flags.replace(/[gdy]/g, '')}g`), window: new RegExp(source, `${flags}yd`) };
    cache.set(sites, found);
  }
  return found;
}

/** JavaScript's line terminators (where `^` matches in multiline mode). */
function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/**
 * The matches of `pattern` (as `exec` with the `g` flag gives them, in order, not overlapping),
 * trying it only where `sites` says a match can start. Leftmost-first: candidate starts are tried in
 * increasing order from the end of the previous match, and the regex run at a fixed start (sticky)
 * finds the match that a whole-text search finds when it gets there. Trying a start that is not a
 * candidate changes nothing (a match found there is a match of the whole-text search too).
 */
export function* sitedMatches(pattern: RegExp, sites: MatchSites, text: string): Generator<PatternMatch> {
  const { anchor, window } = compiled(pattern, sites);
  const before = sites.before;
  /** No match starts before this: the end of the previous match, or past the starts tried. */
  let next = 0;
  /** Every position below `seen` has been looked at for a line terminator; `seenLineStart` is the line start at `seen`. */
  let seen = 0;
  let seenLineStart = 0;
  anchor.lastIndex = 0;
  for (let found = anchor.exec(text); found !== null; found = anchor.exec(text)) {
    const at = found.index;
    anchor.lastIndex = at + 1;
    let first: number;
    let last: number;
    if (before === 'line') {
      let lineStart = seenLineStart;
      for (let position = at - 1; position >= seen; position -= 1) {
        if (!isLineTerminator(text.charCodeAt(position))) continue;
        lineStart = position + 1;
        break;
      }
      seen = at;
      seenLineStart = lineStart;
      first = Math.max(next, lineStart);
      last = lineStart;
    } else {
      first = Math.max(next, at - before);
      last = at;
    }
    while (first <= last) {
      window.lastIndex = first;
      const match = window.exec(text);
      if (match === null) {
        // The window regex tried every start up to `first + before` (or the line start only).
        next = Math.max(next, before === 'line' ? first + 1 : first + before + 1);
        break;
      }
      const skipped = match.groups?.[SKIP]?.length ?? 0;
      const start = match.index + skipped;
      const end = window.lastIndex;
      yield { start, end, secret: match.groups?.['secret'], secretSpan: match.indices?.groups?.['secret'] };
      next = end === start ? start + 1 : end;
      first = next;
    }
    next = Math.max(next, last + 1);
  }
}
