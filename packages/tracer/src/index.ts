// Public API of @honeyhive/tracer. Filled by a later issue; it exports nothing until then.
export {};
