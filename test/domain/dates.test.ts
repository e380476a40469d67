import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  addDays, addYears, daysBetween, EARLIEST_ESD, firstDayOfMonth, isoWeekday, isoWeekLabel, isValidTimeZone,
  isWorkingDay, localHourIn, MAX_YEARS_AHEAD, monthOf, nextWorkingDay, parseCalendarDate, parseCalendarMonth,
  startOfIsoWeek, todayIn, toInstant,
} from '../../src/domain/dates';

/** Asserts `fn(input)` for each [input, expected] pair, naming the input on failure. */
function table<I, O>(fn: (input: I) => O, cases: ReadonlyArray<readonly [I, O]>): void {
  for (const [input, expected] of cases) assert.deepEqual(fn(input), expected, `input ${JSON.stringify(input)}`);
}

describe('domain/dates', () => {
  describe('parseCalendarDate', () => {
    it('accepts real dates, including 29 February of leap years', () => {
      table(parseCalendarDate, [
        ['2026-11-24', '2026-11-24'],
        ['2028-02-29', '2028-02-29'],
        ['2000-02-29', '2000-02-29'],
        ['2026-12-31', '2026-12-31'],
        ['2026-04-30', '2026-04-30'],
      ]);
    });

    it('refuses dates that do not exist', () => {
      table(parseCalendarDate, [
        ['2026-02-30', null],
        ['2026-13-01', null],
        ['2025-02-29', null],
        ['1900-02-29', null], // divisible by 100, not by 400
        ['2026-04-31', null],
        ['2026-00-10', null],
        ['2026-01-00', null],
        ['2026-01-32', null],
        ['0000-01-01', null],
      ]);
    });

    it('refuses anything but an exact YYYY-MM-DD string (no timestamps, no short forms)', () => {
      table(parseCalendarDate, [
        ['2026-2-3', null],
        ['26-02-03', null],
        ['2026/02/03', null],
        ['2026-11-24T00:00:00Z', null],
        ['2026-11-24T09:00', null],
        [' 2026-11-24', null],
        ['2026-11-24\n', null],
        ['', null],
      ]);
      for (const value of [20261124, null, undefined, new Date('2026-11-24T00:00:00Z'), {}, ['2026-11-24'], true]) {
        assert.equal(parseCalendarDate(value), null, `value ${inspect(value)}`);
      }
    });
  });

  describe('parseCalendarMonth', () => {
    it('accepts a real YYYY-MM month', () => {
      table(parseCalendarMonth, [['2027-02', '2027-02'], ['2026-12', '2026-12'], ['2026-01', '2026-01']]);
    });

    it('refuses months that do not exist, other shapes and non-strings', () => {
      table(parseCalendarMonth, [
        ['2027-13', null], ['2027-00', null], ['2027-2', null], ['2027-02-01', null], ['0000-05', null], ['', null],
      ]);
      for (const value of [202702, null, undefined, {}]) assert.equal(parseCalendarMonth(value), null);
    });

    it('R7: a month maps to its first day, and a date back to its month', () => {
      assert.equal(firstDayOfMonth('2027-02'), '2027-02-01');
      assert.equal(monthOf('2027-02-17'), '2027-02');
    });
  });

  describe('day arithmetic', () => {
    it('addDays crosses month, year and leap-day boundaries', () => {
      assert.equal(addDays('2026-01-31', 1), '2026-02-01');
      assert.equal(addDays('2026-02-28', 1), '2026-03-01');
      assert.equal(addDays('2028-02-28', 1), '2028-02-29');
      assert.equal(addDays('2028-02-29', 1), '2028-03-01');
      assert.equal(addDays('2026-12-31', 1), '2027-01-01');
      assert.equal(addDays('2027-01-01', -1), '2026-12-31');
      assert.equal(addDays('2026-03-01', -1), '2026-02-28');
      assert.equal(addDays('2026-11-24', 0), '2026-11-24');
      assert.equal(addDays('2026-11-24', 365), '2027-11-24');
      // Days, not hours: a DST change in any zone does not shift the calendar date.
      assert.equal(addDays('2026-03-28', 2), '2026-03-30');
      assert.equal(addDays('2026-10-24', 2), '2026-10-26');
    });

    it('addYears keeps the day of month, and 29 February falls back to 28 February', () => {
      assert.equal(addYears('2026-11-24', 3), '2029-11-24');
      assert.equal(addYears('2028-02-29', 1), '2029-02-28');
      assert.equal(addYears('2028-02-29', 4), '2032-02-29');
      assert.equal(addYears('2028-02-29', -1), '2027-02-28');
      assert.equal(addYears('2026-12-31', 1), '2027-12-31');
    });

    it('daysBetween counts whole days, negative backwards', () => {
      assert.equal(daysBetween('2026-11-24', '2026-12-01'), 7);
      assert.equal(daysBetween('2026-12-01', '2026-11-24'), -7);
      assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
      assert.equal(daysBetween('2028-01-01', '2029-01-01'), 366);
      assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
      assert.equal(daysBetween('2026-11-24', '2026-11-24'), 0);
    });

    it('isoWeekday is 0 for Monday through 6 for Sunday', () => {
      table(isoWeekday, [['2026-11-23', 0], ['2026-11-24', 1], ['2026-11-27', 4], ['2026-11-28', 5], ['2026-11-29', 6]]);
      table(isWorkingDay, [['2026-11-23', true], ['2026-11-27', true], ['2026-11-28', false], ['2026-11-29', false]]);
    });
  });

  describe('nextWorkingDay', () => {
    it('R5: Friday is asked again on Monday', () => {
      assert.equal(nextWorkingDay('2026-11-27'), '2026-11-30');
    });

    it('R5: Saturday and Sunday are asked again on Monday', () => {
      assert.equal(nextWorkingDay('2026-11-28'), '2026-11-30');
      assert.equal(nextWorkingDay('2026-11-29'), '2026-11-30');
    });

    it('R5: a midweek day is asked again the next day, across a year end too', () => {
      assert.equal(nextWorkingDay('2026-11-25'), '2026-11-26');
      assert.equal(nextWorkingDay('2026-12-31'), '2027-01-01');
      assert.equal(nextWorkingDay('2027-01-01'), '2027-01-04');
    });
  });

  describe('ISO weeks', () => {
    it('startOfIsoWeek is the Monday of the week, across a year end', () => {
      assert.equal(startOfIsoWeek('2026-11-29'), '2026-11-23');
      assert.equal(startOfIsoWeek('2026-11-23'), '2026-11-23');
      assert.equal(startOfIsoWeek('2027-01-01'), '2026-12-28');
    });

    it('isoWeekLabel takes the year of the week\'s Thursday', () => {
      table(isoWeekLabel, [
        ['2026-11-30', '2026-W49'],
        ['2026-01-01', '2026-W01'],
        ['2026-12-31', '2026-W53'],
        ['2027-01-01', '2026-W53'],
        ['2027-01-03', '2026-W53'],
        ['2027-01-04', '2027-W01'],
        ['2024-12-30', '2025-W01'],
        ['2025-12-29', '2026-W01'],
        ['2021-01-03', '2020-W53'],
        ['2021-01-04', '2021-W01'],
        ['2020-12-31', '2020-W53'],
      ]);
    });
  });

  describe('time zones', () => {
    const lateTuesdayUtc = new Date('2026-11-24T23:30:00Z');

    it('todayIn gives each zone its own calendar date at one instant', () => {
      assert.equal(todayIn('UTC', lateTuesdayUtc), '2026-11-24');
      assert.equal(todayIn('Asia/Tokyo', lateTuesdayUtc), '2026-11-25');
      assert.equal(todayIn('America/Los_Angeles', lateTuesdayUtc), '2026-11-24');
      assert.equal(todayIn('Pacific/Kiritimati', lateTuesdayUtc), '2026-11-25');
      assert.equal(todayIn('Asia/Kolkata', lateTuesdayUtc), '2026-11-25');
    });

    it('todayIn: at 10:30Z three calendar dates coexist (UTC-11, UTC, UTC+14)', () => {
      const instant = new Date('2026-11-24T10:30:00Z');
      assert.equal(todayIn('Pacific/Pago_Pago', instant), '2026-11-23');
      assert.equal(todayIn('Europe/London', instant), '2026-11-24');
      assert.equal(todayIn('Pacific/Kiritimati', instant), '2026-11-25');
    });

    it('todayIn and localHourIn asked again and again around a local midnight (answers kept per minute) stay right', () => {
      // Kolkata (+05:30) turns midnight at 18:30Z, Kathmandu (+05:45) at 18:15Z; asked in order, then back again.
      const asked: [string, string, string, number][] = [
        ['Asia/Kolkata', '2026-11-24T18:29:00.000Z', '2026-11-24', 23],
        ['Asia/Kolkata', '2026-11-24T18:29:59.999Z', '2026-11-24', 23],
        ['Asia/Kolkata', '2026-11-24T18:30:00.000Z', '2026-11-25', 0],
        ['Asia/Kolkata', '2026-11-24T18:30:59.999Z', '2026-11-25', 0],
        ['Asia/Kathmandu', '2026-11-24T18:14:59.999Z', '2026-11-24', 23],
        ['Asia/Kathmandu', '2026-11-24T18:15:00.000Z', '2026-11-25', 0],
        ['Asia/Kolkata', '2026-11-24T18:29:30.000Z', '2026-11-24', 23],
        ['Asia/Kathmandu', '2026-11-24T18:14:00.000Z', '2026-11-24', 23],
      ];
      for (const [zone, instant, day, hour] of asked) {
        assert.equal(todayIn(zone, new Date(instant)), day, `${zone} at ${instant}`);
        assert.equal(localHourIn(zone, new Date(instant)), hour, `${zone} at ${instant}`);
      }
    });

    it('todayIn crosses a year end and a half-hour offset', () => {
      assert.equal(todayIn('Asia/Tokyo', new Date('2026-12-31T15:00:00Z')), '2027-01-01');
      assert.equal(todayIn('Asia/Tokyo', new Date('2026-12-31T14:59:59Z')), '2026-12-31');
      assert.equal(todayIn('Asia/Kolkata', new Date('2026-11-24T18:29:00Z')), '2026-11-24');
      assert.equal(todayIn('Asia/Kolkata', new Date('2026-11-24T18:30:00Z')), '2026-11-25');
    });

    it('localHourIn gives the wall-clock hour, 0 at midnight (never 24)', () => {
      assert.equal(localHourIn('Asia/Tokyo', lateTuesdayUtc), 8);
      assert.equal(localHourIn('America/Los_Angeles', lateTuesdayUtc), 15);
      assert.equal(localHourIn('Pacific/Kiritimati', lateTuesdayUtc), 13);
      assert.equal(localHourIn('UTC', lateTuesdayUtc), 23);
      assert.equal(localHourIn('Asia/Tokyo', new Date('2026-11-24T15:00:00Z')), 0);
      assert.equal(localHourIn('Asia/Kolkata', new Date('2026-11-24T18:30:00Z')), 0);
    });

    it('localHourIn follows a daylight-saving change (New York, 8 March 2026)', () => {
      assert.equal(localHourIn('America/New_York', new Date('2026-03-08T06:30:00Z')), 1);
      assert.equal(localHourIn('America/New_York', new Date('2026-03-08T07:30:00Z')), 3);
      assert.equal(localHourIn('America/New_York', new Date('2026-11-24T14:00:00Z')), 9);
    });

    it('isValidTimeZone accepts IANA zones and refuses unknown, empty, overlong and non-string values', () => {
      for (const zone of ['Europe/Paris', 'UTC', 'Asia/Kolkata', 'Pacific/Kiritimati', 'America/Argentina/Buenos_Aires']) {
        assert.equal(isValidTimeZone(zone), true, zone);
      }
      for (const value of ['Mars/Olympus_Mons', 'Europe/Pariss', 'Not a zone', '', `Europe/${'x'.repeat(60)}`]) {
        assert.equal(isValidTimeZone(value), false, value);
      }
      for (const value of [undefined, null, 0, 9, {}, ['UTC']]) assert.equal(isValidTimeZone(value), false, inspect(value));
    });

    it('todayIn refuses a zone the runtime does not know rather than guessing', () => {
      assert.throws(() => todayIn('Mars/Olympus_Mons', lateTuesdayUtc), RangeError);
    });
  });

  it('toInstant is ISO-8601 with Z', () => {
    assert.equal(toInstant(new Date('2026-11-24T09:00:00+02:00')), '2026-11-24T07:00:00.000Z');
  });

  it('the bounds are the FAQ date and three years', () => {
    assert.equal(EARLIEST_ESD, '2019-10-01');
    assert.equal(MAX_YEARS_AHEAD, 3);
  });
});
