/**
 * Response latencies kept as an HDR histogram (hdr-histogram-js, the library autocannon records
 * with), so that percentiles over all requests of several runs are exact at the histogram's
 * precision: merging two runs adds their bucket counts, which is the same histogram as one
 * recorded with every value of both.
 *
 * Why our own histogram and not autocannon's: autocannon records `Math.trunc`ed milliseconds (its
 * WebAssembly histogram stores integers, lowest discernible value 1 ms), so every response under
 * 1 ms counts as 0 ms and its percentiles are whole milliseconds. We record the same response
 * times (its `response` event, hrtime-based, fractional ms) in integer **microseconds** with 3
 * significant digits: values up to 2,048 µs are exact to the microsecond, larger ones within
 * 1/1024 (under 0.1%) of the recorded value.
 */
import * as hdr from 'hdr-histogram-js';

/** Percentiles of a latency distribution, in milliseconds (with microsecond resolution). */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** 64-bit counts: a bucket never overflows, however long the run. */
const BIT_BUCKET_SIZE = 64;

function emptyHistogram(): hdr.Histogram {
  return hdr.build({
    bitBucketSize: BIT_BUCKET_SIZE,
    // Plain JavaScript: no WebAssembly memory to free by hand, and recording is not the bottleneck
    // (one call per response, next to autocannon's own HTTP parsing).
    useWebAssembly: false,
    lowestDiscernibleValue: 1,
    // One minute in µs; autoResize grows it if a response ever takes longer.
    highestTrackableValue: 60_000_000,
    autoResize: true,
    numberOfSignificantValueDigits: 3,
  });
}

/**
 * The latencies of one run, or of several merged. Kept as a class so the library's histogram type
 * stays inside this file: callers record, merge, encode and read percentiles in milliseconds.
 */
export class LatencyHistogram {
  private constructor(private readonly histogram: hdr.Histogram) {}

  /** An empty histogram, ready to record. */
  static create(): LatencyHistogram {
    return new LatencyHistogram(emptyHistogram());
  }

  /**
   * Reads back what `encode()` wrote. Throws a plain Error naming the problem if the text is not an
   * encoded histogram (e.g. a hand-edited results file).
   */
  static decode(encoded: string): LatencyHistogram {
    try {
      return new LatencyHistogram(hdr.decodeFromCompressedBase64(encoded, BIT_BUCKET_SIZE, false));
    } catch (error) {
      throw new Error(`not an encoded latency histogram (${(error as Error).message})`, { cause: error });
    }
  }

  /**
   * One histogram holding every request of all `runs` (encoded strings or histograms): what
   * `profile validate` needs to report percentiles over several runs. Equal, bucket for bucket, to
   * a histogram that recorded all their values itself.
   */
  static merge(runs: Iterable<string | LatencyHistogram>): LatencyHistogram {
    const merged = emptyHistogram();
    for (const run of runs) {
      const part = typeof run === 'string' ? LatencyHistogram.decode(run) : run;
      merged.add(part.histogram);
    }
    return new LatencyHistogram(merged);
  }

  /** Records one response time given in (fractional) milliseconds. */
  recordMs(ms: number): void {
    this.histogram.recordValue(Math.max(0, Math.round(ms * 1000)));
  }

  /** How many values were recorded. */
  get count(): number {
    return this.histogram.totalCount;
  }

  /** The mean of every value in ms (each counted at its bucket's middle); 0 when nothing was recorded. */
  get meanMs(): number {
    return this.count === 0 ? 0 : this.histogram.mean / 1000;
  }

  /** The standard deviation of every value in ms (over all n values, not n - 1); 0 when empty. */
  get stddevMs(): number {
    return this.count === 0 ? 0 : this.histogram.stdDeviation / 1000;
  }

  /**
   * The latency at `percentile` (0-100) in ms: the nearest-rank value (the smallest recorded value
   * with at least `percentile`% of all values at or below it), reported as the upper end of its
   * histogram bucket; the 0th percentile is the lowest recorded value, as the lower end of its
   * bucket. 0 when nothing was recorded.
   */
  percentileMs(percentile: number): number {
    if (this.count === 0) return 0;
    return this.histogram.getValueAtPercentile(percentile) / 1000;
  }

  /** p50, p90, p99 and max (the 100th percentile, so a merge and a single run agree on it too). */
  summary(): LatencySummary {
    return {
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p99: this.percentileMs(99),
      max: this.percentileMs(100),
    };
  }

  /**
   * The histogram as compressed base64 text (HdrHistogram's standard V2 encoding, readable by the
   * Java, Go and Rust HdrHistogram libraries too): about 1 KB for a few seconds of load on a
   * trivial server (1.2 KB for 14,000 requests here), 5 KB for 100,000 values spread evenly over
   * 0.1-30 ms. Small enough to keep one per run in a results JSON file and merge them later.
   */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }
}
