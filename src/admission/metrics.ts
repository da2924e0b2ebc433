/** Latency buckets in seconds: admission answers in milliseconds, a webhook times out in seconds. */
export const LATENCY_BUCKETS: readonly number[] = Object.freeze([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

type Labels = Readonly<Record<string, string>>;

interface Histogram {
  readonly labels: Labels;
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Counters and histograms in the Prometheus text exposition format (version 0.0.4), without a
 * client library: label sets are few (decision × mode × dry run, and one per failing policy).
 */
export class AdmissionMetrics {
  readonly #counters = new Map<string, Map<string, { labels: Labels; value: number }>>();
  readonly #histograms = new Map<string, Map<string, Histogram>>();
  readonly #help = new Map<string, string>();

  constructor() {
    this.#help.set('palisade_admission_requests_total', 'Admission requests answered, by decision, mode and dry run.');
    this.#help.set('palisade_admission_request_duration_seconds', 'Time to answer an admission request, by decision.');
    this.#help.set('palisade_admission_policy_decisions_total', 'Requests each rule, policy or image check failed, by decision (denied or warned).');
    this.#help.set('palisade_admission_policy_duration_seconds', 'Time to answer requests a rule or policy failed, by policy and decision.');
    this.#help.set('palisade_admission_enforced_total', 'Requests denied that were not dry runs.');
    this.#help.set('palisade_admission_image_check_errors_total', 'Image checks that could not decide (registry errors, deadline), by failure choice.');
    this.#help.set('palisade_admission_shed_total', 'Requests answered without evaluation because too many were in flight.');
    this.#help.set('palisade_admission_deadline_exceeded_total', 'Requests answered by the failure choice because their deadline passed.');
    this.#help.set('palisade_admission_bad_requests_total', 'Requests refused with 400 (malformed, oversized or not an AdmissionReview), by reason.');
    this.#help.set('palisade_admission_tls_reloads_total', 'Serving certificate reloads, by result.');
    this.#help.set('palisade_admission_mutations_total', 'Requests answered at /mutate, by whether an image was pinned to its digest.');
  }

  increment(name: string, labels: Labels = {}, by = 1): void {
    const series = mapOf(this.#counters, name);
    const key = labelKey(labels);
    const existing = series.get(key);
    if (existing === undefined) series.set(key, { labels, value: by });
    else existing.value += by;
  }

  observe(name: string, labels: Labels, seconds: number): void {
    const series = mapOf(this.#histograms, name);
    const key = labelKey(labels);
    let histogram = series.get(key);
    if (histogram === undefined) {
      histogram = { labels, counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      series.set(key, histogram);
    }
    histogram.sum += seconds;
    histogram.count += 1;
    const index = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
    if (index !== -1) histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
  }

  /** The value of one counter series (tests). */
  counter(name: string, labels: Labels = {}): number {
    return this.#counters.get(name)?.get(labelKey(labels))?.value ?? 0;
  }

  /** The exposition text for `/metrics`. */
  render(): string {
    const out: string[] = [];
    for (const [name, series] of [...this.#counters].sort(byName)) {
      out.push(...this.#header(name, 'counter'));
      for (const { labels, value } of series.values()) out.push(`${name}${formatLabels(labels)} ${value}`);
    }
    for (const [name, series] of [...this.#histograms].sort(byName)) {
      out.push(...this.#header(name, 'histogram'));
      for (const histogram of series.values()) out.push(...histogramLines(name, histogram));
    }
    return `${out.join('\n')}\n`;
  }

  #header(name: string, type: string): string[] {
    const help = this.#help.get(name);
    return [...(help === undefined ? [] : [`# HELP ${name} ${help}`]), `# TYPE ${name} ${type}`];
  }
}

function histogramLines(name: string, histogram: Histogram): string[] {
  const lines: string[] = [];
  let cumulative = 0;
  LATENCY_BUCKETS.forEach((bound, index) => {
    cumulative += histogram.counts[index] ?? 0;
    lines.push(`${name}_bucket${formatLabels({ ...histogram.labels, le: String(bound) })} ${cumulative}`);
  });
  lines.push(`${name}_bucket${formatLabels({ ...histogram.labels, le: '+Inf' })} ${histogram.count}`);
  lines.push(`${name}_sum${formatLabels(histogram.labels)} ${histogram.sum}`);
  lines.push(`${name}_count${formatLabels(histogram.labels)} ${histogram.count}`);
  return lines;
}

function mapOf<V>(maps: Map<string, Map<string, V>>, name: string): Map<string, V> {
  let series = maps.get(name);
  if (series === undefined) {
    series = new Map();
    maps.set(name, series);
  }
  return series;
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key] ?? ''}`)
    .join('\u0000');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function byName(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
