/** Collects `uncaughtException` / `unhandledRejection` events while installed: errors that escaped to the host. */
export class StrayErrorCollector {
  /** What escaped, in order. */
  readonly errors: unknown[] = [];
  private readonly onError = (error: unknown): void => {
    this.errors.push(error);
  };

  /** Starts listening. */
  install(): this {
    process.on('uncaughtException', this.onError);
    process.on('unhandledRejection', this.onError);
    return this;
  }

  /** Stops listening. */
  uninstall(): void {
    process.removeListener('uncaughtException', this.onError);
    process.removeListener('unhandledRejection', this.onError);
  }
}
