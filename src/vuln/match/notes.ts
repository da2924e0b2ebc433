// Notes about a matching run, aggregated: one line per kind of event with a count and a few
// examples, so 10,000 unparsable versions give one line, not 10,000.
const MAX_EXAMPLES = 5;

interface Entry {
  readonly text: string;
  count: number;
  readonly examples: string[];
  /** Distinct examples seen (capped), to say whether more exist than are shown. */
  readonly distinct: Set<string>;
}

const MAX_DISTINCT = 10_000;

export class MatchNotes {
  readonly #entries = new Map<string, Entry>();

  /** Counts one occurrence of `text` (the same text is one line), remembering `example` if given. */
  add(text: string, example?: string): void {
    const entry = this.#entries.get(text) ?? { text, count: 0, examples: [], distinct: new Set<string>() };
    entry.count += 1;
    if (example !== undefined && entry.distinct.size < MAX_DISTINCT) entry.distinct.add(example);
    if (example !== undefined && entry.examples.length < MAX_EXAMPLES && !entry.examples.includes(example)) entry.examples.push(example);
    this.#entries.set(text, entry);
  }

  lines(): string[] {
    return [...this.#entries.values()].map(render);
  }
}

function render(entry: Entry): string {
  const counted = entry.count > 1 ? `${entry.text} (${entry.count} times)` : entry.text;
  if (entry.examples.length === 0) return counted;
  const more = entry.distinct.size > entry.examples.length ? ', …' : '';
  return `${counted}: ${entry.examples.join(', ')}${more}`;
}
