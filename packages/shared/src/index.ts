export * from './format.ts';
export * from './geo.ts';
export * from './postcode.ts';
export * from './validation.ts';
export * from './privacy.ts';
export * from './marginality.ts';
export * from './matching/index.ts';
export * from './dates.ts';
