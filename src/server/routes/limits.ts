/**
 * Request limits shared by every route, so `/reward`, `/vote` and the trainer routes refuse the
 * same batches with the same error.
 */
import type { Config } from '../../config.ts';
import { errors } from '../../core/errors.ts';

/**
 * Refuse a batch of more than MAX_ITEMS items before anything is graded.
 *
 * @param count items (completions, queries, verify responses) in the request
 * @throws RLVR_ERR_REQUEST_TOO_MANY_ITEMS (413)
 */
export function checkItemCount(config: Pick<Config, 'MAX_ITEMS'>, count: number): void {
  if (count > config.MAX_ITEMS) throw new errors.RLVR_ERR_REQUEST_TOO_MANY_ITEMS(count, config.MAX_ITEMS);
}
