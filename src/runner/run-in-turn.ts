/**
 * Runs a command's items one at a time, with Ctrl-C handling: the first Ctrl-C stops the running
 * item's process tree (through the signal) and skips the rest. Shared by every command that runs
 * workloads (cpu, memory, doctor, validate's session), so Ctrl-C means the same in each.
 */

/**
 * Runs `each` over the targets one at a time until done or Ctrl-C; the first Ctrl-C stops the
 * running workload's tree (through the signal) and skips the rest. `after` runs after every target,
 * so results are saved as they come.
 */
export async function runTargets<T, R>(
  targets: T[],
  each: (target: T, signal: AbortSignal) => Promise<R>,
  after: (results: R[]) => Promise<void>,
): Promise<{ results: R[]; interrupted: boolean }> {
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on('SIGINT', onSigint);
  const results: R[] = [];
  try {
    for (const t of targets) {
      if (abort.signal.aborted) break;
      results.push(await each(t, abort.signal));
      await after(results);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return { results, interrupted: abort.signal.aborted };
}

/** One step that Ctrl-C stops as it stops runTargets' workloads: `interrupted` says it did. */
export async function runInterruptible<R>(
  step: (signal: AbortSignal) => Promise<R>,
): Promise<{ result: R | undefined; interrupted: boolean }> {
  const { results, interrupted } = await runTargets(
    [step],
    (s, signal) => s(signal),
    async () => {},
  );
  return { result: results[0], interrupted };
}
