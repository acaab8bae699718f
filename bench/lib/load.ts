import autocannon from 'autocannon'

export interface LoadOptions {
  readonly url: string
  readonly headers?: Record<string, string>
  readonly connections: number
  readonly warmupSeconds: number
  readonly durationSeconds: number
}

export interface LoadResult {
  readonly requests: number
  readonly requestsPerSecond: number
  /** Latencies of 2xx responses in ms, with sub-millisecond resolution. */
  readonly p50Ms: number
  readonly p90Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  /** Non-2xx responses, socket errors and timeouts. */
  readonly errors: number
  readonly durationSeconds: number
}

/**
 * A bounded closed-loop load: `connections` keep-alive connections each send
 * the next request when the previous answer arrives. A warm-up run is thrown
 * away first (JIT, connection pools, caches).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await once(options, options.warmupSeconds, null)
  const latencies = new Latencies()
  return once(options, options.durationSeconds, latencies)
}

async function once(options: LoadOptions, seconds: number, latencies: Latencies | null): Promise<LoadResult> {
  const instance = autocannon({
    url: options.url,
    method: 'GET',
    headers: options.headers ?? {},
    connections: options.connections,
    duration: seconds,
    timeout: 10,
  })
  // autocannon's own histogram keeps whole milliseconds; a bare Fastify p99
  // is about 1 ms, so the ratio needs the raw response times.
  // (autocannon 9 emits `client, statusCode, bytes, responseTime`; its typings omit the client.)
  if (latencies) {
    const emitter = instance as unknown as NodeJS.EventEmitter
    emitter.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.add(responseTimeMs)
    })
  }
  const result = await instance
  const completed2xx = result['2xx']
  const errors = result.non2xx + result.errors // errors include timeouts
  return {
    requests: completed2xx,
    requestsPerSecond: completed2xx / result.duration,
    p50Ms: latencies?.percentile(50) ?? result.latency.p50,
    p90Ms: latencies?.percentile(90) ?? result.latency.p90,
    p99Ms: latencies?.percentile(99) ?? result.latency.p99,
    maxMs: latencies?.max() ?? result.latency.max,
    errors,
    durationSeconds: seconds,
  }
}

/** A growable array of response times; percentiles by sorting once at the end (nearest rank). */
export class Latencies {
  private values = new Float64Array(1 << 16)
  private count = 0
  private sorted = false

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2)
      bigger.set(this.values)
      this.values = bigger
    }
    this.values[this.count++] = ms
    this.sorted = false
  }

  private view(): Float64Array {
    const view = this.values.subarray(0, this.count)
    if (!this.sorted) {
      view.sort()
      this.sorted = true
    }
    return view
  }

  percentile(p: number): number {
    const view = this.view()
    if (view.length === 0) return Number.NaN
    const rank = Math.min(view.length - 1, Math.max(0, Math.ceil((p / 100) * view.length) - 1))
    return view[rank] ?? Number.NaN
  }

  max(): number {
    const view = this.view()
    return view.length === 0 ? Number.NaN : (view[view.length - 1] ?? Number.NaN)
  }
}
