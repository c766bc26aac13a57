import type { RequestProtocol, RouteGroup } from '../records';
import { validateFaultRule, type FaultProtocol, type FaultRoute, type FaultRule } from './fault-rule';

interface ActiveRule {
  rule: FaultRule;
  remaining: number | undefined;
  expiresAt: number | undefined;
}

/**
 * Closes or reopens the listeners when a `refuse` rule starts or ends: `true` means closed (connections dropped,
 * new ones refused), `false` means listening on the original port.
 */
export type RefuseHandler = (httpRefused: boolean, grpcRefused: boolean) => Promise<void>;

/** Fault injection switchboard for tests: `set` rules, `clear` them, and see which are active. */
export interface Faults {
  /** Replace all rules with the given one(s); resolves once they are in effect (a `refuse` has closed the port). */
  set(rule: FaultRule | FaultRule[]): Promise<void>;
  /** Add a rule next to the current ones. */
  add(rule: FaultRule): Promise<void>;
  /** Remove all rules; resolves once a refused port listens again. */
  clear(): Promise<void>;
  /** The rules still in effect (with the remaining count where counted). */
  active(): Array<FaultRule & { remaining?: number }>;
}

function routeMatches(routes: FaultRoute | FaultRoute[] | undefined, route: RouteGroup): boolean {
  const list = routes === undefined ? ['traces'] : Array.isArray(routes) ? routes : [routes];
  return list.includes('all') || (route !== 'unknown' && list.includes(route));
}

function protocolMatches(protocols: FaultProtocol[] | undefined, protocol: RequestProtocol): boolean {
  if (!protocols || protocols.length === 0) return true;
  if (protocol === 'grpc') return protocols.includes('grpc');
  return protocols.includes('http') || protocols.includes(protocol as FaultProtocol);
}

/** Implements `Faults` and answers "which fault applies to this request". */
export class FaultController implements Faults {
  private rules: ActiveRule[] = [];
  private refuseTimer: NodeJS.Timeout | undefined;

  constructor(private readonly handler: RefuseHandler) {}

  async set(rule: FaultRule | FaultRule[]): Promise<void> {
    const list = Array.isArray(rule) ? rule : [rule];
    list.forEach(validateFaultRule);
    this.rules = [];
    for (const r of list) this.rules.push(this.activate(r));
    await this.syncRefuse();
  }

  async add(rule: FaultRule): Promise<void> {
    validateFaultRule(rule);
    this.rules.push(this.activate(rule));
    await this.syncRefuse();
  }

  async clear(): Promise<void> {
    this.rules = [];
    await this.syncRefuse();
  }

  active(): Array<FaultRule & { remaining?: number }> {
    this.prune();
    return this.rules.map((r) => (r.remaining === undefined ? { ...r.rule } : { ...r.rule, remaining: r.remaining }));
  }

  /** The first active, non-refuse rule matching the request; consumes one unit of its count. */
  take(route: RouteGroup, protocol: RequestProtocol): FaultRule | undefined {
    this.prune();
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.kind === 'refuse') continue;
      if (!routeMatches(rule.routes, route) || !protocolMatches(rule.protocols, protocol)) continue;
      if (active.remaining !== undefined) active.remaining -= 1;
      return rule;
    }
    return undefined;
  }

  /** Stops timers; used by `stop()` and `reset()` (does not reopen listeners). */
  dispose(): void {
    this.rules = [];
    if (this.refuseTimer) clearTimeout(this.refuseTimer);
    this.refuseTimer = undefined;
  }

  private activate(rule: FaultRule): ActiveRule {
    return {
      rule,
      remaining: rule.count,
      expiresAt: rule.durationMs === undefined ? undefined : Date.now() + rule.durationMs,
    };
  }

  private prune(): void {
    const now = Date.now();
    this.rules = this.rules.filter(
      (r) => (r.remaining === undefined || r.remaining > 0) && (r.expiresAt === undefined || now < r.expiresAt),
    );
  }

  private async syncRefuse(): Promise<void> {
    this.prune();
    const refuse = this.rules.find((r) => r.rule.kind === 'refuse');
    if (this.refuseTimer) clearTimeout(this.refuseTimer);
    this.refuseTimer = undefined;
    if (refuse) {
      const protocols = refuse.rule.protocols;
      const http = !protocols || protocols.length === 0 || protocols.some((p) => p !== 'grpc');
      const grpc = !protocols || protocols.length === 0 || protocols.includes('grpc');
      if (refuse.expiresAt !== undefined) {
        this.refuseTimer = setTimeout(() => void this.syncRefuse().catch(() => undefined), refuse.expiresAt - Date.now());
        this.refuseTimer.unref();
      }
      await this.handler(http, grpc);
    } else {
      await this.handler(false, false);
    }
  }
}
