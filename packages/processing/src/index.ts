// Public API of @honeyhive/processing. Filled by a later issue; it exports nothing until then.
export {};
