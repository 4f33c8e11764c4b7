export * from './roster.ts';
export * from './ledger.ts';
export * from './messaging.ts';
export * from './reminders.ts';
