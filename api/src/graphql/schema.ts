import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './common.ts';
import '../places/schema.ts';
import '../places/suggestions.ts';
import '../accounts/schema.ts';
import '../mail/schema.ts';
import '../events/schema.ts';
import '../rsvps/schema.ts';
import '../shifts/schema.ts';
import '../lifts/schema.ts';
import '../lifts/return-schema.ts';
import '../messages/schema.ts';
import '../campaigns/schema.ts';
import '../check-in/schema.ts';
import '../exports/schema.ts';
import '../seat-coverage/schema.ts';
import '../live/schema.ts';

export const schema = builder.toSchema();

export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
