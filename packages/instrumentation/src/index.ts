// Public API of @honeyhive/instrumentation. Filled by a later issue; it exports nothing until then.
export {};
