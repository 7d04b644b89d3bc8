// PostgreSQL access for the outbox roles: the services' shared module.
export * from '../lib/pg-db';
