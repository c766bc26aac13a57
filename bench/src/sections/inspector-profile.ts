import fs from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Runs `work` under the V8 CPU profiler (sampling every `intervalUs`) and writes the profile to `file`
 * (a .cpuprofile). Used to profile one tracer construction, which `node --cpu-prof` would drown in the
 * module loading around it.
 */
export async function profiled<T>(file: string, work: () => Promise<T>, intervalUs = 25): Promise<T> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
