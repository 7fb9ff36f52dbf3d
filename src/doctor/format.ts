/** How doctor writes shares and milliseconds, in the terminal, the Markdown and its evidence alike. */

/** `0.4%`, `21%`, or `-` when there is no figure. */
export const percent = (share: number | null): string =>
  share === null ? '-' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

/** `4.2 ms`, `37 ms`. */
export const millis = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
