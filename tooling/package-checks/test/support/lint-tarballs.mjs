// Runs publint and arethetypeswrong on packed tarballs, in one process so TypeScript (which attw loads) loads once.
// Both are ES modules only, which jest's CommonJS test runtime cannot import, so the test spawns this script.
// Usage: node lint-tarballs.mjs <tarball>...   Prints JSON: [{ tarball, publint: string[], attw: string[] }].
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';

async function lint(tarball) {
  const data = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  const publintFindings = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`);
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(data)));
  const attwFindings = result.types === false
    ? ['NoTypes: the package ships no types']
    : result.problems.map((problem) => {
        const where = [problem.entrypoint, problem.resolutionKind].filter(Boolean).join(' ');
        const files = [problem.typesFileName, problem.implementationFileName, problem.fileName].filter(Boolean).join(' / ');
        return `${problem.kind}${where ? ` (${where})` : ''}${files ? `: ${files}` : ''}`;
      });
  return { tarball, publint: publintFindings, attw: attwFindings };
}

const results = [];
for (const tarball of process.argv.slice(2)) results.push(await lint(tarball));
process.stdout.write(JSON.stringify(results));
