// Public API of @honeyhive/infra. Filled by a later issue; it exports nothing until then.
export {};
