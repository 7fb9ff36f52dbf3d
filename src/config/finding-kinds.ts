/**
 * The findings `profile doctor` can make, as words of the config (`doctor.allow`) and of the
 * `--allow` flag: config owns them, so that the schema needs nothing of doctor/ to check them.
 */
export const FINDING_KINDS = ['event-loop-blocked', 'gc-pressure', 'io-bound'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
