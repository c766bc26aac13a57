// Public API of @honeyhive/core. Filled by a later issue; it exports nothing until then.
export {};
