/** The services a watcher or worker depends on: the watch store (PostgreSQL) and the job queue (Redis). */
export type Service = 'store' | 'queue';

const SERVICES: readonly Service[] = ['store', 'queue'];

/**
 * What a watcher or worker saw of its connections: errors, retries, outages and jobs the queue lost,
 * logged once per outage (not once per reconnect attempt) and counted for /metrics. An outage starts
 * with the first error while the service was up and ends with the next success.
 */
export class ConnectionHealth {
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  /** Service → when its current outage began. */
  readonly #down = new Map<Service, number>();
  readonly #errors = new Map<Service, number>();
  readonly #outages = new Map<Service, number>();
  #storeRetries = 0;
  #requeued = 0;

  constructor(log: (line: string) => void = () => undefined, now: () => number = Date.now) {
    this.#log = log;
    this.#now = now;
  }

  /** A connection error: counted, and logged when it starts an outage. */
  failed(service: Service, error: unknown): void {
    this.#errors.set(service, (this.#errors.get(service) ?? 0) + 1);
    if (this.#down.has(service)) return;
    this.#down.set(service, this.#now());
    this.#log(`lost the ${service}: ${describe(error)}; retrying with backoff`);
  }

  /** The service answered again: ends its outage, if any. */
  recovered(service: Service): void {
    const since = this.#down.get(service);
    if (since === undefined) return;
    this.#down.delete(service);
    this.#outages.set(service, (this.#outages.get(service) ?? 0) + 1);
    this.#log(`the ${service} is back after ${Math.max(0, this.#now() - since)} ms`);
  }

  /** A store operation about to be tried again. */
  retried(): void {
    this.#storeRetries += 1;
  }

  /** A job the queue no longer knew (Redis restarted without its data), put on it again. */
  requeued(jobId: string): void {
    this.#requeued += 1;
    this.#log(`job ${jobId} was missing from the queue (Redis lost its data?); queued again`);
  }

  isDown(service: Service): boolean {
    return this.#down.has(service);
  }

  snapshot(): HealthSnapshot {
    const per = (map: ReadonlyMap<Service, number>): Record<Service, number> => ({ store: map.get('store') ?? 0, queue: map.get('queue') ?? 0 });
    return { errors: per(this.#errors), outages: per(this.#outages), down: SERVICES.filter((service) => this.#down.has(service)), storeRetries: this.#storeRetries, requeuedJobs: this.#requeued };
  }

  /** Prometheus text lines, to append to a /metrics page. */
  metricsText(): string {
    const snapshot = this.snapshot();
    const lines = [
      '# HELP palisade_watch_connection_errors_total Connection errors seen, per service.',
      '# TYPE palisade_watch_connection_errors_total counter',
      ...SERVICES.map((service) => `palisade_watch_connection_errors_total{service="${service}"} ${snapshot.errors[service]}`),
      '# HELP palisade_watch_outages_total Outages that ended (the service answered again), per service.',
      '# TYPE palisade_watch_outages_total counter',
      ...SERVICES.map((service) => `palisade_watch_outages_total{service="${service}"} ${snapshot.outages[service]}`),
      '# HELP palisade_watch_connection_up Whether the last contact with the service succeeded.',
      '# TYPE palisade_watch_connection_up gauge',
      ...SERVICES.map((service) => `palisade_watch_connection_up{service="${service}"} ${snapshot.down.includes(service) ? 0 : 1}`),
      '# HELP palisade_watch_store_retries_total Store operations tried again after a connection error.',
      '# TYPE palisade_watch_store_retries_total counter',
      `palisade_watch_store_retries_total ${snapshot.storeRetries}`,
      '# HELP palisade_watch_requeued_jobs_total Jobs the queue had lost, queued again.',
      '# TYPE palisade_watch_requeued_jobs_total counter',
      `palisade_watch_requeued_jobs_total ${snapshot.requeuedJobs}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}

export interface HealthSnapshot {
  readonly errors: Readonly<Record<Service, number>>;
  readonly outages: Readonly<Record<Service, number>>;
  readonly down: readonly Service[];
  readonly storeRetries: number;
  readonly requeuedJobs: number;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const message = error.message === '' && error instanceof AggregateError ? error.errors.map(describe).join('; ') : error.message;
  return code === '' || message.includes(code) ? message : `${message} (${code})`;
}
