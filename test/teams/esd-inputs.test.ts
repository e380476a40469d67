import assert from 'node:assert/strict';
import { actionInputsOf, byCardInput, CARD_INPUTS } from '../../src/teams/cards/esd-inputs';

describe('teams/cards/esd-inputs', () => {
  it('the card inputs are the contract\'s ids (esd.json)', () => {
    assert.deepEqual([...CARD_INPUTS], ['newDate', 'newMonth', 'reason', 'note', 'startedOn']);
  });

  it('what was typed becomes the action\'s fields; nothing typed, nothing given', () => {
    assert.deepEqual(
      actionInputsOf({ newDate: '2026-12-08', newMonth: '2027-02', reason: 'Moved.', note: 'Voicemail.', startedOn: '2026-11-20' }),
      { engagementStartDate: '2026-12-08', engagementStartMonth: '2027-02', reason: 'Moved.', note: 'Voicemail.', startedOn: '2026-11-20' });
    assert.deepEqual(actionInputsOf({ newMonth: '2027-02' }), { engagementStartMonth: '2027-02' });
    assert.deepEqual(actionInputsOf({}), {});
  });

  it('errors and values by field go under the input of their field', () => {
    assert.deepEqual(
      byCardInput({ engagementStartDate: 'Date.', engagementStartMonth: 'Month.', reason: 'Reason.', note: 'Note.' }),
      { newDate: 'Date.', newMonth: 'Month.', reason: 'Reason.', note: 'Note.' });
    assert.deepEqual(byCardInput({ reason: 'A reason is required.' }), { reason: 'A reason is required.' });
  });
});
