export * from './actor.ts';
export * from './permissions.ts';
