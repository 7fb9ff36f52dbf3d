/**
 * Runs clinic's command line (`node clinic-main.cjs <clinic bin.js> flame ...`) with the fix the 0x
 * engine makes (zero-x-main.cts): clinic flame runs 0x, which takes the first V8 log that `readdir`
 * lists, and for a TypeScript workload (tsx's module-hooks thread is a second isolate) that was
 * sometimes the loader thread's: seen on CI, a profile without the workload's functions. 0x's
 * `getIsolateLog` is public for this kind of use; clinic's own copy of 0x is the one patched.
 */
import { createRequire } from 'node:module';
import { mainIsolateLog } from './zero-x-main.cjs';

if (require.main === module) {
  const [clinicBin, ...args] = process.argv.slice(2);
  if (!clinicBin) throw new Error('usage: clinic-main.cjs <clinic bin.js> <command> [args...]');
  const flame = createRequire(clinicBin).resolve('@clinic/flame/package.json');
  const v8 = createRequire(flame)('0x/platform/v8.js') as { getIsolateLog: typeof mainIsolateLog };
  v8.getIsolateLog = mainIsolateLog;
  // clinic reads its command from process.argv, as if started as `node bin.js ...`.
  process.argv = [process.argv[0] as string, clinicBin, ...args];
  require(clinicBin);
}
