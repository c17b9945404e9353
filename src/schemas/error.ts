/**
 * The error reply of every route: a stable `code` from src/core/errors.ts, and `item_index` when
 * one item of a batch is at fault.
 */
import Type, { type Static } from 'typebox';
import { errors } from '../core/errors.ts';

export const ErrorReplySchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.Enum(Object.keys(errors), { description: 'Stable error code; see docs/api.md#errors.' }),
    error: Type.String({ description: 'HTTP reason phrase.' }),
    message: Type.String(),
    item_index: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: '0-based index of the offending item, when one item is at fault.',
      }),
    ),
  },
  { description: 'Error reply.' },
);
export type ErrorReply = Static<typeof ErrorReplySchema>;
