export * from './roster.ts';
export * from './ledger.ts';
