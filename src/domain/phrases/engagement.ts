/** Transitions of an engagement (R3, R5, R6, R7): domain/engagement.ts. */
export const ENGAGEMENT_PHRASES = {
  'engagement.reschedulePastAdvice': 'If communication with the customer already started that day, use '
    + '"Communication started" and pick the day it happened.',
} as const;
