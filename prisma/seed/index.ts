export * from './bench.ts';
export * from './demo.ts';
export * from './places.ts';
export * from './lifts.ts';
export * from './check-in.ts';
