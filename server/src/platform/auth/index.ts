export * from './actor.ts';
export * from './permissions.ts';
export * from './city-wide.ts';
export * from './region-sql.ts';
