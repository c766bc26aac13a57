// Public API of @honeyhive/integration. Filled by a later issue; it exports nothing until then.
export {};
