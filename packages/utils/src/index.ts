// Public API of @honeyhive/utils. Filled by a later issue; it exports nothing until then.
export {};
