// Public API of @honeyhive/lifecycle. Filled by a later issue; it exports nothing until then.
export {};
