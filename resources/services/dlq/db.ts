// PostgreSQL access for the DLQ roles: the services' shared module.
export * from '../lib/pg-db';
