import type { EnvVars } from '../environment';
import { isEnvSet } from '../read-env';

/** Vendor variables in the order they are checked, with the `ciName` each gives. */
const CI_VENDORS: ReadonlyArray<readonly [variable: string, name: string]> = [
  ['GITHUB_ACTIONS', 'github-actions'],
  ['GITLAB_CI', 'gitlab'],
  ['CIRCLECI', 'circleci'],
  ['BUILDKITE', 'buildkite'],
  ['JENKINS_URL', 'jenkins'],
  ['TRAVIS', 'travis'],
  ['TF_BUILD', 'azure-pipelines'],
  ['BITBUCKET_BUILD_NUMBER', 'bitbucket'],
  ['CODEBUILD_BUILD_ID', 'aws-codebuild'],
  ['TEAMCITY_VERSION', 'teamcity'],
  ['DRONE', 'drone'],
  ['APPVEYOR', 'appveyor'],
  ['SEMAPHORE', 'semaphore'],
];

/** The CI system's name, `generic` when only `CI` is set (and not to a false word), else undefined. */
export function detectCi(env: EnvVars): string | undefined {
  for (const [variable, name] of CI_VENDORS) if (isEnvSet(env, variable)) return name;
  return isEnvSet(env, 'CI') ? 'generic' : undefined;
}
