/** Keyset paging of the sent cards (GET /api/reminders): by due day, then id, on both stores. */
import type { SentCard } from '../domain/types';
import { decodeCursor, encodeCursor, type Cursor } from './engagement-rows';

/** Where a page of sent cards ended: the due day and id of its last card. */
export interface SentCardCursor {
  dueOn: string;
  id: string;
}

/** The same opaque token format as the engagement listings (its workload part unused). */
export function encodeSentCardCursor(card: SentCard): string {
  return encodeCursor({ date: card.dueOn, tenantId: card.id, workload: '' });
}

export function decodeSentCardCursor(token: string | undefined): SentCardCursor | undefined {
  const cursor: Cursor | undefined = decodeCursor(token);
  return cursor && { dueOn: cursor.date, id: cursor.tenantId };
}
