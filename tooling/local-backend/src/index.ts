// Public API of the local backend. Filled by the local-backend issue.
export {};
