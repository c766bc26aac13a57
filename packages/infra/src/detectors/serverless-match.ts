import type { CloudInfo, EnvironmentKind, FaasInfo } from '../environment';

/** What a serverless detector reports: the kind plus the cloud and function details it could read. */
export interface ServerlessMatch {
  kind: EnvironmentKind;
  cloud: CloudInfo;
  faas?: FaasInfo;
}
